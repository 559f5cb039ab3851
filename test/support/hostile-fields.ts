import fc from 'fast-check';
import type { JsonSchema } from './json-schema-arbitrary.js';

/** What a field holds, as its schema says: which classes of hostile value it is given. */
export type FieldKind = 'text' | 'number' | 'date' | 'instant' | 'txid' | 'seq';

/** One field a client fills: where it is and the JSON path inside the body (or the parameter's name). */
export interface Field {
  where: 'body' | 'query' | 'params';
  path: (string | number)[];
  kind: FieldKind;
}

/** Every string, number, date and instant property of an object schema, nested objects included. */
export function fieldsOf(schema: JsonSchema, prefix: (string | number)[] = []): Field[] {
  const alternatives = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (alternatives) return alternatives.flatMap((alternative) => fieldsOf(alternative, prefix));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'object') {
    return Object.entries(schema.properties ?? {}).flatMap(([name, property]) => fieldsOf(property, [...prefix, name]));
  }
  if (type === 'array') return schema.items ? fieldsOf(schema.items, [...prefix, 0]) : [];
  const kind = kindOf(schema);
  return kind && prefix.length ? [{ where: 'body', path: prefix, kind }] : [];
}

/** The kind of a scalar schema (a parameter's, or a property's), or null for booleans and the like. */
export function kindOf(schema: JsonSchema, name = ''): FieldKind | null {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'integer' || type === 'number') return 'number';
  if (type !== 'string') return null;
  if (name === 'txid' || name === 'seq') return name;
  if (schema.format === 'date') return 'date';
  if (schema.format === 'date-time') return 'instant';
  return 'text';
}

/**
 * A placeholder for a number JSON can write but JavaScript cannot hold (1e400 reads as Infinity):
 * set as a string, then replaced in the body's text by `rawJson`.
 */
const RAW = '\u0001raw:';
const raw = (text: string) => `${RAW}${text}`;
export const rawJson = (value: unknown) =>
  JSON.stringify(value).replace(new RegExp(`"${RAW}([^"]*)"`, 'g'), (_, text: string) => text);

/** A string with a NUL or an unpaired surrogate somewhere in arbitrary text. */
const hostileText = fc
  .tuple(
    fc.string({ maxLength: 8 }),
    fc.constantFrom('\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF'),
    fc.string({ maxLength: 8 }),
  )
  .map(([before, bad, after]) => `${before}${bad}${after}`);
/** A value nested far past MAX_JSON_DEPTH, put where a scalar belongs. */
const deepValue = fc.integer({ min: 40, max: 3000 }).map((levels) => {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = i % 2 ? { a: value } : [value];
  return value;
});
const hugeNumber = fc.oneof(
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -(2 ** 63), 2 ** 64, 0.5, -1),
  fc.constantFrom('1e400', '-1e400', '123456789012345678901234567890', '1e-400').map(raw),
  fc.double({ min: 1e10, max: 1e300, noNaN: true }),
);
const yearOutside = fc.oneof(fc.integer({ min: 0, max: 1999 }), fc.integer({ min: 2101, max: 9999 }));
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const dateOutside = fc.oneof(
  yearOutside.map((year) => `${pad(year, 4)}-01-01`),
  fc.constantFrom('+275760-09-13', '-000001-01-01', '2024-02-30', '2024-13-01', '20240101'),
);
const instantOutside = fc.oneof(
  yearOutside.map((year) => `${pad(year, 4)}-06-15T12:00:00Z`),
  fc.constantFrom(
    '0000-01-01T00:00:00+05:00',
    '+275760-09-13T00:00:00Z',
    '2024-02-30T00:00:00Z',
    '2024-01-01T25:00:00Z',
  ),
);
// Past an xid8 (2^64 − 1), or no decimal number at all: outside both checkpoint parts.
const checkpointOutside = fc.oneof(
  fc.bigInt({ min: 2n ** 64n, max: 10n ** 20n - 1n }).map(String),
  fc.constantFrom('18446744073709551616', '99999999999999999999', '-1', '1e3', '0x10', '１２'),
);
// Past a bigint (2^63 − 1) but within an xid8: outside `seq` only (a `txid` of 2^63 is valid).
const seqOutside = fc.oneof(
  fc.constant('9223372036854775808'),
  fc.bigInt({ min: 2n ** 63n, max: 2n ** 64n - 1n }).map(String),
);

/** The hostile values for a field of this kind: the classes, each drawn by fast-check. */
export function hostileValueFor(kind: FieldKind): fc.Arbitrary<unknown> {
  const common = [hostileText, deepValue];
  switch (kind) {
    case 'number':
      return fc.oneof(hugeNumber, hugeNumber, ...common);
    case 'date':
      return fc.oneof(dateOutside, dateOutside, ...common);
    case 'instant':
      return fc.oneof(instantOutside, instantOutside, ...common);
    case 'txid':
      return fc.oneof(checkpointOutside, checkpointOutside, hostileText);
    case 'seq':
      return fc.oneof(seqOutside, checkpointOutside, hostileText);
    default:
      return fc.oneof(...common);
  }
}

/** A query or path parameter's hostile text (parameters are text: a nested value has no place there). */
export function hostileParameterFor(kind: FieldKind): fc.Arbitrary<string> {
  const asText = (value: fc.Arbitrary<unknown>) =>
    value.filter((v) => typeof v === 'string' || typeof v === 'number').map(String);
  return kind === 'text' ? hostileText : fc.oneof(hostileText, asText(hostileValueFor(kind)));
}

/** Sets `value` at `path` inside a copy of `body`, making the objects and arrays on the way. */
export function withValueAt(body: unknown, path: (string | number)[], value: unknown): unknown {
  if (!path.length) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (typeof head === 'number') {
    const copy = Array.isArray(body) ? [...(body as unknown[])] : [];
    copy[head] = withValueAt(copy[head], rest, value);
    return copy;
  }
  const copy = body && typeof body === 'object' && !Array.isArray(body) ? { ...(body as Record<string, unknown>) } : {};
  return { ...copy, [head]: withValueAt((copy as Record<string, unknown>)[head], rest, value) };
}

/** Authorization spellings that are not exactly `Bearer <token>`: each must be a 401 on a session route. */
export const authorizationVariants = (token: string) => [
  `bearer ${token}`,
  `BEARER ${token}`,
  `Bearer  ${token}`,
  `Bearer\t${token}`,
  `Basic ${token}`,
  `Bearer ${token} extra`,
  `Bearer ${token},Bearer ${token}`,
  `Bearer ${token}é`,
  `Bearer ${'x'.repeat(8000)}`,
  'Bearer',
  'Bearer ',
  token,
];

/** Content types a client may send with a JSON body: each is parsed as JSON or refused with 415. */
export const contentTypeVariants = [
  'application/json; charset=latin1',
  'application/json;charset=utf-16',
  'APPLICATION/JSON',
  'application/json; charset="utf-8"; boundary=x',
  'application/json, text/plain',
  'text/json',
  'application/jsonx',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'text/plain',
  ';',
];

/** Path segments no URL decoder accepts (broken or overlong UTF-8, stray percent signs). */
export const malformedEscapes = ['%', '%zz', '%E0%A4%A', '%C0%80', '%ED%A0%80', '%FF', '%u0041', 'a%2'];
