import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { Expose, Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';
import { ChatCompletionRequestDto } from '../../api/chat-completions/dto/chat-completion-request.dto';
import { EmbeddingRequestDto } from '../../api/embeddings/dto/embedding-request.dto';
import { ModerationRequestDto } from '../../api/moderations/dto/moderation-request.dto';
import { GatewayError } from '../errors';
import { flattenValidationErrors } from '../validation/flatten-validation-errors';
import { InvalidRequestError } from '../errors';
import { OpenAIValidationPipe } from './openai-validation.pipe';

/** Nest's pipe as the gateway configured it before: the reference the fast path must agree with. */
function referencePipe(): ValidationPipe {
  return new ValidationPipe({
    transform: false,
    whitelist: false,
    forbidUnknownValues: false,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const [first] = flattenValidationErrors(errors);
      if (!first) return new InvalidRequestError('Invalid request body');
      return new InvalidRequestError(`Invalid value for '${first.path}': ${first.message}`, { param: first.path });
    },
  });
}

async function outcome(pipe: ValidationPipe, body: unknown, metatype: ArgumentMetadata['metatype']): Promise<string> {
  try {
    await pipe.transform(structuredClone(body), { type: 'body', metatype });
    return 'ok';
  } catch (err) {
    const e = err as GatewayError;
    return `${e.status} ${e.param ?? '-'} ${e.message}`;
  }
}

const msg = (role: unknown, content: unknown = 'hi') => ({ role, content });

const chatBodies: unknown[] = [
  { model: 'm', messages: [msg('user')] },
  { model: 'm', messages: [msg('system', 'be brief'), msg('user'), msg('assistant', null)], temperature: 0.2, max_tokens: 5, stream: true },
  { model: 'm', messages: [msg('user', [{ type: 'text', text: 'a' }, { type: 'image_url', image_url: { url: 'data:x' } }])] },
  { model: 'm', messages: [msg('user')], tools: [{ type: 'function', function: { name: 'f' } }], seed: 1, response_format: { type: 'json_object' } },
  { model: 'm', messages: [msg('user')], metadata: { trace_id: 't' }, fallbacks: ['a', 'b'], num_retries: 2, timeout: 3 },
  { model: 'm', messages: [msg('user')], stop: ['a', 'b'] },
  // failures, each with its first field at fault
  {},
  { model: 'm' },
  { model: '', messages: [msg('user')] },
  { model: 3, messages: [msg('user')] },
  { model: 'm', messages: [] },
  { model: 'm', messages: 'hi' },
  { model: 'm', messages: [msg('robot')] },
  { model: 'm', messages: [msg('user'), msg('user', 42)] },
  { model: 'm', messages: [msg('user', [{ text: 'no type' }])] },
  { model: 'm', messages: ['just a string'] },
  { model: 'm', messages: [null] },
  { model: 'm', messages: [[msg('user')]] },
  { model: 'm', messages: [{ role: 'user', content: 'x', name: 7 }] },
  { model: 'm', messages: [msg('user')], temperature: 3 },
  { model: 'm', messages: [msg('user')], temperature: '0.5' },
  { model: 'm', messages: [msg('user')], n: 1.5 },
  { model: 'm', messages: [msg('user')], stop: ['a', 'b', 'c', 'd', 'e'] },
  { model: 'm', messages: [msg('user')], stream: 'yes' },
  { model: 'm', messages: [msg('user')], stream_options: [] },
  { model: 'm', messages: [msg('user')], metadata: 'x' },
  { model: 'm', messages: [msg('user')], num_retries: 11 },
  { model: 'm', messages: [msg('user')], fallbacks: [1] },
  { model: 'm', messages: [msg('user')], api_key: 5 },
  { model: 'm', messages: [msg('user')], tools: {} },
  // keys class-transformer leaves out, and prototype-looking keys
  { model: 'm', messages: [msg('user')], toString: 'x', hasOwnProperty: 1, valueOf: null },
  { model: 'm', messages: [{ role: 'user', content: 'x', constructor: 'y', toString: 'z' }] },
  JSON.parse('{"model":"m","messages":[{"role":"user","content":"x"}],"__proto__":{"model":5}}'),
  JSON.parse('{"model":"m","messages":[{"role":"robot","__proto__":{"role":"user"}}]}'),
];

const embeddingBodies: unknown[] = [
  { model: 'e', input: 'text' },
  { model: 'e', input: ['a', 'b'], encoding_format: 'base64', dimensions: 8 },
  { model: 'e', input: [[1, 2], [3]] },
  { model: 'e', input: '' },
  { model: 'e', input: [] },
  { model: 'e', input: 'x', encoding_format: 'hex' },
  { input: 'x' },
];

const moderationBodies: unknown[] = [{ input: 'text' }, { input: ['a', 'b'] }, { model: 'x', input: [{ type: 'text', text: 'a' }] }, {}, { input: 5 }];

describe('OpenAIValidationPipe', () => {
  const fast = new OpenAIValidationPipe();
  const reference = referencePipe();

  it.each([
    ...chatBodies.map((b) => [ChatCompletionRequestDto, b] as const),
    ...embeddingBodies.map((b) => [EmbeddingRequestDto, b] as const),
    ...moderationBodies.map((b) => [ModerationRequestDto, b] as const),
  ])('%p %j: the same verdict as Nest’s pipe with class-transformer', async (metatype, body) => {
    expect(await outcome(fast, body, metatype)).toBe(await outcome(reference, body, metatype));
  });

  it('names the first field at fault', async () => {
    expect(await outcome(fast, { model: 'm', messages: [msg('user'), msg('robot')] }, ChatCompletionRequestDto)).toBe(
      "400 messages[1].role Invalid value for 'messages[1].role': expected one of system, developer, user, assistant, tool, function (got string \"robot\")",
    );
  });

  it('hands the handler the parsed body itself, unknown params and all', async () => {
    const body = { model: 'm', messages: [msg('user')], seed: 7, logit_bias: { '1': 2 } };
    await expect(fast.transform(body, { type: 'body', metatype: ChatCompletionRequestDto })).resolves.toBe(body);
  });

  it('leaves queries, params and primitives to Nest’s pipe', async () => {
    await expect(fast.transform('7', { type: 'param', metatype: String, data: 'id' })).resolves.toBe('7');
    await expect(fast.transform(undefined, { type: 'query', metatype: ChatCompletionRequestDto })).rejects.toBeInstanceOf(InvalidRequestError);
  });

  describe('classes it does not mimic go through class-transformer', () => {
    class Part {
      @IsString() text!: string;
    }
    class WithTransform {
      @Transform(({ value }) => Number(value)) @IsInt() n!: number;
    }
    class WithExpose {
      @Expose({ name: 'the_name' }) @IsString() name!: string;
    }
    class WithNested {
      @IsOptional() @ValidateNested({ each: true }) @Type(() => Part) parts?: Part[];
    }

    it('@Transform: the transformed value is validated', async () => {
      expect(await outcome(fast, { n: '5' }, WithTransform)).toBe(await outcome(reference, { n: '5' }, WithTransform));
      expect(await outcome(fast, { n: '5' }, WithTransform)).toBe('ok');
    });

    it('@Expose with a name: the renamed key is validated', async () => {
      expect(await outcome(fast, { the_name: 5 }, WithExpose)).toBe(await outcome(reference, { the_name: 5 }, WithExpose));
    });

    it('@Type: nested objects are validated as instances', async () => {
      expect(await outcome(fast, { parts: [{ text: 1 }] }, WithNested)).toBe(await outcome(reference, { parts: [{ text: 1 }] }, WithNested));
      expect(await outcome(fast, { parts: [{ text: 'a' }] }, WithNested)).toBe('ok');
    });
  });
});

describe('OpenAIValidationPipe on a freshly loaded Nest', () => {
  it('refuses an invalid body on its very first call with the field named (class-validator is not loaded lazily)', async () => {
    let fresh: typeof import('./openai-validation.pipe') | undefined;
    jest.isolateModules(() => {
      fresh = require('./openai-validation.pipe');
    });
    const pipe = fresh!.openAIValidationPipe();
    await expect(pipe.transform({}, { type: 'body', metatype: ChatCompletionRequestDto })).rejects.toMatchObject({ status: 400, param: 'model' });
  });
});
