/**
 * A pattern on dotted parameter names: a glob matched against the whole name (`*` is any run of
 * characters without a dot, `**` any run of characters; e.g. `'**.bias'`, `'backbone.**'`), or a
 * `RegExp` searched in the name.
 */
export type ParamPattern = string | RegExp

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
 * A test of dotted parameter names against one {@link ParamPattern}, shared by everything that
 * selects parameters by name (optimizer masks, penalties, initialization rules).
 */
export function paramPatternMatcher(pattern: ParamPattern): (name: string) => boolean {
  const re = typeof pattern === 'string' ? globToRegExp(pattern) : pattern
  return (name) => name.search(re) !== -1
}
