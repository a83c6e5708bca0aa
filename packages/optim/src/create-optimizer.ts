import {
  ArgumentError,
  DTypeError,
  formatShape,
  type GradientTransform,
  getBackend,
  type Optimizer,
  type OptimizerState,
  type ParamTree,
  type Shape,
  ShapeError,
  Tensor,
  type TransformExtras,
} from '@knack/core'
import { addInto, applyUpdates } from './apply-updates'
import { NonFiniteGradientError } from './errors'
import { clearHyper, hyperValue, setHyper } from './hyper'
import { sameShape } from './param-tree'
import { captureState, layoutOf, restoreState, type StateLayout } from './state-layout'

/** Anything with named parameters, such as a `Module`. */
export interface NamedParameters {
  namedParameters(): Iterable<readonly [string, Tensor]>
}

/** The parameters an optimizer updates: a `Module`-like object or a name → tensor record. */
export type ParamSource = NamedParameters | Readonly<ParamTree>

/** Options of {@link createOptimizer}. */
export interface OptimizerOptions {
  /**
   * Refuse a step whose gradients hold NaN or ±Infinity with a {@link NonFiniteGradientError}
   * naming the first such parameter, changing nothing (default true).
   */
  checkFinite?: boolean
}

/** An {@link Optimizer} that runs a {@link GradientTransform} over bound parameters. */
export interface TransformOptimizer<S = unknown> extends Optimizer {
  /** The parameters, by name, in the order they were given. */
  readonly params: Readonly<ParamTree>
  readonly transform: GradientTransform<S>
  /**
   * The transform's current state. A transform with `prepareInPlace` (every built-in optimizer)
   * steps its buffers in place: copy them, or use `stateDict()`, to keep a snapshot.
   */
  readonly state: S
  /** Applies one update from the parameters' `.grad`; `extras` go to the transform. */
  step(extras?: TransformExtras): void
}

function isNamedParameters(source: ParamSource): source is NamedParameters {
  return typeof (source as Partial<NamedParameters>).namedParameters === 'function'
}

function collectParams(source: ParamSource): ParamTree {
  const entries = isNamedParameters(source) ? [...source.namedParameters()] : Object.entries(source)
  const params: ParamTree = {}
  const seen = new Map<Tensor, string>()
  for (const [name, param] of entries) {
    if (name in params) {
      throw new ArgumentError(
        'createOptimizer',
        `parameter name ${name} appears twice`,
        'give each parameter one name',
      )
    }
    const other = seen.get(param)
    if (other !== undefined) {
      throw new ArgumentError(
        'createOptimizer',
        `the same tensor is given as ${other} and as ${name}`,
        'list a shared parameter once, or it would be updated twice',
      )
    }
    if (param.dtype !== 'float32') {
      throw new DTypeError(
        'createOptimizer',
        `parameter ${name} is ${param.dtype}`,
        'optimize float32 parameters only',
      )
    }
    seen.set(param, name)
    params[name] = param
  }
  return params
}

/**
 * Index of the first NaN or ±Infinity in `data`, or -1; the common all-finite case is decided
 * by the active backend's `allFinite`.
 */
function firstNonFinite(data: Float32Array): number {
  if (getBackend().allFinite(data)) return -1
  return data.findIndex((x) => !Number.isFinite(x))
}

class BoundOptimizer<S> implements TransformOptimizer<S> {
  readonly params: Readonly<ParamTree>
  readonly transform: GradientTransform<S>
  readonly hyper: Record<string, number>
  readonly #paramShapes: ReadonlyMap<string, Shape>
  readonly #checkFinite: boolean
  #state: S
  #layout: StateLayout | null
  #stepCount = 0
  readonly #scratch = new Map<string, Tensor>()

  constructor(params: ParamTree, transform: GradientTransform<S>, options: OptimizerOptions) {
    this.params = Object.freeze(params)
    this.transform = transform
    this.#paramShapes = new Map(Object.entries(params).map(([name, p]) => [name, p.shape]))
    this.#checkFinite = options.checkFinite ?? true
    this.#state = transform.init(params)
    this.#layout = layoutOf(this.#state)
    this.hyper = new Proxy({} as Record<string, number>, {
      get: (_, key) => (typeof key === 'string' ? this.#readHyper(key) : undefined),
      set: (_, key, value) => {
        const slot = this.#hyperSlot(String(key))
        setHyper(slot.state, slot.name, value)
        return true
      },
      deleteProperty: (_, key) => {
        const slot = this.#hyperSlot(String(key))
        clearHyper(slot.state, slot.name)
        return true
      },
      has: (_, key) => typeof key === 'string' && this.#currentLayout().hypers.has(key),
      ownKeys: () => [...this.#currentLayout().hypers.keys()],
      getOwnPropertyDescriptor: (_, key) => {
        const value = typeof key === 'string' ? this.#readHyper(key) : undefined
        return value === undefined
          ? undefined
          : { value, writable: true, enumerable: true, configurable: true }
      },
    })
  }

  get state(): S {
    return this.#state
  }

  get stepCount(): number {
    return this.#stepCount
  }

  #currentLayout(): StateLayout {
    this.#layout ??= layoutOf(this.#state)
    return this.#layout
  }

  #readHyper(name: string): number | undefined {
    const slot = this.#currentLayout().hypers.get(name)
    return slot && hyperValue(slot.state, slot.name)
  }

  #hyperSlot(name: string) {
    const hypers = this.#currentLayout().hypers
    const slot = hypers.get(name)
    if (slot === undefined) {
      throw new ArgumentError(
        'hyper',
        `unknown hyperparameter ${name}`,
        hypers.size > 0
          ? `this optimizer has: ${[...hypers.keys()].join(', ')}`
          : 'this optimizer has none',
      )
    }
    return slot
  }

  step(extras?: TransformExtras): void {
    const grads: ParamTree = {}
    for (const name in this.params) {
      const param = this.params[name]!
      const grad = param.grad
      if (grad === null) continue
      if (grad.dtype !== 'float32' || !sameShape(grad.shape, param.shape)) {
        throw new ShapeError(
          'step',
          `gradient of ${name} is a ${grad.dtype} tensor of shape ${formatShape(grad.shape)}, the parameter a float32 tensor of shape ${formatShape(param.shape)}`,
          'gradients must match their parameters; nothing was changed',
        )
      }
      if (this.#checkFinite) {
        const index = firstNonFinite(grad.data as Float32Array)
        if (index !== -1) {
          throw new NonFiniteGradientError(
            'step',
            `gradient of ${name} holds ${grad.data[index]} at index ${index} of ${grad.size}`,
            'nothing was changed; skip this step, lower the learning rate, clip gradients or check the loss (or pass { checkFinite: false })',
          )
        }
      }
      grads[name] = grad
    }
    if (this.transform.prepareInPlace !== undefined) {
      const updates = this.#scratchCopy(grads)
      const commit = this.transform.prepareInPlace(updates, this.#state, this.params, extras)
      this.#state = commit()
      for (const name in updates) addInto(this.params[name]!.data, updates[name]!.data)
    } else {
      const result = this.transform.update(grads, this.#state, this.params, extras)
      applyUpdates(this.params, result.updates)
      this.#state = result.state
    }
    this.#layout = null
    this.#stepCount++
  }

  /** The gradients copied into update buffers this optimizer keeps from step to step. */
  #scratchCopy(grads: Readonly<ParamTree>): ParamTree {
    const updates: ParamTree = {}
    for (const name in grads) {
      const grad = grads[name]!
      let buffer = this.#scratch.get(name)
      if (buffer === undefined) {
        buffer = new Tensor(new Float32Array(grad.size), grad.shape)
        this.#scratch.set(name, buffer)
      }
      buffer.data.set(grad.data)
      updates[name] = buffer
    }
    return updates
  }

  zeroGrad(): void {
    for (const name in this.params) this.params[name]!.grad = null
  }

  stateDict(): OptimizerState {
    return captureState(this.#currentLayout(), [...this.#paramShapes.keys()], this.#stepCount)
  }

  loadStateDict(state: OptimizerState): void {
    const fresh = this.transform.init(this.params)
    const layout = layoutOf(fresh)
    restoreState('loadStateDict', layout, this.#paramShapes, state)
    this.#state = fresh
    this.#layout = layout
    this.#stepCount = state.step
  }
}

/**
 * Binds a gradient transform to parameters as a stateful {@link Optimizer}: `step()` reads each
 * parameter's `.grad` (parameters without one are skipped, as in PyTorch), runs the transform
 * and adds the updates; nothing changes unless the whole step succeeds. Transforms that can
 * (`prepareInPlace`) work on update buffers and state kept from step to step, allocating
 * nothing per step, after every check has passed. `hyper` reads and sets
 * hyperparameters by name (`opt.hyper.lr = 1e-4` holds until deleted; schedules are evaluated
 * at the current step). `stateDict()` keys buffers by parameter name; `loadStateDict()` refuses,
 * changing nothing, a state whose names or shapes differ.
 * @see https://pytorch.org/docs/1.13/optim.html
 */
export function createOptimizer<S>(
  source: ParamSource,
  transform: GradientTransform<S>,
  options: OptimizerOptions = {},
): TransformOptimizer<S> {
  return new BoundOptimizer(collectParams(source), transform, options)
}
