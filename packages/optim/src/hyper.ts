import { ArgumentError, type ScalarOrSchedule } from '@knack/core'

/** Values a hyperparameter may take: any finite number, `≥ 0`, or within `[0, 1)`. */
export type HyperRange = 'real' | 'nonNegative' | 'unitInterval'

/** A hyperparameter as given to a transform: a constant or a schedule, and its valid range. */
export interface HyperParam {
  readonly value: ScalarOrSchedule
  readonly range: HyperRange
}

/** The hyperparameters one transform declares, checked when the transform is built. */
export interface HyperSpec {
  /** The transform that declares them (`scaleByAdam`), for error messages. */
  readonly owner: string
  readonly params: Readonly<Record<string, HyperParam>>
}

/**
 * The hyperparameters of one transform inside its state (the `hyper` field): the value of each
 * is the hand-set value if there is one, else its schedule at `count`, else its constant. An
 * optimizer finds these records in its state to read and write hyperparameters by name.
 */
export interface HyperState {
  readonly spec: HyperSpec
  /** Updates the transform has made: schedules are evaluated here (0 for the first update). */
  count: number
  /** Values set by hand (`opt.hyper.lr = 1e-4`); each replaces its spec until cleared. */
  manual: Record<string, number>
}

const RANGE_TEXT: Record<HyperRange, string> = {
  real: 'a finite number',
  nonNegative: 'a finite number ≥ 0',
  unitInterval: 'in [0, 1)',
}

function inRange(value: number, range: HyperRange): boolean {
  if (!Number.isFinite(value)) return false
  if (range === 'nonNegative') return value >= 0
  if (range === 'unitInterval') return value >= 0 && value < 1
  return true
}

/** Why `value` is not valid for the hyperparameter `name` of `spec`, or `null` if it is. */
export function hyperProblem(spec: HyperSpec, name: string, value: number): string | null {
  const param = spec.params[name]
  if (param === undefined || inRange(value, param.range)) return null
  return `${name} must be ${RANGE_TEXT[param.range]}, got ${value}`
}

function checkHyper(spec: HyperSpec, name: string, value: number, where = ''): void {
  const problem = hyperProblem(spec, name, value)
  if (problem !== null) {
    throw new ArgumentError(spec.owner, `${problem}${where}`, `pass a valid ${name}`)
  }
}

/**
 * Declares the hyperparameters of a transform (entries whose value is `undefined` are left
 * out), checking constants now and schedule values each time they are evaluated.
 */
export function hyperSpec(
  owner: string,
  entries: Readonly<Record<string, readonly [ScalarOrSchedule | undefined, HyperRange]>>,
): HyperSpec {
  const params: Record<string, HyperParam> = {}
  for (const [name, [value, range]] of Object.entries(entries)) {
    if (value === undefined) continue
    if (typeof value === 'function') {
      params[name] = { value, range }
      continue
    }
    if (typeof value !== 'number') {
      throw new ArgumentError(
        owner,
        `${name} must be a number or a schedule (step) => number, got ${typeof value}`,
        `pass ${name} as a number or a function of the step`,
      )
    }
    params[name] = { value, range }
    checkHyper({ owner, params }, name, value)
  }
  return { owner, params: Object.freeze(params) }
}

/** The state of fresh hyperparameters: count 0, nothing set by hand. */
export function initHyper(spec: HyperSpec): HyperState {
  return { spec, count: 0, manual: {} }
}

/**
 * The current value of hyperparameter `name`: hand-set, else scheduled at `count`, else the
 * constant. `fallback` is returned for a hyperparameter the transform was built without.
 */
export function hyperValue(state: HyperState, name: string, fallback?: number): number {
  const manual = state.manual[name]
  if (manual !== undefined) return manual
  const param = state.spec.params[name]
  if (param === undefined) {
    if (fallback !== undefined) return fallback
    throw new ArgumentError(
      state.spec.owner,
      `no hyperparameter named ${name}`,
      `use one of: ${Object.keys(state.spec.params).join(', ')}`,
    )
  }
  if (typeof param.value === 'number') return param.value
  const value = param.value(state.count)
  checkHyper(state.spec, name, value, ` from its schedule at step ${state.count}`)
  return value
}

/** The hyperparameter state after one more update (`count + 1`). */
export function nextHyper(state: HyperState): HyperState {
  return { spec: state.spec, count: state.count + 1, manual: { ...state.manual } }
}

/** Sets hyperparameter `name` by hand: it keeps `value` until cleared, whatever its spec. */
export function setHyper(state: HyperState, name: string, value: number): void {
  if (typeof value !== 'number') {
    throw new ArgumentError(
      state.spec.owner,
      `${name} must be set to a number, got ${typeof value}`,
      'to use a schedule, build the optimizer with it',
    )
  }
  checkHyper(state.spec, name, value)
  state.manual[name] = value
}

/** Clears a hand-set value: hyperparameter `name` follows its spec again. */
export function clearHyper(state: HyperState, name: string): void {
  delete state.manual[name]
}
