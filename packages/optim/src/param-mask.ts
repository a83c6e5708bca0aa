import { ArgumentError, type ParamTree, type Tensor } from '@knack/core'

/**
 * A pattern on dotted parameter names: a glob matched against the whole name (`*` is any run of
 * characters without a dot, `**` any run of characters; e.g. `'**.bias'`, `'backbone.**'`), or a
 * `RegExp` searched in the name.
 */
export type ParamPattern = string | RegExp

/**
 * Selects parameters: a {@link ParamPattern}, a list of them (any may match), a predicate
 * `(name, param) => boolean` (e.g. `(_, p) => p.ndim > 1` to skip biases and norms), or a
 * boolean for every parameter name.
 */
export type ParamMask =
  | ParamPattern
  | readonly ParamPattern[]
  | ((name: string, param: Tensor) => boolean)
  | Readonly<Record<string, boolean>>

function globToRegExp(glob: string): RegExp {
  let source = ''
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!
    if (c === '*' && glob[i + 1] === '*') {
      source += '.*'
      i++
    } else if (c === '*') source += '[^.]*'
    else source += c.replace(/[\\^$.|?+()[\]{}]/g, '\\$&')
  }
  return new RegExp(`^${source}$`)
}

/**
 * A test of dotted parameter names against one {@link ParamPattern} (a glob on the whole name,
 * or a `RegExp` searched in it), for code that selects parameters the way masks do.
 */
export function paramPatternMatcher(pattern: ParamPattern): (name: string) => boolean {
  const re = typeof pattern === 'string' ? globToRegExp(pattern) : pattern
  return (name) => name.search(re) !== -1
}

/** Evaluates `mask` on every parameter: name → selected. @internal */
export function resolveMask(
  op: string,
  mask: ParamMask,
  params: Readonly<ParamTree>,
): Record<string, boolean> {
  const out: Record<string, boolean> = {}
  let test: (name: string, param: Tensor) => boolean
  if (typeof mask === 'function') test = mask
  else if (typeof mask === 'string' || mask instanceof RegExp) test = paramPatternMatcher(mask)
  else if (Array.isArray(mask)) {
    const tests = (mask as readonly ParamPattern[]).map(paramPatternMatcher)
    test = (name) => tests.some((t) => t(name))
  } else {
    const tree = mask as Readonly<Record<string, boolean>>
    test = (name) => {
      const selected = tree[name]
      if (typeof selected !== 'boolean') {
        throw new ArgumentError(
          op,
          `the mask has no boolean for parameter ${name}`,
          'give a boolean for every parameter name, or use a pattern or a predicate',
        )
      }
      return selected
    }
  }
  for (const name in params) {
    const selected = test(name, params[name]!)
    if (typeof selected !== 'boolean') {
      throw new ArgumentError(
        op,
        `the mask predicate returned ${typeof selected} for ${name}`,
        'return true or false',
      )
    }
    out[name] = selected
  }
  return out
}
