import {
  Generator,
  linear,
  Module,
  Parameter,
  relu,
  type Tensor,
  uniform_,
  zeros,
} from '@knack/core'

/** A 2-layer MLP built from core ops only, for the trainer's tests. */
export class TinyMlp extends Module<[Tensor], Tensor> {
  w1: Parameter
  b1: Parameter
  w2: Parameter
  b2: Parameter

  constructor(inputs: number, hidden: number, classes: number, seed = 0) {
    super()
    const g = new Generator(seed)
    const init = (fanIn: number, shape: number[]) => {
      const bound = 1 / Math.sqrt(fanIn)
      return new Parameter(uniform_(zeros(shape), -bound, bound, g))
    }
    this.w1 = init(inputs, [hidden, inputs])
    this.b1 = new Parameter(zeros([hidden]))
    this.w2 = init(hidden, [classes, hidden])
    this.b2 = new Parameter(zeros([classes]))
  }

  forward(x: Tensor): Tensor {
    return linear(relu(linear(x, this.w1, this.b1)), this.w2, this.b2)
  }
}

/** Copies of every parameter's values, for bit-for-bit comparisons. */
export function parameterValues(model: Module): Record<string, number[]> {
  return Object.fromEntries(model.namedParameters().map(([n, p]) => [n, Array.from(p.data)]))
}
