import { toChatRequest } from './request-to-chat.mapper';
import type { ResponseInputItem, ResponseRequest } from '../responses.types';

const req = (r: Partial<ResponseRequest>): ResponseRequest => ({ model: 'm', input: 'x', ...r });

describe('toChatRequest', () => {
  const cases: Array<[string, ResponseRequest, ResponseInputItem[], object]> = [
    ['a string input is one user message', req({ input: 'Hi' }), [], { messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] }],
    [
      'instructions become the system message; developer becomes system',
      req({ instructions: 'Be brief.', input: [{ role: 'developer', content: 'Use French.' }, { role: 'user', content: 'Hi' }] }),
      [],
      { messages: [{ role: 'system', content: 'Be brief.' }, { role: 'system', content: 'Use French.' }, { role: 'user', content: 'Hi' }] },
    ],
    [
      'input_text and input_image parts',
      req({ input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'What is this?' }, { type: 'input_image', image_url: 'https://x/cat.png', detail: 'low' }] }] }),
      [],
      { messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'https://x/cat.png', detail: 'low' } }] }] },
    ],
    [
      'history first (assistant output parts become text), then the input',
      req({ input: 'And now?' }),
      [
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hello' }] },
        { type: 'message', id: 'msg_1', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Hi!', annotations: [] }] },
      ],
      {
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Hello' }] },
          { role: 'assistant', content: 'Hi!' },
          { role: 'user', content: [{ type: 'text', text: 'And now?' }] },
        ],
      },
    ],
    [
      'parallel function calls are one assistant turn; outputs are tool messages',
      req({
        input: [
          { type: 'function_call', call_id: 'c1', name: 'a', arguments: '{}' },
          { type: 'function_call', call_id: 'c2', name: 'b', arguments: '{"x":1}' },
          { type: 'function_call_output', call_id: 'c1', output: 'one' },
          { type: 'function_call_output', call_id: 'c2', output: [{ type: 'input_text', text: 'two' }] },
        ],
      }),
      [],
      {
        messages: [
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 'c1', type: 'function', function: { name: 'a', arguments: '{}' } },
              { id: 'c2', type: 'function', function: { name: 'b', arguments: '{"x":1}' } },
            ],
          },
          { role: 'tool', tool_call_id: 'c1', content: 'one' },
          { role: 'tool', tool_call_id: 'c2', content: 'two' },
        ],
      },
    ],
    [
      'settings: max_output_tokens, tools, tool_choice, text.format',
      req({
        max_output_tokens: 50,
        temperature: 0.3,
        top_p: 0.9,
        tools: [{ type: 'function', name: 'f', description: 'd', parameters: { type: 'object' }, strict: true }],
        tool_choice: { type: 'function', name: 'f' },
        text: { format: { type: 'json_schema', name: 's', schema: { type: 'object' }, strict: true } },
      }),
      [],
      {
        max_tokens: 50,
        temperature: 0.3,
        top_p: 0.9,
        tools: [{ type: 'function', function: { name: 'f', description: 'd', parameters: { type: 'object' }, strict: true } }],
        tool_choice: { type: 'function', function: { name: 'f' } },
        response_format: { type: 'json_schema', json_schema: { name: 's', schema: { type: 'object' }, strict: true } },
      },
    ],
  ];

  it.each(cases)('%s', (_name, request, history, expected) => {
    expect(toChatRequest(request, history)).toMatchObject(expected);
  });

  const refusals: Array<[string, ResponseRequest, string]> = [
    ['a hosted tool', req({ tools: [{ type: 'web_search_preview' }] }), 'tools[0].type'],
    ['an image by file id', req({ input: [{ role: 'user', content: [{ type: 'input_image', file_id: 'file_1' }] }] }), 'input[0].content[0].image_url'],
    ['an item reference', req({ input: [{ role: 'user', content: 'a' }, { type: 'item_reference', id: 'x' }] }), 'input[1].type'],
    ['a file part', req({ input: [{ role: 'user', content: [{ type: 'input_file', file_id: 'f' }] }] }), 'input[0].content[0].type'],
  ];

  it.each(refusals)('refuses %s with a 400 naming the field', (_name, request, param) => {
    expect(() => toChatRequest(request)).toThrow(expect.objectContaining({ status: 400, param }));
  });
});
