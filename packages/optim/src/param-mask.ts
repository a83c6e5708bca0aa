import {
  ArgumentError,
  type ParamPattern,
  type ParamTree,
  paramPatternMatcher,
  type Tensor,
} from '@knack/core'

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
