import { FormatError } from '../errors'

/** A parsed JSON value; objects are `Map`s so that no key (not even `__proto__`) is special. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject

/** A parsed JSON object, keys in document order. */
export type JsonObject = Map<string, JsonValue>

/** At most this many characters of a hostile string are quoted in an error message. */
const QUOTE_LIMIT = 60

/** `JSON.stringify(s)`, shortened for error messages. @internal */
export function quote(s: string): string {
  return JSON.stringify(s.length > QUOTE_LIMIT ? `${s.slice(0, QUOTE_LIMIT)}…` : s)
}

const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
}

/**
 * Parses JSON text (RFC 8259) strictly: a duplicate key in an object, nesting deeper than
 * `maxDepth`, or anything after the value other than whitespace is an error, unlike
 * `JSON.parse`, which keeps the last duplicate. Throws a FormatError naming `op` and the
 * character position. Runs in linear time with recursion bounded by `maxDepth`.
 * @see RFC 8259, "The JavaScript Object Notation (JSON) Data Interchange Format"
 */
export function parseStrictJson(text: string, op: string, maxDepth: number): JsonValue {
  let i = 0

  function fail(problem: string): never {
    throw new FormatError(
      op,
      `invalid JSON header at character ${i}: ${problem}`,
      'the header must be one JSON object',
    )
  }

  function skipWhitespace(): void {
    for (;;) {
      const c = text.charCodeAt(i)
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++
      else return
    }
  }

  function expectChar(ch: string): void {
    if (text[i] !== ch) {
      fail(`expected '${ch}' but found ${i < text.length ? quote(text[i]!) : 'the end'}`)
    }
    i++
  }

  function parseString(): string {
    expectChar('"')
    let out = ''
    let start = i
    for (;;) {
      if (i >= text.length) fail('unterminated string')
      const c = text.charCodeAt(i)
      if (c === 0x22) {
        out += text.slice(start, i)
        i++
        return out
      }
      if (c < 0x20) fail('control character inside a string')
      if (c !== 0x5c) {
        i++
        continue
      }
      out += text.slice(start, i)
      const e = text[i + 1]
      if (e === 'u') {
        const hex = text.slice(i + 2, i + 6)
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape')
        out += String.fromCharCode(Number.parseInt(hex, 16))
        i += 6
      } else {
        const r = e === undefined ? undefined : ESCAPES[e]
        if (r === undefined) fail('bad escape in a string')
        out += r
        i += 2
      }
      start = i
    }
  }

  const numberPattern = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y

  function parseNumber(): number {
    numberPattern.lastIndex = i
    const m = numberPattern.exec(text)
    if (m === null) return fail('malformed number')
    i += m[0].length
    return Number(m[0])
  }

  function parseLiteral<T>(word: string, value: T): T {
    if (!text.startsWith(word, i)) fail(`unexpected ${quote(text.slice(i, i + 8))}`)
    i += word.length
    return value
  }

  function parseValue(depth: number): JsonValue {
    skipWhitespace()
    const c = text[i]
    if (c === '{' || c === '[') {
      if (depth >= maxDepth) fail(`nested deeper than ${maxDepth} levels`)
      return c === '{' ? parseObject(depth + 1) : parseArray(depth + 1)
    }
    if (c === '"') return parseString()
    if (c === 't') return parseLiteral('true', true)
    if (c === 'f') return parseLiteral('false', false)
    if (c === 'n') return parseLiteral('null', null)
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return parseNumber()
    return fail(c === undefined ? 'unexpected end' : `unexpected ${quote(c)}`)
  }

  function parseObject(depth: number): JsonObject {
    expectChar('{')
    const out: JsonObject = new Map()
    skipWhitespace()
    if (text[i] === '}') {
      i++
      return out
    }
    for (;;) {
      skipWhitespace()
      const keyAt = i
      const key = parseString()
      if (out.has(key)) {
        i = keyAt
        fail(`duplicate key ${quote(key)}`)
      }
      skipWhitespace()
      expectChar(':')
      out.set(key, parseValue(depth))
      skipWhitespace()
      if (text[i] === ',') {
        i++
        continue
      }
      expectChar('}')
      return out
    }
  }

  function parseArray(depth: number): JsonValue[] {
    expectChar('[')
    const out: JsonValue[] = []
    skipWhitespace()
    if (text[i] === ']') {
      i++
      return out
    }
    for (;;) {
      out.push(parseValue(depth))
      skipWhitespace()
      if (text[i] === ',') {
        i++
        continue
      }
      expectChar(']')
      return out
    }
  }

  const value = parseValue(0)
  skipWhitespace()
  if (i < text.length) fail('unexpected text after the JSON value')
  return value
}
