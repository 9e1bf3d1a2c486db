import { getMetadataStorage, ValidationArguments, ValidationTypes } from 'class-validator';
import type { ConstraintMetadata } from 'class-validator/types/metadata/ConstraintMetadata';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/** One decorated property, its metadata sorted the way class-validator's executor sorts it. */
interface PropertyPlan {
  name: string;
  /** `@IsOptional`, `@ValidateIf`: when one says no, nothing else about the property is checked. */
  conditions: ValidationMetadata[];
  /** `@IsDefined` and every other constraint (class-validator runs them alike). */
  checks: { meta: ValidationMetadata; constraints: ConstraintMetadata[] }[];
  /** `@ValidateNested`: the schema name class-validator passes down (its declaring class's name). */
  nested: string[];
}

/** `null`: the class uses something this does not follow (promise validation, an unknown type). */
type ClassPlan = PropertyPlan[] | null;

const storage = getMetadataStorage();
const plans = new WeakMap<Function, Map<string | undefined, ClassPlan>>();

/**
 * A fast answer to "would class-validator find nothing wrong?" for an
 * instance of a decorated DTO: it runs the very same constraint instances
 * with the same arguments, in a plain loop, without building the error tree
 * that class-validator builds for every property (valid or not). `true` only
 * when every constraint that class-validator evaluates passes; `false` when
 * one fails or when this cannot tell (an asynchronous constraint, a class it
 * does not follow) — the caller then runs class-validator, which produces
 * the errors. It follows class-validator 0.15's ValidationExecutor with the
 * options of the gateway's pipe: no groups, no whitelist, forbidUnknownValues
 * off, no skip*Properties.
 */
export function passesAllConstraints(target: object): boolean {
  return passes(target, undefined);
}

function passes(object: object, schema: string | undefined): boolean {
  const plan = planOf(object.constructor, schema);
  if (plan === null) return false;
  const record = object as Record<string, unknown>;
  for (const property of plan) {
    const value = record[property.name];
    let skip = false;
    for (const c of property.conditions) if (!c.constraints[0](object, value)) skip = true;
    if (skip) continue;
    for (const { meta, constraints } of property.checks) {
      if (meta.validateIf && !meta.validateIf(object, value)) continue;
      const args: ValidationArguments = {
        targetName: object.constructor ? object.constructor.name : (undefined as unknown as string),
        property: meta.propertyName,
        object,
        value,
        constraints: meta.constraints,
      };
      for (const constraint of constraints) {
        const each = meta.each && (Array.isArray(value) || value instanceof Set || value instanceof Map);
        const values: unknown[] = each ? toArray(value) : [value];
        for (const v of values) {
          const ok: unknown = constraint.instance.validate(v, args);
          if (!ok || isPromise(ok)) return false;
        }
      }
    }
    if (value !== undefined) for (const nestedSchema of property.nested) if (!nestedPasses(value, nestedSchema)) return false;
  }
  return true;
}

/** class-validator's nestedValidations: lists are walked, objects validated by their own class, anything else is an error. */
function nestedPasses(value: unknown, schema: string): boolean {
  if (Array.isArray(value) || value instanceof Set || value instanceof Map) {
    for (const item of toArray(value)) if (item !== undefined && !nestedPasses(item, schema)) return false;
    return true;
  }
  if (value instanceof Object) return passes(value, schema);
  return false;
}

function planOf(type: Function, schema: string | undefined): ClassPlan {
  let bySchema = plans.get(type);
  if (!bySchema) plans.set(type, (bySchema = new Map()));
  let plan = bySchema.get(schema);
  if (plan === undefined) {
    plan = buildPlan(type, schema);
    bySchema.set(schema, plan);
  }
  return plan;
}

function buildPlan(type: Function, schema: string | undefined): ClassPlan {
  const metadatas = storage.getTargetValidationMetadatas(type, schema as string, false, false, undefined);
  const plan: PropertyPlan[] = [];
  for (const [name, list] of Object.entries(storage.groupByPropertyName(metadatas))) {
    const property: PropertyPlan = { name, conditions: [], checks: [], nested: [] };
    for (const meta of list) {
      switch (meta.type) {
        case ValidationTypes.CONDITIONAL_VALIDATION:
          property.conditions.push(meta);
          break;
        case ValidationTypes.IS_DEFINED:
        case ValidationTypes.CUSTOM_VALIDATION:
          property.checks.push({ meta, constraints: storage.getTargetValidatorConstraints(meta.constraintCls) });
          break;
        case ValidationTypes.NESTED_VALIDATION:
          property.nested.push(typeof meta.target === 'string' ? meta.target : meta.target.name);
          break;
        case ValidationTypes.WHITELIST:
          break; // only read with `whitelist: true`
        default:
          return null;
      }
    }
    plan.push(property);
  }
  return plan;
}

function toArray(value: unknown[] | Set<unknown> | Map<unknown, unknown>): unknown[] {
  if (value instanceof Map) return Array.from(value.values());
  return Array.isArray(value) ? value : Array.from(value);
}

function isPromise(p: unknown): boolean {
  return p !== null && typeof p === 'object' && typeof (p as { then?: unknown }).then === 'function';
}
