import {
  ArgumentError,
  formatShape,
  Generator,
  getDefaultGenerator,
  KnackError,
  type Module,
  type Parameter,
  type ParamPattern,
  paramPatternMatcher,
  type Tensor,
} from '@knack/core'
import type { Initializer } from './initializer'

/** A module class, e.g. `Linear` or `Conv2d`, to match the layer that owns a parameter. */
// biome-ignore lint/suspicious/noExplicitAny: any constructor signature, abstract ones included
export type ModuleClass = abstract new (...args: any[]) => Module

/**
 * Which parameters get which scheme. A rule matches a parameter when its name matches `match`
 * (if given) and its owning module is an instance of `layer` (if given); a rule with neither
 * matches every parameter.
 */
export interface InitRule {
  /**
   * A glob matched against the full dotted name and against the parameter's own name (its last
   * segment): `'weight'` selects every weight, `'layers.*.bias'` the biases of the children of
   * `layers`, `'encoder.**'` everything under `encoder` (`*` is part of one segment, `**` any
   * run of characters); or a RegExp searched in the full name. Core's `paramPatternMatcher`.
   */
  match?: ParamPattern
  /** The owning module's class, or a list of classes (e.g. `[Linear, Conv2d]`). */
  layer?: ModuleClass | readonly ModuleClass[]
  /** The scheme to apply, e.g. `kaimingNormal({ nonlinearity: 'relu' })`. */
  init: Initializer
}

/** Options of {@link initialize}: where the randomness comes from. */
export interface InitializeOptions {
  /** Seed a fresh generator, so the same seed gives the same weights. */
  seed?: number
  /** Use this generator (default: the default generator, see `manualSeed`). */
  generator?: Generator
}

/** One parameter {@link initialize} set. */
export interface InitApplied {
  name: string
  shape: number[]
  /** Index of the first matching rule. */
  rule: number
  /** The scheme's label. */
  init: string
}

/** What {@link initialize} did. */
export interface InitReport {
  /** The parameters set, in the model's parameter order. */
  applied: InitApplied[]
  /** Names of the parameters no rule matched (left unchanged). */
  unmatched: string[]
  /** Indices of the rules that matched no parameter (often a typo in a pattern). */
  unusedRules: number[]
}

interface CompiledRule {
  test: (name: string, owner: Module) => boolean
  init: Initializer
}

function compile(rule: InitRule, index: number): CompiledRule {
  const op = 'initialize'
  if (typeof rule !== 'object' || rule === null || typeof rule.init !== 'function') {
    throw new ArgumentError(
      op,
      `rule ${index} has no init function`,
      "give every rule a scheme, e.g. { match: 'weight', init: kaimingNormal() }",
    )
  }
  const { match, layer } = rule
  let nameTest: (name: string) => boolean = () => true
  if (typeof match === 'string') {
    const matches = paramPatternMatcher(match)
    nameTest = (name) => matches(name) || matches(name.slice(name.lastIndexOf('.') + 1))
  } else if (match instanceof RegExp) {
    nameTest = paramPatternMatcher(match)
  } else if (match !== undefined) {
    throw new ArgumentError(
      op,
      `rule ${index}: match must be a string glob or a RegExp, got ${typeof match}`,
    )
  }
  const classes = layer === undefined ? [] : Array.isArray(layer) ? layer : [layer as ModuleClass]
  if (classes.some((c) => typeof c !== 'function')) {
    throw new ArgumentError(
      op,
      `rule ${index}: layer must be a module class or a list of them`,
      'pass the class itself, e.g. Linear',
    )
  }
  const layerTest = (owner: Module) =>
    classes.length === 0 || classes.some((c) => owner instanceof c)
  return { test: (name, owner) => nameTest(name) && layerTest(owner), init: rule.init }
}

function pickGenerator(options: InitializeOptions): Generator {
  if (options.seed !== undefined && options.generator !== undefined) {
    throw new ArgumentError('initialize', 'got both a seed and a generator', 'pass one of them')
  }
  if (options.seed !== undefined) return new Generator(options.seed)
  return options.generator ?? getDefaultGenerator()
}

/**
 * Initializes a model's parameters by rules: each parameter (in the model's order, shared ones
 * once) gets the scheme of the first rule that matches its dotted name and its owning layer's
 * type; parameters no rule matches keep their values. All or nothing: when a scheme fails
 * (e.g. a fan-based scheme on a bias), no parameter has changed. Returns a report of what was
 * applied, what was not matched, and which rules matched nothing.
 * @example initialize(model, [{ layer: [Linear, Conv2d], match: 'weight', init: kaimingNormal({ nonlinearity: 'relu' }) }, { match: 'bias', init: zeros() }], { seed: 0 })
 */
export function initialize(
  model: Module,
  rules: readonly InitRule[],
  options: InitializeOptions = {},
): InitReport {
  const compiled = rules.map(compile)
  const generator = pickGenerator(options)
  const used = new Set<number>()
  const applied: InitApplied[] = []
  const unmatched: string[] = []
  const staged: [Parameter, Tensor][] = []
  const seen = new Set<Parameter>()
  for (const [moduleName, owner] of model.namedModules()) {
    for (const [name, param] of owner.namedParameters(moduleName, false)) {
      if (seen.has(param)) continue
      seen.add(param)
      const index = compiled.findIndex((rule) => rule.test(name, owner))
      if (index < 0) {
        unmatched.push(name)
        continue
      }
      const rule = compiled[index]!
      const value = param.clone()
      try {
        rule.init(value, generator)
      } catch (cause) {
        if (!(cause instanceof KnackError)) throw cause
        throw new ArgumentError(
          'initialize',
          `rule ${index} (${rule.init.label}) cannot initialize '${name}' ${formatShape(param.shape)}, nothing was changed: ${cause.message}`,
          'narrow the rule (e.g. match: "weight") or add an earlier rule for this parameter',
          { cause },
        )
      }
      used.add(index)
      staged.push([param, value])
      applied.push({ name, shape: [...param.shape], rule: index, init: rule.init.label })
    }
  }
  for (const [param, value] of staged) param.copy_(value)
  const unusedRules = compiled.map((_, i) => i).filter((i) => !used.has(i))
  return { applied, unmatched, unusedRules }
}
