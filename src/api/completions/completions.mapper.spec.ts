import { InvalidRequestError } from '../../common/errors';
import type { ChatCompletion, ChatCompletionChunk } from '../../common/openai/openai.types';
import type { TextCompletionRequest } from '../../common/openai/text-completion.types';
import {
  bridgeContext,
  ChatStreamToCompletionMapper,
  chatToCompletion,
  promptTexts,
  toChatRequest,
  toCompletionId,
  toLegacyLogprobs,
  toTextFinishReason,
  withoutUsage,
} from './completions.mapper';

const req = (extra: Partial<TextCompletionRequest> = {}): TextCompletionRequest => ({ model: 'm', prompt: 'Say hi', ...extra });

const chat = (
  contents: Array<string | null>,
  extra: Partial<ChatCompletion> = {},
  finish: ChatCompletion['choices'][number]['finish_reason'] = 'stop',
): ChatCompletion => ({
  id: 'chatcmpl-abc',
  object: 'chat.completion',
  created: 1700000000,
  model: 'up-model',
  choices: contents.map((content, index) => ({ index, message: { role: 'assistant', content }, finish_reason: finish })),
  usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
  ...extra,
});

const chunk = (choices: ChatCompletionChunk['choices'], extra: Partial<ChatCompletionChunk> = {}): ChatCompletionChunk => ({
  id: 'chatcmpl-s',
  object: 'chat.completion.chunk',
  created: 1700000001,
  model: 'up-model',
  choices,
  ...extra,
});
const delta = (content: string | undefined, index = 0, finish: ChatCompletionChunk['choices'][number]['finish_reason'] = null, role?: 'assistant') => ({
  index,
  delta: { ...(role ? { role } : {}), ...(content !== undefined ? { content } : {}) },
  finish_reason: finish,
});

describe('promptTexts', () => {
  it.each([
    ['a string', 'hi', ['hi']],
    ['an empty string', '', ['']],
    ['a list of strings', ['a', 'b'], ['a', 'b']],
  ])('%s', (_name, prompt, expected) => {
    expect(promptTexts(prompt)).toEqual(expected);
  });

  it.each([
    ['token ids', [1, 2, 3]],
    ['lists of token ids', [[1, 2], [3]]],
  ])('refuses %s with a 400 naming prompt', (_name, prompt) => {
    expect(() => promptTexts(prompt)).toThrow(InvalidRequestError);
    try {
      promptTexts(prompt);
    } catch (err) {
      expect(err).toMatchObject({ status: 400, param: 'prompt', code: 'unsupported_prompt' });
    }
  });
});

describe('toChatRequest', () => {
  it.each<[string, Partial<TextCompletionRequest>, Record<string, unknown>]>([
    ['prompt as one user message', {}, { model: 'm', messages: [{ role: 'user', content: 'Say hi' }] }],
    [
      'sampling fields pass through',
      {
        max_tokens: 7,
        temperature: 0.3,
        top_p: 0.9,
        n: 2,
        stop: ['\n'],
        presence_penalty: 1,
        frequency_penalty: -1,
        logit_bias: { '50256': -100 },
        seed: 4,
        user: 'u',
      },
      {
        max_tokens: 7,
        temperature: 0.3,
        top_p: 0.9,
        n: 2,
        stop: ['\n'],
        presence_penalty: 1,
        frequency_penalty: -1,
        logit_bias: { '50256': -100 },
        seed: 4,
        user: 'u',
      },
    ],
    ['stream fields pass through', { stream: true, stream_options: { include_usage: true } }, { stream: true, stream_options: { include_usage: true } }],
    ['logprobs N → logprobs + top_logprobs', { logprobs: 3 }, { logprobs: true, top_logprobs: 3 }],
    ['logprobs 0 → logprobs only', { logprobs: 0 }, { logprobs: true }],
    ['best_of equal to n is fine', { best_of: 2, n: 2 }, { n: 2 }],
    ['an empty suffix is no suffix', { suffix: '' }, { messages: [{ role: 'user', content: 'Say hi' }] }],
  ])('%s', (_name, extra, expected) => {
    const out = toChatRequest(req(extra), 'Say hi');
    expect(out).toMatchObject(expected);
    for (const gone of ['prompt', 'suffix', 'echo', 'best_of']) expect(out).not.toHaveProperty(gone);
    if (extra.logprobs === 0) expect(out).not.toHaveProperty('top_logprobs');
  });

  it.each<[string, Partial<TextCompletionRequest>, string]>([
    ['suffix', { suffix: 'end' }, 'suffix'],
    ['best_of above n', { best_of: 3, n: 1 }, 'best_of'],
    ['best_of above the default n', { best_of: 2 }, 'best_of'],
  ])('refuses %s, naming the field', (_name, extra, param) => {
    expect(() => toChatRequest(req(extra), 'x')).toThrow(expect.objectContaining({ status: 400, param, code: 'unsupported_parameter' }));
  });
});

describe('toTextFinishReason', () => {
  it.each([
    ['stop', 'stop'],
    ['length', 'length'],
    ['content_filter', 'content_filter'],
    ['tool_calls', 'stop'],
    ['function_call', 'stop'],
    [null, null],
    [undefined, null],
  ] as const)('%s → %s', (reason, expected) => {
    expect(toTextFinishReason(reason)).toBe(expected);
  });
});

describe('toCompletionId', () => {
  it.each([
    ['chatcmpl-123', 'cmpl-123'],
    ['msg_01abc', 'msg_01abc'],
    ['cmpl-9', 'cmpl-9'],
  ])('%s → %s', (id, expected) => {
    expect(toCompletionId(id)).toBe(expected);
  });
});

describe('toLegacyLogprobs', () => {
  it.each<[string, unknown, number, unknown]>([
    ['none', null, 0, null],
    ['no content', { refusal: null }, 0, null],
    [
      'tokens, their logprobs, the top ones as a mapping and offsets',
      {
        content: [
          {
            token: 'Hi',
            logprob: -0.1,
            top_logprobs: [
              { token: 'Hi', logprob: -0.1 },
              { token: 'Hey', logprob: -2 },
            ],
          },
          { token: ' there', logprob: -0.5 },
        ],
      },
      4,
      { tokens: ['Hi', ' there'], token_logprobs: [-0.1, -0.5], top_logprobs: [{ Hi: -0.1, Hey: -2 }, {}], text_offset: [4, 6] },
    ],
  ])('%s', (_name, input, offset, expected) => {
    expect(toLegacyLogprobs(input, offset)).toEqual(expected);
  });
});

describe('chatToCompletion', () => {
  it.each<[string, TextCompletionRequest, ChatCompletion[], Record<string, unknown>]>([
    [
      'one prompt, one answer',
      req(),
      [chat(['Hello'])],
      {
        id: 'cmpl-abc',
        object: 'text_completion',
        created: 1700000000,
        model: 'up-model',
        choices: [{ text: 'Hello', index: 0, logprobs: null, finish_reason: 'stop' }],
        usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
      },
    ],
    ['a null content is empty text', req(), [chat([null], {}, 'length')], { choices: [{ text: '', index: 0, logprobs: null, finish_reason: 'length' }] }],
    [
      'echo puts the prompt first',
      req({ echo: true }),
      [chat([' world'])],
      { choices: [{ text: 'Say hi world', index: 0, logprobs: null, finish_reason: 'stop' }] },
    ],
    [
      'two prompts with n=2: indexes prompt × n + choice, usage summed',
      req({ prompt: ['a', 'b'], n: 2 }),
      [chat(['a0', 'a1']), chat(['b0', 'b1'])],
      {
        choices: [
          { text: 'a0', index: 0 },
          { text: 'a1', index: 1 },
          { text: 'b0', index: 2 },
          { text: 'b1', index: 3 },
        ],
        usage: { prompt_tokens: 6, completion_tokens: 4, total_tokens: 10 },
      },
    ],
    ['system_fingerprint is kept', req(), [chat(['x'], { system_fingerprint: 'fp_1' })], { system_fingerprint: 'fp_1' }],
  ])('%s', (_name, request, answers, expected) => {
    expect(chatToCompletion(answers, bridgeContext(request))).toMatchObject(expected);
  });

  it('leaves usage out when the provider gave none', () => {
    expect(chatToCompletion([chat(['x'], { usage: undefined })], bridgeContext(req()))).not.toHaveProperty('usage');
  });
});

describe('ChatStreamToCompletionMapper', () => {
  const usage = { prompt_tokens: 4, completion_tokens: 3, total_tokens: 7 };

  it.each<[string, TextCompletionRequest, Array<[ChatCompletionChunk, number]>, unknown[]]>([
    [
      'role chunk dropped, text deltas and the finish as text_completion chunks, usage last',
      req(),
      [
        [chunk([delta('', 0, null, 'assistant')]), 0],
        [chunk([delta('Hel')]), 0],
        [chunk([delta('lo')]), 0],
        [chunk([delta(undefined, 0, 'stop')]), 0],
        [chunk([], { usage }), 0],
      ],
      [
        {
          id: 'cmpl-s',
          object: 'text_completion',
          created: 1700000001,
          model: 'up-model',
          choices: [{ text: 'Hel', index: 0, logprobs: null, finish_reason: null }],
        },
        { id: 'cmpl-s', object: 'text_completion', choices: [{ text: 'lo', index: 0, logprobs: null, finish_reason: null }] },
        { choices: [{ text: '', index: 0, logprobs: null, finish_reason: 'stop' }] },
        { id: 'cmpl-s', object: 'text_completion', choices: [], usage },
      ],
    ],
    [
      'echo: the prompt comes with the first chunk of each choice',
      req({ echo: true, n: 2 }),
      [
        [chunk([delta('', 0, null, 'assistant'), delta('', 1, null, 'assistant')]), 0],
        [chunk([delta(' A', 0), delta(' B', 1)]), 0],
      ],
      [
        {
          choices: [
            { text: 'Say hi', index: 0 },
            { text: 'Say hi', index: 1 },
          ],
        },
        {
          choices: [
            { text: ' A', index: 0 },
            { text: ' B', index: 1 },
          ],
        },
      ],
    ],
    [
      'second prompt: indexes shifted by n, usage of both prompts summed into one chunk',
      req({ prompt: ['p', 'q'] }),
      [
        [chunk([delta('one', 0, 'stop')]), 0],
        [chunk([], { usage }), 0],
        [chunk([delta('two', 0, 'length')]), 1],
        [chunk([], { usage }), 1],
      ],
      [
        { choices: [{ text: 'one', index: 0, finish_reason: 'stop' }] },
        { choices: [{ text: 'two', index: 1, finish_reason: 'length' }] },
        { choices: [], usage: { prompt_tokens: 8, completion_tokens: 6, total_tokens: 14 } },
      ],
    ],
    [
      'usage on a chunk that also has text is taken, not repeated inline',
      req(),
      [[chunk([delta('x', 0, 'stop')], { usage }), 0]],
      [{ choices: [{ text: 'x', index: 0 }] }, { choices: [], usage }],
    ],
    [
      'logprobs carry offsets across chunks',
      req({ logprobs: 1 }),
      [
        [chunk([{ ...delta('Hi'), logprobs: { content: [{ token: 'Hi', logprob: -1, top_logprobs: [] }] } }]), 0],
        [chunk([{ ...delta('!'), logprobs: { content: [{ token: '!', logprob: -2, top_logprobs: [] }] } }]), 0],
      ],
      [
        { choices: [{ text: 'Hi', logprobs: { tokens: ['Hi'], token_logprobs: [-1], top_logprobs: [{}], text_offset: [0] } }] },
        { choices: [{ text: '!', logprobs: { tokens: ['!'], token_logprobs: [-2], top_logprobs: [{}], text_offset: [2] } }] },
      ],
    ],
    ['nothing but a role chunk: nothing, and no usage chunk without usage', req(), [[chunk([delta('', 0, null, 'assistant')]), 0]], []],
  ])('%s', (_name, request, input, expected) => {
    const mapper = new ChatStreamToCompletionMapper(bridgeContext(request));
    const out = [...input.flatMap(([c, p]) => mapper.push(c, p)), ...mapper.finish()];
    expect(out).toHaveLength(expected.length);
    out.forEach((o, i) => expect(o).toMatchObject(expected[i] as object));
    for (const o of out) if (o.choices.length > 0) expect(o).not.toHaveProperty('usage');
  });
});

describe('withoutUsage', () => {
  const base = { id: 'cmpl-1', object: 'text_completion' as const, created: 1, model: 'm' };
  const choice = { text: 'x', index: 0, logprobs: null, finish_reason: null };
  const usage = { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 };
  it.each([
    ['a text chunk as it is', { ...base, choices: [choice] }, { ...base, choices: [choice] }],
    ['the usage-only chunk: nothing', { ...base, choices: [], usage }, undefined],
    ['a text chunk with usage: without it', { ...base, choices: [choice], usage }, { ...base, choices: [choice] }],
    ['usage null: as it is', { ...base, choices: [], usage: null }, { ...base, choices: [], usage: null }],
  ])('%s', (_name, input, expected) => {
    expect(withoutUsage(input)).toEqual(expected);
  });
});
