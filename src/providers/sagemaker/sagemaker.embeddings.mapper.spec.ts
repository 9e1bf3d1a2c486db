import { BadGatewayError, InvalidRequestError } from '../../common/errors';
import { decodeBase64Embedding } from '../shared/embedding-encoding';
import { embeddingInputs, teiBody, toEmbeddingResponse, vectorsOf } from './sagemaker.embeddings.mapper';
import type { SageMakerEmbeddingResponse } from './sagemaker.types';

describe('embeddingInputs', () => {
  it('takes a string or a list of strings', () => {
    expect(embeddingInputs({ model: 'm', input: 'a' })).toEqual(['a']);
    expect(embeddingInputs({ model: 'm', input: ['a', 'b'] })).toEqual(['a', 'b']);
  });
  it.each([[[]], [[1, 2]]])('refuses %j with a 400 on input', (input) => {
    expect(() => embeddingInputs({ model: 'm', input })).toThrow(InvalidRequestError);
  });
});

describe('teiBody', () => {
  it('sends inputs, and dimensions / normalize when given', () => {
    expect(teiBody(['a'], { model: 'm', input: 'a' })).toEqual({ inputs: ['a'] });
    expect(teiBody(['a'], { model: 'm', input: 'a', dimensions: 256, normalize: false })).toEqual({ inputs: ['a'], dimensions: 256, normalize: false });
  });
});

describe('vectorsOf', () => {
  it.each<[string, SageMakerEmbeddingResponse, number, number[][]]>([
    ['TEI', [[1, 2], [3, 4]], 2, [[1, 2], [3, 4]]],
    ['{embeddings}', { embeddings: [[1, 2]] }, 1, [[1, 2]]],
    ['{vectors}', { vectors: [[1, 2], [3, 4]] }, 2, [[1, 2], [3, 4]]],
    ['a flat {vectors} for one input', { vectors: [1, 2] }, 1, [[1, 2]]],
    ['a flat list for one input', [1, 2], 1, [[1, 2]]],
  ])('reads %s', (_label, res, expected, vectors) => {
    expect(vectorsOf(res, expected)).toEqual(vectors);
  });

  it.each<[string, SageMakerEmbeddingResponse, number]>([
    ['a count mismatch', [[1, 2]], 2],
    ['token-level output', [[[1, 2], [3, 4]]] as unknown as number[][], 1],
    ['a flat vector for two inputs', [1, 2], 2],
    ['an object without vectors', { embeddings: 'x' }, 1],
    ['empty vectors', [[]], 1],
  ])('is a 502 for %s', (_label, res, expected) => {
    expect(() => vectorsOf(res, expected)).toThrow(BadGatewayError);
  });
});

describe('toEmbeddingResponse', () => {
  it('estimates usage at about four characters a token (SageMaker reports none)', () => {
    const out = toEmbeddingResponse([[1], [2]], ['abcd', 'abcdefghi'], 'ep', undefined);
    expect(out).toEqual({
      object: 'list',
      data: [
        { object: 'embedding', index: 0, embedding: [1] },
        { object: 'embedding', index: 1, embedding: [2] },
      ],
      model: 'ep',
      usage: { prompt_tokens: 4, total_tokens: 4 },
    });
  });

  it('encodes base64 when asked', () => {
    const out = toEmbeddingResponse([[0.5, -1]], ['a'], 'ep', 'base64');
    expect(decodeBase64Embedding(out.data[0].embedding as string)).toEqual([0.5, -1]);
  });
});
