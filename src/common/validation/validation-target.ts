import { TransformationType } from 'class-transformer';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';

// class-transformer's own metadata (what @Type registered); the package ships no typings for this path.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: MetadataStorage };

type Class = new () => object;

/** A key's answer from class-transformer's metadata, worked out once per class. */
interface KeyPlan {
  /** class-transformer leaves the key out (a method or getter of the class). */
  skip: boolean;
  /** Has a `@Type`: its value becomes an instance of that class. */
  typed: boolean;
}

interface ClassPlan {
  /** False when the class uses what `toValidationTarget` does not mimic. */
  supported: boolean;
  keys: Map<string, KeyPlan | null>;
}

/** Body keys are the caller's: remember at most this many per class. */
const MAX_KEYS_PER_CLASS = 256;
const UNSUPPORTED: unique symbol = Symbol('unsupported');
const CONVERTING_TYPES: unknown[] = [String, Number, Boolean, Date, Buffer, Map, Set, Promise];
const plans = new WeakMap<Function, ClassPlan>();

/**
 * The object class-validator checks for a parsed JSON body: what
 * class-transformer's `plainToInstance(type, plain)` builds for DTOs that use
 * only `@Type` (ours), at a fraction of its cost. Values are not copied; only
 * the objects a `@Type` names become instances, so nested validation runs
 * exactly as before. Returns `undefined` for a class that uses anything else
 * (`@Expose`, `@Exclude`, `@Transform`, discriminators, converting types),
 * and the caller falls back to class-transformer.
 */
export function toValidationTarget(type: Function, plain: Record<string, unknown>): object | undefined {
  const out = instantiate(type as Class, plain);
  return out === UNSUPPORTED ? undefined : out;
}

function instantiate(type: Class, plain: Record<string, unknown>): object | typeof UNSUPPORTED {
  const plan = planOf(type);
  if (!plan.supported) return UNSUPPORTED;
  const instance = new type() as Record<string, unknown>;
  for (const key of Object.keys(plain)) {
    // The same keys class-transformer leaves out (see TransformOperationExecutor).
    if (key === '__proto__' || key === 'constructor') continue;
    const k = keyPlan(type, plan, key);
    if (k === null) return UNSUPPORTED;
    if (k.skip || instance[key] instanceof Function) continue;
    const value = plain[key];
    if (!k.typed) {
      instance[key] = value;
      continue;
    }
    const meta = defaultMetadataStorage.findTypeMetadata(type, key);
    const nested: unknown = meta.typeFunction ? meta.typeFunction({ newObject: instance, object: plain, property: key }) : meta.reflectedType;
    if (typeof nested !== 'function' || CONVERTING_TYPES.includes(nested)) return UNSUPPORTED;
    const converted = typed(nested as Class, value);
    if (converted === UNSUPPORTED) return UNSUPPORTED;
    instance[key] = converted;
  }
  return instance;
}

/** A `@Type`d value: objects become instances, lists are walked, anything else stays as it is. */
function typed(type: Class, value: unknown): unknown {
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const v = typed(type, value[i]);
      if (v === UNSUPPORTED) return UNSUPPORTED;
      out[i] = v;
    }
    return out;
  }
  if (value !== null && typeof value === 'object') return instantiate(type, value as Record<string, unknown>);
  return value;
}

function planOf(type: Class): ClassPlan {
  let plan = plans.get(type);
  if (!plan) {
    const supported =
      defaultMetadataStorage.getStrategy(type) === 'none' &&
      defaultMetadataStorage.getExposedMetadatas(type).length === 0 &&
      defaultMetadataStorage.getExcludedMetadatas(type).length === 0;
    plan = { supported, keys: new Map() };
    plans.set(type, plan);
  }
  return plan;
}

/** `null`: a key this does not mimic (a `@Transform`, a discriminator, a custom list type). */
function keyPlan(type: Class, plan: ClassPlan, key: string): KeyPlan | null {
  const known = plan.keys.get(key);
  if (known !== undefined) return known;
  let result: KeyPlan | null;
  if (defaultMetadataStorage.findTransformMetadatas(type, key, TransformationType.PLAIN_TO_CLASS).length > 0) {
    result = null;
  } else {
    const descriptor = Object.getOwnPropertyDescriptor(type.prototype, key);
    const meta = defaultMetadataStorage.findTypeMetadata(type, key);
    // class-transformer builds a list from the property's declared type (`new type()`): only plain lists are mimicked.
    const listType = meta?.reflectedType as unknown;
    const customList = listType === Set || listType === Map || (typeof listType === 'function' && listType !== Array && 'push' in listType.prototype);
    if (meta && (meta.options?.discriminator || customList)) result = null;
    else result = { skip: Boolean(descriptor && !descriptor.set), typed: meta !== undefined };
  }
  if (plan.keys.size < MAX_KEYS_PER_CLASS) plan.keys.set(key, result);
  return result;
}
