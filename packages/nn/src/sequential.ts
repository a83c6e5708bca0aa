import { ArgumentError, Module, type Tensor } from '@knack/core'
import { convReluMaxPool } from './conv-relu-max-pool'
import type { Layer } from './layer'

function isLayer(value: unknown): value is Layer {
  return value instanceof Module
}

/**
 * Chains layers: `forward(x)` feeds `x` through each in order. Children are named `'0'`, `'1'`,
 * … (`new Sequential(a, b)`), or by the keys of an object (`new Sequential({ conv: a, act: b })`),
 * so parameters are named `0.weight` or `conv.weight` exactly as in PyTorch. Indexable by
 * position with {@link Sequential.at} (and `seq[0]` for numbered children), by name with
 * {@link Sequential.get}, and iterable.
 * @see https://pytorch.org/docs/stable/generated/torch.nn.Sequential.html
 */
export class Sequential extends Module<[Tensor], Tensor> implements Iterable<Layer> {
  readonly [index: number]: Layer | undefined
  /** Child names in forward order. */
  readonly #names: string[] = []

  constructor(...layers: Layer[] | [Record<string, Layer>]) {
    super()
    const first = layers[0]
    if (layers.length === 1 && !isLayer(first) && typeof first === 'object' && first !== null) {
      for (const [name, layer] of Object.entries(first)) this.#add(name, layer)
    } else {
      for (const layer of layers) this.append(layer as Layer)
    }
  }

  /** Number of layers. */
  get length(): number {
    return this.#names.length
  }

  /** Appends `layer` under the next number (`'0'`, `'1'`, …) and returns `this`. */
  append(layer: Layer): this {
    this.#add(String(this.#names.length), layer)
    return this
  }

  #add(name: string, layer: unknown): void {
    if (!isLayer(layer)) {
      throw new ArgumentError(
        'Sequential',
        `layer '${name}' must be a Module, got ${layer === null ? 'null' : typeof layer}`,
        'pass module instances, e.g. new Sequential(new Linear(4, 8), new ReLU())',
      )
    }
    if (this.#names.includes(name)) {
      throw new ArgumentError(
        'Sequential',
        `two layers are named '${name}'`,
        'give each layer its own name',
      )
    }
    this.registerModule(name, layer)
    this.#names.push(name)
  }

  /** The layer at `index` in forward order (negative counts from the end). */
  at(index: number): Layer {
    const i = index < 0 ? index + this.#names.length : index
    if (!Number.isInteger(index) || i < 0 || i >= this.#names.length) {
      throw new ArgumentError(
        'Sequential.at',
        `index ${index} is out of range for ${this.#names.length} layers`,
        `use an integer in [${-this.#names.length}, ${this.#names.length - 1}]`,
      )
    }
    return this.get(this.#names[i]!)
  }

  /** The layer registered under `name`. */
  get(name: string): Layer {
    if (!this.#names.includes(name)) {
      throw new ArgumentError(
        'Sequential.get',
        `no layer is named '${name}'`,
        `the layers are named ${this.#names.map((n) => `'${n}'`).join(', ') || '(none)'}`,
      )
    }
    return (this as unknown as Record<string, Layer>)[name]!
  }

  *[Symbol.iterator](): Iterator<Layer> {
    for (const name of this.#names) yield this.get(name)
  }

  /**
   * Feeds `x` through the layers in order. A run of `Conv2d`, `ReLU`, `MaxPool2d` runs as the
   * fused `conv2dReluMaxPool2d` op (same values and gradients, far less memory traffic).
   */
  forward(x: Tensor): Tensor {
    const layers = [...this]
    let y = x
    for (let i = 0; i < layers.length; ) {
      const block = convReluMaxPool(layers, i)
      if (block !== null) {
        y = block(y)
        i += 3
      } else {
        y = layers[i++]!.forward(y)
      }
    }
    return y
  }
}
