import {
  ArgumentError,
  Module,
  type Parameter,
  type ParamPattern,
  paramPatternMatcher,
} from '@knack/core'

/** A parameter as a selection rule sees it. */
export interface ParameterInfo {
  /** Dotted name in the model (`layers.0.weight`). */
  readonly name: string
  readonly param: Parameter
  /** The module that holds the parameter directly (e.g. the `Linear` of `layers.0.weight`). */
  readonly module: Module
}

/** A module class, matched with `instanceof` (subclasses match too). */
export type ModuleClass = abstract new (...args: never[]) => Module

/**
 * One rule of a {@link ParameterSelection}: a name pattern (`paramPatternMatcher`'s glob on the whole
 * dotted name: `*` is a run without a dot, `**` any run, e.g. `'**.bias'`, `'head.**'`; or a
 * `RegExp` searched in the name), a module class (parameters held directly by an instance), or
 * a predicate on the {@link ParameterInfo}.
 */
export type ParameterRule = ParamPattern | ModuleClass | ((info: ParameterInfo) => boolean)

/** Which parameters a penalty applies to. */
export interface ParameterSelection {
  /** Rules of which any may match (default: every parameter). */
  include?: ParameterRule | readonly ParameterRule[]
  /**
   * Rules of which any excludes a parameter (default: {@link isBiasOrNormParameter}); giving
   * `exclude` replaces the default, so list `isBiasOrNormParameter` to keep it, or pass `[]` to
   * exclude nothing.
   */
  exclude?: ParameterRule | readonly ParameterRule[]
}

const NORM_CLASS = /(?:Batch|Layer|Group|Instance|RMS)Norm/

/**
 * Whether `module` is a normalization layer, recognised by class name: its class or an
 * ancestor class has `BatchNorm`, `LayerNorm`, `GroupNorm`, `InstanceNorm` or `RMSNorm` in its
 * name (`BatchNorm1d`, `BatchNorm2d`, `LayerNorm`, `GroupNorm`, …).
 */
export function isNormLayer(module: Module): boolean {
  for (let proto = Object.getPrototypeOf(module); proto !== null && proto !== Module.prototype; ) {
    if (NORM_CLASS.test(proto.constructor.name)) return true
    proto = Object.getPrototypeOf(proto)
  }
  return false
}

/**
 * The default exclusion of the penalties: a parameter named `bias` (the last part of its dotted
 * name), or any parameter of a normalization layer ({@link isNormLayer}: its scale and shift).
 * Penalizing these does not reduce capacity, and shrinking a norm scale only fights the layer.
 */
export function isBiasOrNormParameter(info: ParameterInfo): boolean {
  return info.name === 'bias' || info.name.endsWith('.bias') || isNormLayer(info.module)
}

function isModuleClass(rule: unknown): rule is ModuleClass {
  return typeof rule === 'function' && (rule === Module || rule.prototype instanceof Module)
}

function compileRule(op: string, rule: ParameterRule): (info: ParameterInfo) => boolean {
  if (typeof rule === 'string' || rule instanceof RegExp) {
    const matches = paramPatternMatcher(rule)
    return (info) => matches(info.name)
  }
  if (isModuleClass(rule)) return (info) => info.module instanceof rule
  if (typeof rule === 'function') {
    return (info) => {
      const selected: unknown = rule(info)
      if (typeof selected !== 'boolean') {
        throw new ArgumentError(
          op,
          `a selection predicate returned ${typeof selected} for ${info.name}`,
          'return true or false',
        )
      }
      return selected
    }
  }
  throw new ArgumentError(
    op,
    `a selection rule must be a name pattern, a RegExp, a Module class or a predicate, got ${typeof rule}`,
  )
}

function compileRules(
  op: string,
  rules: ParameterRule | readonly ParameterRule[],
): (info: ParameterInfo) => boolean {
  const list = (Array.isArray(rules) ? rules : [rules]) as readonly ParameterRule[]
  const tests = list.map((rule) => compileRule(op, rule))
  return (info) => tests.some((test) => test(info))
}

/**
 * The trainable parameters of `model` that `selection` picks, with their dotted names in model
 * order: those matching `include` (default all) and not `exclude` (default biases and
 * normalization layers). Frozen parameters (`requiresGrad` false) are never selected.
 */
export function selectParameters(
  model: Module,
  selection: ParameterSelection = {},
  op = 'selectParameters',
): [string, Parameter][] {
  const include = selection.include === undefined ? null : compileRules(op, selection.include)
  const exclude = compileRules(op, selection.exclude ?? isBiasOrNormParameter)
  const seen = new Set<Parameter>()
  const out: [string, Parameter][] = []
  for (const [prefix, module] of model.namedModules()) {
    for (const [name, param] of module.namedParameters(prefix, false)) {
      if (seen.has(param)) continue
      seen.add(param)
      if (!param.requiresGrad) continue
      const info: ParameterInfo = { name, param, module }
      if ((include === null || include(info)) && !exclude(info)) out.push([name, param])
    }
  }
  return out
}
