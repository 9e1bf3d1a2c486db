import type { Deployment } from '../../deployments/deployment';
import { nativeBody } from './responses-upstream';
import type { StoredResponse } from './store/responses.store';

const deployment = (id: string) => ({ id }) as Deployment;
const previous = (deploymentId?: string): StoredResponse => ({
  id: 'resp_prev',
  ownerKeyHash: 'o',
  response: {} as never,
  inputItems: [],
  history: [
    { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hi' }] },
    { type: 'message', id: 'msg_1', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Hello', annotations: [] }] },
  ],
  deploymentId,
  storedAt: 0,
});

describe('nativeBody', () => {
  const request = { model: 'm', input: 'Next', previous_response_id: 'resp_prev', metadata: { trace_id: 't' } };

  it.each([
    ['no previous response: as sent, without metadata', undefined, 'dep-a', { model: 'm', input: 'Next', previous_response_id: 'resp_prev' }],
    ['the deployment that made the previous response: its id passes through', previous('dep-a'), 'dep-a', { model: 'm', input: 'Next', previous_response_id: 'resp_prev' }],
    [
      'any other deployment: the stored conversation as input, without gateway item ids',
      previous(undefined),
      'dep-a',
      {
        model: 'm',
        input: [
          { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hi' }] },
          { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Hello', annotations: [] }] },
          { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Next' }] },
        ],
      },
    ],
  ])('%s', (_name, prev, id, expected) => {
    expect(nativeBody(request, prev, deployment(id))).toEqual(expected);
  });
});
