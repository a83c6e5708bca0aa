import { ArgumentError, StateError } from '../errors'
import { formatShape, shapesEqual } from '../shape'
import { Tensor } from '../tensor'
import { Parameter } from './parameter'

/** A model's saved state: dotted names (`layers.0.weight`, `bn.running_mean`) → tensors. */
export type StateDict = Record<string, Tensor>

/** Options of {@link Module.loadStateDict}. */
export interface LoadStateDictOptions {
  /**
   * Refuse a state whose keys differ from the model's (default `true`). With `false`, missing
   * and unexpected keys are reported in the result instead; shape mismatches are always refused.
   */
  strict?: boolean
}

/** What {@link Module.loadStateDict} did not match (both empty after a strict load). */
export interface LoadStateDictResult {
  /** Names the model has but the state lacks (those tensors kept their values). */
  missingKeys: string[]
  /** Names the state has but the model lacks (ignored). */
  unexpectedKeys: string[]
}

/**
 * Runs before {@link Module.forward} with the module and its inputs; returning an array
 * replaces the inputs, returning nothing keeps them (PyTorch's forward pre-hook).
 */
export type ForwardPreHook<In extends unknown[] = unknown[]> = (
  module: Module<In, unknown>,
  inputs: In,
) => In | undefined

/**
 * Runs after {@link Module.forward} with the module, its inputs and its output; returning a
 * value replaces the output, returning nothing keeps it (PyTorch's forward hook).
 */
export type ForwardHook<In extends unknown[] = unknown[], Out = unknown> = (
  module: Module<In, Out>,
  inputs: In,
  output: Out,
) => Out | undefined

/** Returned by the hook registrations: `remove()` unregisters the hook (idempotent). */
export interface HookHandle {
  remove(): void
}

let nextHookId = 0

type Fields = Record<string, unknown>

function fieldsOf(module: Module): Fields {
  return module as unknown as Fields
}

function joinName(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}.${name}`
}

function describe(value: unknown): string {
  if (value instanceof Parameter) return 'a Parameter'
  if (value instanceof Module) return `a module (${value.constructor.name})`
  if (value instanceof Tensor) return 'a tensor'
  if (value === null || value === undefined) return String(value)
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}

/**
 * Base class of every layer and model (PyTorch's `nn.Module`): holds named parameters,
 * buffers and submodules, switches between training and evaluation mode, and saves/loads its
 * state under PyTorch's names.
 *
 * Registration follows PyTorch: a {@link Parameter} or `Module` assigned to an own field
 * (`this.fc1 = new Linear(4, 8)`) is registered under the field's name, in the order the
 * fields were created; buffers (non-learned state such as running statistics) are registered
 * with {@link Module.registerBuffer}; names that are not valid or convenient field names
 * (`'0'`, `'running_mean'`) go through {@link Module.registerParameter} /
 * {@link Module.registerModule} / {@link Module.registerBuffer}, which create the field.
 * Plain arrays or maps of modules are not discovered: register each element (children named
 * `'0'`, `'1'`, … as containers do). Integer-like names come first, in ascending order (that
 * is JavaScript's property order).
 *
 * @typeParam In - the argument types of {@link Module.forward}, e.g. `[Tensor]`
 * @typeParam Out - the result type of {@link Module.forward}, e.g. `Tensor`
 * @see https://pytorch.org/docs/stable/generated/torch.nn.Module.html
 */
export abstract class Module<In extends unknown[] = unknown[], Out = unknown> {
  /** `true` in training mode (the default), `false` after {@link Module.eval}. */
  training = true
  /** Registered buffer names → whether each is persistent (part of the state dict). */
  readonly #buffers = new Map<string, boolean>()

  /**
   * Forward hooks and pre-hooks by registration id, run in registration order (stored without
   * the type parameters, so that a `Module<[Tensor], Tensor>` stays assignable to `Module`).
   */
  readonly #forwardPreHooks = new Map<number, ForwardPreHook>()
  readonly #forwardHooks = new Map<number, ForwardHook>()
  #forwardWrapped = false

  /** Computes the module's output from its inputs. */
  abstract forward(...inputs: In): Out

  /**
   * Registers `hook` to run before every call of `forward` on this module (it may replace the
   * inputs). The first registration installs an own-property wrapper around `forward` (a plain
   * pass-through once every hook is removed); a module that never registers a hook calls its
   * `forward` directly, at no cost.
   * @see https://pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.register_forward_pre_hook
   */
  registerForwardPreHook(hook: ForwardPreHook<In>): HookHandle {
    return this.#addHook('registerForwardPreHook', this.#forwardPreHooks, hook as ForwardPreHook)
  }

  /**
   * Registers `hook` to run after every call of `forward` on this module, with its inputs and
   * output (it may replace the output), e.g. to record activations or output shapes.
   * @see https://pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.register_forward_hook
   */
  registerForwardHook(hook: ForwardHook<In, Out>): HookHandle {
    return this.#addHook('registerForwardHook', this.#forwardHooks, hook as ForwardHook)
  }

  #addHook<H>(op: string, hooks: Map<number, H>, hook: H): HookHandle {
    if (typeof hook !== 'function') {
      throw new ArgumentError(op, `the hook must be a function, got ${describe(hook)}`)
    }
    if (!this.#forwardWrapped) this.#wrapForward()
    const id = nextHookId++
    hooks.set(id, hook)
    return { remove: () => void hooks.delete(id) }
  }

  /** Replaces `forward` by an own, non-enumerable wrapper that runs the hooks around it. */
  #wrapForward(): void {
    this.#forwardWrapped = true
    const inner = this.forward
    const hooked = (...args: In): Out => {
      if (this.#forwardPreHooks.size === 0 && this.#forwardHooks.size === 0) {
        return inner.apply(this, args)
      }
      let inputs: unknown[] = args
      for (const hook of [...this.#forwardPreHooks.values()]) {
        const replaced = hook(this, inputs)
        if (replaced === undefined) continue
        if (!Array.isArray(replaced)) {
          throw new ArgumentError(
            'forward pre-hook',
            `a pre-hook of ${this.constructor.name} returned ${describe(replaced)}`,
            'return an array of replacement inputs, or nothing to keep them',
          )
        }
        inputs = replaced
      }
      let output: unknown = inner.apply(this, inputs as In)
      for (const hook of [...this.#forwardHooks.values()]) {
        const replaced = hook(this, inputs, output)
        if (replaced !== undefined) output = replaced
      }
      return output as Out
    }
    Object.defineProperty(this, 'forward', {
      value: hooked,
      writable: true,
      configurable: true,
      enumerable: false,
    })
  }

  /**
   * Registers `param` under `name` (creating the field `this[name]`); `null` declares an
   * absent parameter (e.g. no bias).
   */
  registerParameter(name: string, param: Parameter | null): void {
    if (param !== null && !(param instanceof Parameter)) {
      throw new ArgumentError(
        'registerParameter',
        `'${name}' must be a Parameter, got ${describe(param)}`,
        'wrap the tensor: new Parameter(tensor)',
      )
    }
    this.#claimName('registerParameter', name, (current) => current instanceof Parameter)
    this.#buffers.delete(name)
    fieldsOf(this)[name] = param
  }

  /**
   * Registers a buffer: a tensor that is part of the module's state but not learned (running
   * statistics, step counters). A persistent buffer is saved by {@link Module.stateDict}; a
   * non-persistent one is not. `null` declares an absent buffer. The field `this[name]` holds
   * it; assigning another tensor to that field replaces the buffer.
   */
  registerBuffer(name: string, tensor: Tensor | null, persistent = true): void {
    if (tensor instanceof Parameter || (tensor !== null && !(tensor instanceof Tensor))) {
      throw new ArgumentError(
        'registerBuffer',
        `buffer '${name}' must be a plain tensor, got ${describe(tensor)}`,
        'register a Parameter with registerParameter, or pass a tensor (e.g. param.detach())',
      )
    }
    this.#claimName('registerBuffer', name, () => this.#buffers.has(name))
    this.#buffers.set(name, persistent)
    fieldsOf(this)[name] = tensor
  }

  /**
   * Registers `module` as a child under `name` (creating the field `this[name]`), e.g. `'0'`,
   * `'1'`, … for a container; `null` declares an absent child.
   */
  registerModule(name: string, module: Module | null): void {
    if (module !== null && !(module instanceof Module)) {
      throw new ArgumentError(
        'registerModule',
        `child '${name}' must be a Module, got ${describe(module)}`,
        'pass an instance of a Module subclass',
      )
    }
    this.#claimName('registerModule', name, (current) => current instanceof Module)
    this.#buffers.delete(name)
    fieldsOf(this)[name] = module
  }

  /** Checks that `name` may be (re)registered: valid, and not already something else. */
  #claimName(op: string, name: string, sameKind: (current: unknown) => boolean): void {
    if (typeof name !== 'string' || name === '' || name.includes('.')) {
      throw new ArgumentError(
        op,
        `invalid name ${JSON.stringify(name)}`,
        'use a non-empty string without dots (dots separate nested names)',
      )
    }
    if (!Object.hasOwn(this, name)) {
      if (name in this) {
        throw new ArgumentError(
          op,
          `'${name}' is already a method or property of ${this.constructor.name}`,
          'choose another name',
        )
      }
      return
    }
    const current = fieldsOf(this)[name]
    if (current === undefined || current === null || sameKind(current)) return
    throw new ArgumentError(
      op,
      `'${name}' already holds ${describe(current)} on ${this.constructor.name}`,
      'choose another name',
    )
  }

  /** This module's own parameters, in field order. */
  #ownParameters(): [string, Parameter][] {
    const out: [string, Parameter][] = []
    const fields = fieldsOf(this)
    for (const key of Object.keys(fields)) {
      const value = fields[key]
      if (value instanceof Parameter) out.push([key, value])
    }
    return out
  }

  /** This module's own buffers with their persistence, in field order. */
  #ownBuffers(): [string, Tensor, boolean][] {
    const out: [string, Tensor, boolean][] = []
    const fields = fieldsOf(this)
    for (const key of Object.keys(fields)) {
      const persistent = this.#buffers.get(key)
      const value = fields[key]
      if (persistent !== undefined && value instanceof Tensor && !(value instanceof Parameter)) {
        out.push([key, value, persistent])
      }
    }
    return out
  }

  /** This module's direct children, in field order, repeats included. */
  #ownModules(): [string, Module][] {
    const out: [string, Module][] = []
    const fields = fieldsOf(this)
    for (const key of Object.keys(fields)) {
      const value = fields[key]
      if (value instanceof Module) out.push([key, value])
    }
    return out
  }

  /**
   * Parameters with their dotted names (`layers.0.weight`), this module's own first, then each
   * child's in order; a parameter shared under several names is listed once.
   */
  namedParameters(prefix = '', recurse = true): [string, Parameter][] {
    const modules: [string, Module][] = recurse ? this.namedModules(prefix) : [[prefix, this]]
    const seen = new Set<Parameter>()
    const out: [string, Parameter][] = []
    for (const [modulePrefix, module] of modules) {
      for (const [name, param] of module.#ownParameters()) {
        if (seen.has(param)) continue
        seen.add(param)
        out.push([joinName(modulePrefix, name), param])
      }
    }
    return out
  }

  /** The parameters of {@link Module.namedParameters}, without names. */
  parameters(recurse = true): Parameter[] {
    return this.namedParameters('', recurse).map(([, param]) => param)
  }

  /** Buffers (persistent or not) with their dotted names (`bn.running_mean`), in module order. */
  namedBuffers(prefix = '', recurse = true): [string, Tensor][] {
    const modules: [string, Module][] = recurse ? this.namedModules(prefix) : [[prefix, this]]
    const seen = new Set<Tensor>()
    const out: [string, Tensor][] = []
    for (const [modulePrefix, module] of modules) {
      for (const [name, buffer] of module.#ownBuffers()) {
        if (seen.has(buffer)) continue
        seen.add(buffer)
        out.push([joinName(modulePrefix, name), buffer])
      }
    }
    return out
  }

  /** The buffers of {@link Module.namedBuffers}, without names. */
  buffers(recurse = true): Tensor[] {
    return this.namedBuffers('', recurse).map(([, buffer]) => buffer)
  }

  /** Direct children with their names, in order; a child registered twice is listed once. */
  namedChildren(): [string, Module][] {
    const seen = new Set<Module>()
    const out: [string, Module][] = []
    for (const [name, child] of this.#ownModules()) {
      if (seen.has(child)) continue
      seen.add(child)
      out.push([name, child])
    }
    return out
  }

  /** The direct children, without names. */
  children(): Module[] {
    return this.namedChildren().map(([, child]) => child)
  }

  /**
   * This module (named `prefix`, `''` by default) and all its descendants, depth-first in
   * registration order, each listed once.
   */
  namedModules(prefix = ''): [string, Module][] {
    const seen = new Set<Module>()
    const out: [string, Module][] = []
    const visit = (name: string, module: Module): void => {
      if (seen.has(module)) return
      seen.add(module)
      out.push([name, module])
      for (const [childName, child] of module.#ownModules()) {
        visit(joinName(name, childName), child)
      }
    }
    visit(prefix, this)
    return out
  }

  /** This module and all its descendants, without names. */
  modules(): Module[] {
    return this.namedModules().map(([, module]) => module)
  }

  /** Calls `fn` on every descendant, children before parents, and last on this module. */
  apply(fn: (module: Module) => void): this {
    for (const child of this.children()) child.apply(fn)
    fn(this)
    return this
  }

  /** Sets training mode (`mode = true`) or evaluation mode on this module and every descendant. */
  train(mode = true): this {
    this.training = mode
    for (const child of this.children()) child.train(mode)
    return this
  }

  /** Switches this module and every descendant to evaluation mode: `train(false)`. */
  eval(): this {
    return this.train(false)
  }

  /** Sets every parameter's gradient to `null`. */
  zeroGrad(): void {
    for (const param of this.parameters()) param.grad = null
  }

  /** Sets `requiresGrad` on every parameter (`false` freezes the module), for chaining. */
  requiresGrad_(flag = true): this {
    for (const param of this.parameters()) param.requiresGrad_(flag)
    return this
  }

  /** Number of parameter values (shared parameters counted once), optionally only trainable ones. */
  numParameters(trainableOnly = false): number {
    let n = 0
    for (const param of this.parameters()) {
      if (!trainableOnly || param.requiresGrad) n += param.size
    }
    return n
  }

  /** Appends `[name, tensor]` for every state entry, in PyTorch's state-dict order. */
  #collectState(prefix: string, out: [string, Tensor][]): void {
    for (const [name, param] of this.#ownParameters()) out.push([joinName(prefix, name), param])
    for (const [name, buffer, persistent] of this.#ownBuffers()) {
      if (persistent) out.push([joinName(prefix, name), buffer])
    }
    for (const [name, child] of this.#ownModules()) child.#collectState(joinName(prefix, name), out)
  }

  /**
   * Copies of the parameters and persistent buffers under dotted names (`layers.0.weight`,
   * `bn.running_mean`), in PyTorch's order: a module's own parameters, then its buffers, then
   * each child's entries. Each copy keeps its dtype and owns its storage.
   */
  stateDict(): StateDict {
    const entries: [string, Tensor][] = []
    this.#collectState('', entries)
    const state: StateDict = {}
    for (const [name, tensor] of entries) state[name] = tensor.clone()
    return state
  }

  /**
   * Copies `state` into the parameters and persistent buffers in place (each keeps its own
   * dtype). All or nothing: when it refuses, no value has changed. Strict mode (the default)
   * refuses missing and unexpected keys; both modes refuse shape mismatches and non-tensors. The
   * error lists every offending name.
   */
  loadStateDict(state: StateDict, options: LoadStateDictOptions = {}): LoadStateDictResult {
    const strict = options.strict ?? true
    const entries: [string, Tensor][] = []
    this.#collectState('', entries)
    const expected = new Set<string>()
    const missingKeys: string[] = []
    const mismatched: string[] = []
    const notTensors: string[] = []
    const copies: [Tensor, Tensor][] = []
    for (const [name, target] of entries) {
      expected.add(name)
      if (!Object.hasOwn(state, name)) {
        missingKeys.push(name)
        continue
      }
      const source: unknown = state[name]
      if (!(source instanceof Tensor)) {
        notTensors.push(`${name} (${describe(source)})`)
      } else if (!shapesEqual(source.shape, target.shape)) {
        mismatched.push(`${name} ${formatShape(source.shape)} vs ${formatShape(target.shape)}`)
      } else {
        copies.push([target, source])
      }
    }
    const unexpectedKeys = Object.keys(state).filter((name) => !expected.has(name))

    const problems: string[] = []
    if (strict && missingKeys.length > 0) problems.push(`missing: ${missingKeys.join(', ')}`)
    if (strict && unexpectedKeys.length > 0) {
      problems.push(`unexpected: ${unexpectedKeys.join(', ')}`)
    }
    if (mismatched.length > 0) {
      problems.push(`shape mismatch (state vs model): ${mismatched.join(', ')}`)
    }
    if (notTensors.length > 0) problems.push(`not a tensor: ${notTensors.join(', ')}`)
    if (problems.length > 0) {
      throw new StateError(
        'loadStateDict',
        `the state does not fit ${this.constructor.name}, nothing was loaded: ${problems.join('; ')}`,
        'load a state saved from the same architecture, or remove the differing entries and pass { strict: false }',
      )
    }
    // A source that shares storage with another target is read before any target changes.
    const targetStorage = new Set(entries.map(([, target]) => target.data))
    const sources = copies.map(([target, source]) =>
      source.data !== target.data && targetStorage.has(source.data) ? source.clone() : source,
    )
    for (let i = 0; i < copies.length; i++) copies[i]![0].copy_(sources[i]!)
    return { missingKeys, unexpectedKeys }
  }
}
