import { toGeminiSchema } from './gemini.schema';

describe('toGeminiSchema', () => {
  it.each<[string, unknown, unknown]>([
    ['drops keywords Gemini refuses', { type: 'object', properties: {}, additionalProperties: false, $schema: 'x', strict: true }, { type: 'object', properties: {} }],
    ['keeps the supported ones', { type: 'string', description: 'd', enum: ['a'], format: 'date-time', maxLength: 3 }, { type: 'string', description: 'd', enum: ['a'], format: 'date-time', maxLength: 3 }],
    ['type [x, null] is nullable x', { type: ['integer', 'null'] }, { type: 'integer', nullable: true }],
    ['type [x, y] is anyOf', { type: ['integer', 'string'] }, { anyOf: [{ type: 'integer' }, { type: 'string' }] }],
    ['const is a one-value enum', { type: 'string', const: 'fixed' }, { type: 'string', enum: ['fixed'] }],
    ['anyOf [x, null] is nullable x, outer description kept', { description: 'outer', anyOf: [{ type: 'number', description: 'inner' }, { type: 'null' }] }, { description: 'outer', type: 'number', nullable: true }],
    ['oneOf is anyOf', { oneOf: [{ type: 'string' }, { type: 'number', additionalProperties: 1 }] }, { anyOf: [{ type: 'string' }, { type: 'number' }] }],
    [
      'recurses into properties and items',
      { type: 'object', properties: { list: { type: 'array', items: { type: 'object', properties: { x: { type: 'string', default: 'a', title: 't' } }, additionalProperties: false } } } },
      { type: 'object', properties: { list: { type: 'array', items: { type: 'object', properties: { x: { type: 'string', default: 'a', title: 't' } } } } } },
    ],
    [
      'inlines local $refs ($defs and definitions)',
      {
        type: 'object',
        properties: { a: { $ref: '#/$defs/A' }, b: { $ref: '#/definitions/B', description: 'the b' } },
        $defs: { A: { type: 'string', enum: ['x'] } },
        definitions: { B: { type: 'integer', description: 'orig' } },
      },
      { type: 'object', properties: { a: { type: 'string', enum: ['x'] }, b: { type: 'integer', description: 'the b' } } },
    ],
    ['a non-object is an empty schema', 'nope', {}],
  ])('%s', (_label, input, expected) => {
    expect(toGeminiSchema(input)).toEqual(expected);
  });

  it('stops a recursive $ref instead of looping', () => {
    const schema = { $defs: { Node: { type: 'object', properties: { next: { $ref: '#/$defs/Node' } } } }, $ref: '#/$defs/Node' };
    const out = toGeminiSchema(schema);
    let depth = 0;
    for (let node = out as Record<string, any>; node.properties?.next; node = node.properties.next) depth++;
    expect(depth).toBeGreaterThan(3);
    expect(depth).toBeLessThan(20);
  });
});
