/**
 * Canonical JSON in the manner of RFC 8785 (JCS): what is hashed and signed must not depend on key
 * order or formatting, and must come out the same after a round trip through PostgreSQL jsonb
 * (which reorders keys) and JSON.parse.
 *
 * - object keys sorted by UTF-16 code units (plain `<` on JS strings, not localeCompare), at every depth;
 * - no whitespace; arrays keep their order;
 * - strings and numbers exactly as JSON.stringify writes them (RFC 8785 adopts ECMAScript's number
 *   serialisation, so -0 → 0, 1e21 → 1e+21);
 * - object properties whose value is `undefined` are dropped (as JSON.stringify does).
 *
 * Anything JSON cannot carry exactly is refused with a TypeError naming its path (`$.a.b[2]`), rather
 * than silently changed the way JSON.stringify would change it: non-finite numbers, bigint, functions,
 * symbols, `undefined` in an array or at the top, Dates and any object with `toJSON` (stringify would
 * store something else than what was hashed), Map/Set/RegExp/boxed primitives/typed arrays and other
 * non-plain built-ins, strings or keys with a lone UTF-16 surrogate (not valid I-JSON, refused by
 * jsonb), and cycles.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$', []);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function refuse(path: string, what: string): never {
  throw new TypeError(`canonical JSON: ${path} ${what}`);
}

function str(s: string, path: string): string {
  if (LONE_SURROGATE.test(s)) refuse(path, 'holds a lone UTF-16 surrogate (not valid Unicode text)');
  return JSON.stringify(s);
}

function write(value: unknown, path: string, ancestors: object[]): string {
  switch (typeof value) {
    case 'string':
      return str(value, path);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) refuse(path, `is ${String(value)}: only finite numbers are JSON`);
      return JSON.stringify(value);
    case 'bigint':
      return refuse(path, 'is a bigint: write it as a string or a safe number');
    case 'undefined':
      return refuse(path, 'is undefined');
    case 'function':
      return refuse(path, 'is a function');
    case 'symbol':
      return refuse(path, 'is a symbol');
    case 'object':
      break;
  }
  if (value === null) return 'null';
  const obj = value;
  if (ancestors.includes(obj)) refuse(path, 'refers back to an enclosing object (cycle)');
  ancestors.push(obj);
  try {
    if (Array.isArray(obj)) {
      const items: string[] = [];
      for (let i = 0; i < obj.length; i++) {
        const item: unknown = obj[i];
        if (item === undefined) refuse(`${path}[${i}]`, 'is undefined (or a hole) in an array: JSON would write null');
        items.push(write(item, `${path}[${i}]`, ancestors));
      }
      return `[${items.join(',')}]`;
    }
    if (obj instanceof Date) refuse(path, 'is a Date: seal an ISO 8601 string instead');
    const tag = Object.prototype.toString.call(obj);
    if (tag !== '[object Object]') refuse(path, `is not a plain object (${tag.slice(8, -1)}): only plain objects, arrays, strings, finite numbers, booleans and null`);
    if (typeof (obj as { toJSON?: unknown }).toJSON === 'function') refuse(path, 'has toJSON: JSON.stringify would store something else than what is hashed');
    const entries = Object.keys(obj)
      .map((k): [string, unknown] => [k, (obj as Record<string, unknown>)[k]])
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries
      .map(([k, v]) => {
        const at = IDENTIFIER.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`;
        return `${str(k, at)}:${write(v, at, ancestors)}`;
      })
      .join(',')}}`;
  } finally {
    ancestors.pop();
  }
}
