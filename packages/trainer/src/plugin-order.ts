import { ArgumentError, KnackError, PHASES, type Plugin } from '@knack/core'

const phaseRank = (p: Plugin) => PHASES.indexOf(p.phase ?? 'setup')

/**
 * The order in which plugins' hooks run: by `phase` (setup < metrics < lr < stopping <
 * checkpoint), then `priority` (lower first), then registration order, subject to every
 * `before`/`after` constraint (names of other registered plugins; unknown names are ignored):
 * repeatedly, the first plugin in that ranking whose constraints are met runs next.
 * A cycle of constraints is an error naming the plugins in it.
 */
export function resolvePluginOrder(plugins: readonly Plugin[]): Plugin[] {
  const byName = new Map<string, number>()
  const keys = new Set<string>()
  plugins.forEach((p, i) => {
    if (byName.has(p.name)) {
      throw new ArgumentError(
        'Trainer',
        `two plugins are named '${p.name}'`,
        'give each plugin a unique name',
      )
    }
    if (keys.has(p.stateKey)) {
      throw new ArgumentError(
        'Trainer',
        `two plugins use the state key '${p.stateKey}'`,
        'give each plugin instance a unique stateKey (most plugins accept a name option)',
      )
    }
    byName.set(p.name, i)
    keys.add(p.stateKey)
  })
  const after: Set<number>[] = plugins.map(() => new Set())
  plugins.forEach((p, i) => {
    for (const name of p.after ?? []) {
      const j = byName.get(name)
      if (j !== undefined) after[i]!.add(j)
    }
    for (const name of p.before ?? []) {
      const j = byName.get(name)
      if (j !== undefined) after[j]!.add(i)
    }
  })
  const rank = (i: number): [number, number, number] => {
    const p = plugins[i]!
    return [phaseRank(p), p.priority ?? 0, i]
  }
  const less = (a: number, b: number) => {
    const ra = rank(a)
    const rb = rank(b)
    for (let k = 0; k < 3; k++) if (ra[k] !== rb[k]) return ra[k]! < rb[k]!
    return false
  }
  const placed = new Set<number>()
  const order: Plugin[] = []
  while (order.length < plugins.length) {
    let next = -1
    for (let i = 0; i < plugins.length; i++) {
      if (placed.has(i)) continue
      if ([...after[i]!].some((j) => !placed.has(j))) continue
      if (next < 0 || less(i, next)) next = i
    }
    if (next < 0) {
      const stuck = plugins.filter((_, i) => !placed.has(i)).map((p) => p.name)
      throw new KnackError(
        'Trainer',
        `the before/after constraints of plugins ${stuck.join(', ')} form a cycle`,
        'remove one of the constraints so that an order exists',
      )
    }
    placed.add(next)
    order.push(plugins[next]!)
  }
  return order
}

/** A readable table of the resolved order: position, name, phase, priority, constraints. */
export function describePluginOrder(plugins: readonly Plugin[]): string {
  const rows = resolvePluginOrder(plugins).map((p, i) => {
    const constraints = [
      ...(p.before ?? []).map((n) => `before ${n}`),
      ...(p.after ?? []).map((n) => `after ${n}`),
    ].join(', ')
    return `${String(i + 1).padStart(2)}. ${p.name.padEnd(20)} ${(p.phase ?? 'setup').padEnd(10)} priority ${p.priority ?? 0}${constraints ? `  (${constraints})` : ''}`
  })
  return rows.join('\n')
}
