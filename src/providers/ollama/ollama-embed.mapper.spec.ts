import { InvalidRequestError } from '../../common/errors';
import { buildDeployment } from '../../deployments/deployment.factory';
import { decodeBase64Embedding } from '../shared/embedding-encoding';
import { fromOllamaEmbedResponse, toOllamaEmbedRequest } from './ollama-embed.mapper';

const deployment = buildDeployment({ model_name: 'e', litellm_params: { model: 'ollama/all-minilm' } });

describe('toOllamaEmbedRequest', () => {
  it.each([
    [{ input: 'a' }, { model: 'all-minilm', input: 'a' }],
    [{ input: ['a', 'b'] }, { model: 'all-minilm', input: ['a', 'b'] }],
    [{ input: 'a', dimensions: 8, truncate: false, keep_alive: '1m' }, { model: 'all-minilm', input: 'a', dimensions: 8, truncate: false, keep_alive: '1m' }],
    [{ input: 'a', user: 'u', encoding_format: 'base64' as const }, { model: 'all-minilm', input: 'a' }],
  ])('%j', (req, expected) => {
    expect(toOllamaEmbedRequest({ model: 'e', ...req }, deployment)).toEqual(expected);
  });

  it.each([[[1, 2]], [[[1], [2]]]])('refuses token input %j', (input) => {
    expect(() => toOllamaEmbedRequest({ model: 'e', input }, deployment)).toThrow(InvalidRequestError);
  });
});

describe('fromOllamaEmbedResponse', () => {
  const res = { model: 'all-minilm', embeddings: [[0.5], [0.25]], prompt_eval_count: 3 };
  it('lists vectors in order with prompt_eval_count as usage', () => {
    expect(fromOllamaEmbedResponse(res, { model: 'e', input: ['a', 'b'] })).toEqual({
      object: 'list',
      model: 'all-minilm',
      data: [
        { object: 'embedding', index: 0, embedding: [0.5] },
        { object: 'embedding', index: 1, embedding: [0.25] },
      ],
      usage: { prompt_tokens: 3, total_tokens: 3 },
    });
  });
  it('base64 when asked', () => {
    const out = fromOllamaEmbedResponse(res, { model: 'e', input: ['a', 'b'], encoding_format: 'base64' });
    expect(decodeBase64Embedding(out.data[0].embedding as string)).toEqual([0.5]);
  });
});
