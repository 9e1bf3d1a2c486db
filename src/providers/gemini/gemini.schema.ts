/**
 * Gemini's `parameters` and `responseSchema` take an OpenAPI 3.0 subset and
 * refuse unknown keywords (`additionalProperties`, `$schema`, …) with a 400.
 * This rewrites a JSON Schema into that subset: local `$ref`s inlined,
 * `const` as a one-value enum, `oneOf` as `anyOf`, `type: [x, "null"]` as
 * `nullable`, and every other unknown keyword dropped.
 */

type Schema = Record<string, unknown>;

const KEPT = new Set([
  'type',
  'format',
  'title',
  'description',
  'nullable',
  'enum',
  'maxItems',
  'minItems',
  'required',
  'minProperties',
  'maxProperties',
  'minLength',
  'maxLength',
  'pattern',
  'example',
  'default',
  'minimum',
  'maximum',
  'propertyOrdering',
]);

/** Deep enough for real nested models; a recursive `$ref` stops here instead of looping. */
const MAX_DEPTH = 12;

export function toGeminiSchema(schema: unknown): Schema {
  if (!isObject(schema)) return {};
  const defs = { ...(isObject(schema.definitions) ? schema.definitions : {}), ...(isObject(schema.$defs) ? schema.$defs : {}) };
  return convert(schema, defs, 0);
}

function convert(node: Schema, defs: Schema, depth: number): Schema {
  if (depth > MAX_DEPTH) return { type: 'object' };
  if (typeof node.$ref === 'string') {
    const target = defs[node.$ref.replace(/^#\/(\$defs|definitions)\//, '')];
    const { $ref: _ref, ...rest } = node;
    return convert({ ...(isObject(target) ? target : {}), ...rest }, defs, depth + 1);
  }
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (KEPT.has(key)) out[key] = value;
  }
  if (Array.isArray(node.type)) {
    const types = node.type.filter((t) => t !== 'null');
    if (types.length !== node.type.length) out.nullable = true;
    if (types.length === 1) out.type = types[0];
    else {
      delete out.type;
      out.anyOf = types.map((t) => ({ type: t }));
    }
  }
  if (node.const !== undefined) out.enum = [node.const];
  if (isObject(node.properties)) {
    out.properties = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, isObject(v) ? convert(v, defs, depth + 1) : {}]));
  }
  if (isObject(node.items)) out.items = convert(node.items, defs, depth + 1);
  const union = Array.isArray(node.anyOf) ? node.anyOf : Array.isArray(node.oneOf) ? node.oneOf : undefined;
  if (union) {
    const variants = union.filter(isObject);
    const nonNull = variants.filter((v) => v.type !== 'null');
    if (nonNull.length !== variants.length) out.nullable = true;
    // One real variant (`X | null`, pydantic's Optional): inline it; the outer description wins.
    if (nonNull.length === 1) for (const [k, v] of Object.entries(convert(nonNull[0], defs, depth + 1))) out[k] ??= v;
    else out.anyOf = nonNull.map((v) => convert(v, defs, depth + 1));
  }
  return out;
}

function isObject(v: unknown): v is Schema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
