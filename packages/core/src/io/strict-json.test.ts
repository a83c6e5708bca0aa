import { describe, expect, it } from 'vitest'
import { FormatError } from '../errors'
import { type JsonValue, parseStrictJson, quote } from './strict-json'

/** Maps back to plain objects, to compare with JSON.parse. */
function plain(v: JsonValue): unknown {
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [k, plain(x)]))
  if (Array.isArray(v)) return v.map(plain)
  return v
}

const parse = (text: string, depth = 8) => parseStrictJson(text, 'test', depth)

describe('parseStrictJson', () => {
  it('parses what JSON.parse parses', () => {
    const docs = [
      '{}',
      '[]',
      ' {"a" : [1, -2.5e3, 0, 1E-2, true, false, null], "b": {"c": "d"}}  ',
      '"\\u00e9\\n\\t\\"\\\\\\/\\b\\f\\r"',
      '"é ω 😀"',
      '-0',
      '[[], {}, [[]]]',
      '{"__proto__": 1, "constructor": 2}',
    ]
    for (const d of docs) expect(plain(parse(d))).toEqual(JSON.parse(d))
    const proto = parse('{"__proto__": {"x": 1}}') as Map<string, JsonValue>
    expect(proto.get('__proto__')).toBeInstanceOf(Map)
  })

  it('rejects duplicate keys, naming them and where', () => {
    expect(() => parse('{"a": 1, "b": 2, "a": 3}')).toThrow(FormatError)
    expect(() => parse('{"a": 1, "b": 2, "a": 3}')).toThrow(/character 17: duplicate key "a"/)
    expect(() => parse('{"x": {"k": 1, "k": 1}}')).toThrow(/duplicate key "k"/)
  })

  it('rejects malformed JSON', () => {
    const bad = [
      '',
      '{',
      '{"a" 1}',
      '{"a": 1,}',
      '[1,]',
      '{a: 1}',
      "{'a': 1}",
      '01',
      '1.',
      '.5',
      '-',
      '+1',
      'tru',
      'nul',
      '"abc',
      '"a\\x"',
      '"\\u12g4"',
      '"tab\there"',
      '{} {}',
      '\ufeff{}',
      'NaN',
      '[1 2]',
    ]
    for (const b of bad) expect(() => parse(b), b).toThrow(FormatError)
  })

  it('bounds the nesting depth instead of recursing without limit', () => {
    expect(() => parse('[[[1]]]', 3)).not.toThrow()
    expect(() => parse('[[[[1]]]]', 3)).toThrow(/nested deeper than 3 levels/)
    expect(() => parse('['.repeat(100000), 8)).toThrow(FormatError)
  })

  it('quotes long strings shortened', () => {
    expect(quote('ab')).toBe('"ab"')
    expect(quote('x'.repeat(1000)).length).toBeLessThan(70)
  })
})
