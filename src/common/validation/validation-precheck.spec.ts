import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsDefined,
  IsInt,
  IsOptional,
  IsString,
  Min,
  validate,
  ValidateIf,
  ValidateNested,
  ValidatePromise,
  ValidatorConstraint,
  ValidatorConstraintInterface,
  Validate,
} from 'class-validator';
import { ChatCompletionRequestDto } from '../../api/chat-completions/dto/chat-completion-request.dto';
import { EmbeddingRequestDto } from '../../api/embeddings/dto/embedding-request.dto';
import { ModerationRequestDto } from '../../api/moderations/dto/moderation-request.dto';
import { passesAllConstraints } from './validation-precheck';
import { toValidationTarget } from './validation-target';

/** The options of the gateway's pipe. */
const OPTIONS = { forbidUnknownValues: false, whitelist: false, stopAtFirstError: true };

async function classValidatorSaysValid(target: object): Promise<boolean> {
  return (await validate(target, OPTIONS)).length === 0;
}

/** A small deterministic PRNG, so that a failure can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SAMPLES: unknown[] = [
  undefined, null, true, false, 0, 1, -1, 0.5, 2.5, 3, 129, 1e9, NaN, '', 'x', 'user', 'assistant', 'robot', 'base64', 'float',
  [], ['a'], ['a', 'b', 'c', 'd', 'e'], [1, 2], [[1], [2]], [[]], [{}], [{ type: 'text', text: 'a' }], [{ text: 'no type' }], [null],
  {}, { include_usage: true }, { role: 'user', content: 'hi' }, { a: { b: 1 } },
];

const FIELDS: Record<string, string[]> = {
  chat: ['model', 'messages', 'stream', 'stream_options', 'temperature', 'top_p', 'n', 'max_tokens', 'max_completion_tokens', 'stop', 'presence_penalty', 'frequency_penalty', 'tools', 'user', 'metadata', 'user_config', 'api_key', 'api_base', 'base_url', 'api_version', 'num_retries', 'fallbacks', 'disable_fallbacks', 'timeout', 'seed'],
  message: ['role', 'content', 'name', 'tool_calls', 'tool_call_id'],
  embeddings: ['model', 'input', 'encoding_format', 'dimensions', 'user', 'metadata', 'timeout'],
  moderations: ['model', 'input', 'metadata'],
};

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}

/** A valid body with a few fields (and message fields) replaced by samples of every type. */
function mutate(rand: () => number, base: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const body = structuredClone(base);
  const changes = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < changes; i++) {
    const f = pick(rand, fields);
    const v = structuredClone(pick(rand, SAMPLES));
    if (v === undefined) delete body[f];
    else body[f] = v;
  }
  if (Array.isArray(body.messages) && body.messages.length > 0 && rand() < 0.5) {
    const m = body.messages[Math.floor(rand() * body.messages.length)];
    if (m && typeof m === 'object' && !Array.isArray(m)) {
      const f = pick(rand, FIELDS.message);
      const v = structuredClone(pick(rand, SAMPLES));
      if (v === undefined) delete (m as Record<string, unknown>)[f];
      else (m as Record<string, unknown>)[f] = v;
    }
  }
  return body;
}

describe('passesAllConstraints', () => {
  const cases = [
    { dto: ChatCompletionRequestDto, fields: FIELDS.chat, base: { model: 'm', messages: [{ role: 'system', content: 's' }, { role: 'user', content: 'hi' }], temperature: 0.2 } },
    { dto: EmbeddingRequestDto, fields: FIELDS.embeddings, base: { model: 'e', input: ['a', 'b'] } },
    { dto: ModerationRequestDto, fields: FIELDS.moderations, base: { input: 'text' } },
  ];

  it.each(cases)('agrees with class-validator on 1500 mutated $dto.name bodies', async ({ dto, fields, base }) => {
    const rand = prng(42);
    let valid = 0;
    for (let i = 0; i < 1500; i++) {
      const body = mutate(rand, base, fields);
      const target = toValidationTarget(dto, body)!;
      const expected = await classValidatorSaysValid(target);
      if (passesAllConstraints(target) !== expected) throw new Error(`disagrees on ${JSON.stringify(body)}: class-validator says ${expected ? 'valid' : 'invalid'}`);
      if (expected) valid++;
    }
    expect(valid).toBeGreaterThan(50); // both verdicts were exercised
    expect(valid).toBeLessThan(1400);
  });

  describe('on decorators the DTOs do not use yet', () => {
    class Item {
      @IsString() name!: string;
      @IsOptional() @ValidateNested({ each: true }) @Type(() => Item) children?: Item[];
    }
    class Holder {
      @IsDefined() @ValidateNested({ each: true }) @Type(() => Item) items!: Item[];
      @IsOptional() @IsInt({ each: true }) @Min(0, { each: true }) @ArrayMaxSize(3) counts?: number[];
      @ValidateIf((o: Holder) => o.counts !== undefined) @IsString() label?: string;
    }

    it.each([
      { items: [{ name: 'a' }] },
      { items: [{ name: 'a', children: [{ name: 'b', children: [{ name: 5 }] }] }] },
      { items: [{ name: 'a', children: [{ name: 'b' }] }], counts: [1, 2] },
      { items: [{ name: 'a' }], counts: [1, -2] },
      { items: [{ name: 'a' }], counts: [1, 2, 3, 4] },
      { items: [{ name: 'a' }], counts: [1], label: 3 },
      { items: [{ name: 'a' }], label: 3 },
      { items: [[{ name: 'a' }]] },
      { items: ['a'] },
      { items: [null] },
      { items: 'a' },
      {},
    ])('%j: the same verdict as class-validator', async (body) => {
      const target = toValidationTarget(Holder, body)!;
      expect(passesAllConstraints(target)).toBe(await classValidatorSaysValid(target));
    });

    it('cannot tell for asynchronous constraints or promise validation, and says so', async () => {
      @ValidatorConstraint({ async: true })
      class Later implements ValidatorConstraintInterface {
        validate(): Promise<boolean> {
          return Promise.resolve(true);
        }
      }
      class Async {
        @Validate(Later) x!: string;
      }
      class WithPromise {
        @ValidatePromise() @IsString() p!: string;
      }
      expect(passesAllConstraints(Object.assign(new Async(), { x: 'a' }))).toBe(false);
      expect(passesAllConstraints(Object.assign(new WithPromise(), { p: 'a' }))).toBe(false);
    });
  });
});
