import fc from 'fast-check';

/** The JSON Schema subset zod's toJSONSchema emits (OpenAPI 3.0 target). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  format?: string;
  pattern?: string;
}

const formats: Record<string, fc.Arbitrary<string>> = {
  uuid: fc.uuid(),
  date: fc
    .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  'date-time': fc
    .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString()),
};

/** Values that satisfy the schema (best effort: patterns are approximated by their format). */
export function valueOf(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map(valueOf));
  if (schema.allOf?.[0]) return valueOf(schema.allOf[0]);
  const base = baseValue(schema);
  return schema.nullable ? fc.oneof(base, fc.constant(null)) : base;
}

function baseValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      if (schema.format && formats[schema.format]) return formats[schema.format]!;
      // Not blank: a JSON schema cannot say "trimmed, then at least one character", which many text fields require.
      return fc
        .string({
          minLength: Math.max(1, schema.minLength ?? 0),
          maxLength: Math.min(schema.maxLength ?? 20, 20),
        })
        .filter((s) => s.trim().length > 0);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(valueOf(schema.items ?? {}), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      });
    case 'object': {
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      return fc.record(Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, valueOf(v)])), {
        requiredKeys: Object.keys(properties).filter((k) => required.has(k)),
      });
    }
    default:
      return fc.jsonValue();
  }
}

/** A value of the wrong JSON type for the schema (a string where a number is wanted, and so on). */
function wrongTypeFor(schema: JsonSchema): fc.Arbitrary<unknown> {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const options: fc.Arbitrary<unknown>[] = [];
  if (type !== 'object') options.push(fc.constant({ unexpected: true }));
  if (type !== 'string') options.push(fc.constant('not-a-' + (type ?? 'value')));
  if (type !== 'integer' && type !== 'number') options.push(fc.constant(123456789));
  if (type !== 'array') options.push(fc.constant([1, 2]));
  if (type !== 'boolean') options.push(fc.constant(true));
  return fc.oneof(...options);
}

export type Mutation = 'wrong_type' | 'unknown_field' | 'missing_required';

/**
 * A body that breaks the schema in one known way, for an object schema: a property of the wrong
 * type, an unknown extra property, or a required property missing.
 */
export function brokenObjectOf(
  schema: JsonSchema,
): fc.Arbitrary<{ body: Record<string, unknown>; mutation: Mutation; field: string }> {
  // Only properties with a definite type can be given a wrong one.
  const properties = Object.entries(schema.properties ?? {})
    .filter(([, s]) => typeof s.type === 'string' && !s.anyOf && !s.oneOf)
    .map(([k]) => k);
  const required = schema.required ?? [];
  const valid = valueOf(schema) as fc.Arbitrary<Record<string, unknown>>;
  const choices: fc.Arbitrary<{ body: Record<string, unknown>; mutation: Mutation; field: string }>[] = [];
  if (schema.additionalProperties === false) {
    choices.push(
      valid.map((body) => ({
        body: { ...body, zzUnknownField: 1 },
        mutation: 'unknown_field' as const,
        field: 'zzUnknownField',
      })),
    );
  }
  if (properties.length) {
    choices.push(
      fc.tuple(valid, fc.constantFrom(...properties)).chain(([body, field]) =>
        wrongTypeFor(schema.properties![field]!).map((bad) => ({
          body: { ...body, [field]: bad },
          mutation: 'wrong_type' as const,
          field,
        })),
      ),
    );
  }
  if (required.length) {
    choices.push(
      fc.tuple(valid, fc.constantFrom(...required)).map(([body, field]) => {
        const copy = { ...body };
        delete copy[field];
        return { body: copy, mutation: 'missing_required' as const, field };
      }),
    );
  }
  return fc.oneof(...choices);
}
