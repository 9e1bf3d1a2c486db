import { InvalidRequestError } from '../../common/errors';
import { buildDeployment } from '../../deployments/deployment.factory';
import { decodeBase64Embedding } from '../shared/embedding-encoding';
import { COHERE_DEFAULT_INPUT_TYPE, fromCohereEmbedResponse, toCohereEmbedRequest } from './cohere-embed.mapper';

const deployment = buildDeployment({ model_name: 'e', litellm_params: { model: 'cohere/embed-v4.0' } });

describe('toCohereEmbedRequest', () => {
  it.each([
    [{ input: 'a' }, { texts: ['a'], input_type: COHERE_DEFAULT_INPUT_TYPE }],
    [{ input: ['a', 'b'], input_type: 'classification' }, { texts: ['a', 'b'], input_type: 'classification' }],
    [{ input: 'a', dimensions: 512 }, { output_dimension: 512 }],
    [{ input: 'a', truncate: 'END' }, { truncate: 'END' }],
  ])('%j', (req, expected) => {
    const body = toCohereEmbedRequest({ model: 'e', ...req }, deployment);
    expect(body).toMatchObject({ model: 'embed-v4.0', embedding_types: ['float'], ...expected });
  });

  it.each([[[1, 2, 3]], [[[1, 2]]]])('refuses token input %j', (input) => {
    expect(() => toCohereEmbedRequest({ model: 'e', input }, deployment)).toThrow(InvalidRequestError);
  });

  it('ignores user and encoding_format upstream', () => {
    expect(toCohereEmbedRequest({ model: 'e', input: 'a', user: 'u', encoding_format: 'base64' }, deployment)).toEqual({
      model: 'embed-v4.0',
      texts: ['a'],
      input_type: COHERE_DEFAULT_INPUT_TYPE,
      embedding_types: ['float'],
    });
  });
});

describe('fromCohereEmbedResponse', () => {
  const res = { embeddings: { float: [[0.5, 1], [2, 4]] }, meta: { billed_units: { input_tokens: 6 } } };

  it('lists the float vectors in order with the billed tokens', () => {
    expect(fromCohereEmbedResponse(res, { model: 'e', input: ['a', 'b'] }, 'embed-v4.0')).toEqual({
      object: 'list',
      model: 'embed-v4.0',
      data: [
        { object: 'embedding', index: 0, embedding: [0.5, 1] },
        { object: 'embedding', index: 1, embedding: [2, 4] },
      ],
      usage: { prompt_tokens: 6, total_tokens: 6 },
    });
  });

  it('encodes base64 when asked', () => {
    const out = fromCohereEmbedResponse(res, { model: 'e', input: ['a', 'b'], encoding_format: 'base64' }, 'm');
    expect(decodeBase64Embedding(out.data[1].embedding as string)).toEqual([2, 4]);
  });
});
