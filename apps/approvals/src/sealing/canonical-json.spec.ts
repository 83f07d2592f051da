import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order, no whitespace, drops undefined properties', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }, 'x'], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1},"x"]},"b":1}');
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({ only: undefined })).toBe('{}');
  });

  it('writes the scalars as JSON', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(false)).toBe('false');
    expect(canonicalJson('决策')).toBe('"决策"');
    expect(canonicalJson({ n: null, t: true })).toBe('{"n":null,"t":true}');
  });

  it('sorts by UTF-16 code units, as RFC 8785 §3.2.3 shows (not by code point, not by locale)', () => {
    const keys = ['\u20ac', '\r', '\ufb33', '1', '\ud83d\ude00', '\u0080', '\u00f6'];
    const value = Object.fromEntries(keys.map((k, i) => [k, i]));
    // The order as written (Object.keys of the parsed result would put integer-like keys first):
    const written = [...canonicalJson(value).matchAll(/"((?:[^"\\]|\\.)*)":/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
    expect(written).toEqual(['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
    // 'B' < 'a' by code unit; localeCompare would put 'a' first.
    expect(canonicalJson({ a: 1, B: 2 })).toBe('{"B":2,"a":1}');
    expect(canonicalJson({ 乙: 1, 甲: 2 })).toBe('{"乙":1,"甲":2}');
  });

  it('writes numbers as ECMAScript does (RFC 8785 §3.2.2.3)', () => {
    expect(canonicalJson([0, -0, 1, -1, 4.5, 2e-3, 1e-7, 1e21, 333333333.33333329, 3200000, 3200000.5, 0.1 + 0.2, Number.MAX_SAFE_INTEGER])).toBe(
      '[0,0,1,-1,4.5,0.002,1e-7,1e+21,333333333.3333333,3200000,3200000.5,0.30000000000000004,9007199254740991]',
    );
  });

  it('escapes strings as JSON.stringify does (RFC 8785 §3.2.2.2)', () => {
    expect(canonicalJson('\u20ac$\u000f\nA\'B"\\\\"/')).toBe('"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"');
    expect(canonicalJson('\u2028\t\u0000')).toBe('"\u2028\\t\\u0000"');
    expect(canonicalJson('😀')).toBe('"😀"');
  });

  it('is the same after a round trip through JSON (as from PostgreSQL jsonb, keys reordered)', () => {
    const value = { z: [{ b: 2, a: 1 }], a: { y: '乙', x: null }, m: 1.25 };
    const once = canonicalJson(value);
    expect(canonicalJson(JSON.parse(once))).toBe(once);
    const reordered = JSON.parse('{"m":1.25,"a":{"x":null,"y":"乙"},"z":[{"a":1,"b":2}]}') as unknown;
    expect(canonicalJson(reordered)).toBe(once);
  });

  it('takes objects without a prototype and plain class instances (own enumerable properties)', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.b = 1;
    bare.a = 2;
    expect(canonicalJson(bare)).toBe('{"a":2,"b":1}');
    class Terms {
      amount = 100;
      counterparty: string | null = null;
      get hidden(): number {
        return 1;
      }
    }
    expect(canonicalJson(new Terms())).toBe('{"amount":100,"counterparty":null}');
  });

  it('allows the same object twice (not a cycle)', () => {
    const shared = { a: 1 };
    expect(canonicalJson({ x: shared, y: [shared, shared] })).toBe('{"x":{"a":1},"y":[{"a":1},{"a":1}]}');
  });

  describe('refuses what JSON cannot carry exactly, with a TypeError naming where', () => {
    const cases: [string, unknown, RegExp][] = [
      ['NaN', { a: [1, Number.NaN] }, /\$\.a\[1\] is NaN/],
      ['Infinity', { tally: { agree: Infinity } }, /\$\.tally\.agree is Infinity/],
      ['-Infinity', [-Infinity], /\$\[0\] is -Infinity/],
      ['a Date', { meeting: { heldOn: new Date() } }, /\$\.meeting\.heldOn is a Date/],
      ['a function', { f: () => 1 }, /\$\.f is a function/],
      ['a bigint', { n: 1n }, /\$\.n is a bigint/],
      ['a symbol', { s: Symbol('x') }, /\$\.s is a symbol/],
      ['undefined at the top', undefined, /\$ is undefined/],
      ['undefined in an array', { a: [1, undefined] }, /\$\.a\[1\] is undefined/],
      ['a hole in an array', { a: [1, , 3] }, /\$\.a\[1\] is undefined/],
      ['a Map', { m: new Map([['a', 1]]) }, /\$\.m is not a plain object \(Map\)/],
      ['a Set', { s: new Set([1]) }, /\$\.s is not a plain object \(Set\)/],
      ['a RegExp', { r: /x/ }, /\$\.r is not a plain object \(RegExp\)/],
      ['a boxed string', { s: new String('x') }, /\$\.s is not a plain object \(String\)/],
      ['a Buffer', { b: Buffer.from('x') }, /\$\.b is not a plain object \(Uint8Array\)/],
      ['an Error', { e: new Error('x') }, /\$\.e is not a plain object \(Error\)/],
      ['an object with toJSON', { t: { toJSON: () => 'x' } }, /\$\.t has toJSON/],
      ['a lone surrogate in a string', { name: 'a\ud800b' }, /\$\.name holds a lone UTF-16 surrogate/],
      ['a lone low surrogate', ['\udc00'], /\$\[0\] holds a lone UTF-16 surrogate/],
      ['a lone surrogate in a key', { ['k\udfff']: 1 }, /holds a lone UTF-16 surrogate/],
      ['an odd key, named in brackets', { 'odd key': { x: NaN } }, /\$\["odd key"\]\.x is NaN/],
    ];
    it.each(cases)('%s', (_what, value, message) => {
      expect(() => canonicalJson(value)).toThrow(TypeError);
      expect(() => canonicalJson(value)).toThrow(message);
    });

    it('a cycle', () => {
      const a: Record<string, unknown> = { x: 1 };
      a.self = { back: a };
      expect(() => canonicalJson(a)).toThrow(/\$\.self\.back refers back to an enclosing object/);
      const arr: unknown[] = [];
      arr.push(arr);
      expect(() => canonicalJson(arr)).toThrow(/\$\[0\] refers back/);
    });
  });
});
