import { AutogradError, ShapeError } from '../errors'
import { formatShape, shapesEqual } from '../shape'
import { Tensor } from '../tensor'
import { isGradEnabled, noGrad } from './grad-mode'

/**
 * Computes the gradients of an op's inputs from the gradient of its output. Returns one entry
 * per input, `null` where the input needs no gradient.
 */
export type BackwardFn = (gradOutput: Tensor) => readonly (Tensor | null)[]

/** The record an op leaves on its output: which inputs it used and how to go backward. */
export interface GradNode {
  /** Name of the op that created the tensor, e.g. `matmul`. */
  readonly name: string
  readonly inputs: readonly Tensor[]
  /** `null` once the graph has been freed by a `backward()` without `retainGraph`. */
  backward: BackwardFn | null
}

/**
 * Records `out = op(inputs)` on the graph when grad mode is on and some input requires a
 * gradient. Ops call this after computing their forward result; `backward` runs in `noGrad`.
 */
export function recordOp(
  out: Tensor,
  name: string,
  inputs: readonly Tensor[],
  backward: BackwardFn,
): Tensor {
  if (!isGradEnabled()) return out
  let needed = false
  for (const t of inputs) if (t.requiresGrad) needed = true
  if (!needed) return out
  out.requiresGrad = true
  out.gradFn = { name, inputs, backward }
  return out
}

/** Options of {@link runBackward}. */
export interface BackwardOptions {
  /** Keep the graph so that `backward()` can run through it again (default false). */
  retainGraph?: boolean
}

function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = []
  const visited = new Set<Tensor>()
  const stack: [Tensor, number][] = [[root, 0]]
  visited.add(root)
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!
    const [t, i] = top
    const inputs = t.gradFn?.inputs ?? []
    if (i < inputs.length) {
      top[1] = i + 1
      const next = inputs[i]!
      if (next.requiresGrad && !visited.has(next)) {
        visited.add(next)
        stack.push([next, 0])
      }
    } else {
      stack.pop()
      order.push(t)
    }
  }
  return order.reverse()
}

/**
 * Reverse-mode differentiation from `root`: accumulates (`+=`) d root / d leaf into the
 * `.grad` of every leaf tensor that requires a gradient.
 */
export function runBackward(root: Tensor, seed?: Tensor, options: BackwardOptions = {}): void {
  if (!root.requiresGrad) {
    throw new AutogradError(
      'backward',
      'the tensor does not require a gradient and has no graph',
      'create the leaves with requiresGrad: true, and do not call backward inside noGrad',
    )
  }
  let gradRoot: Tensor
  if (seed === undefined) {
    if (root.size !== 1) {
      throw new AutogradError(
        'backward',
        `the tensor is not a scalar (shape ${formatShape(root.shape)}) and no seed gradient was given`,
        `reduce it to a scalar first (e.g. .sum()), or pass a seed gradient of shape ${formatShape(root.shape)}`,
      )
    }
    gradRoot = new Tensor(new Float32Array(1).fill(1), root.shape)
  } else {
    if (!shapesEqual(seed.shape, root.shape)) {
      throw new ShapeError(
        'backward',
        `seed gradient has shape ${formatShape(seed.shape)} but the tensor has shape ${formatShape(root.shape)}`,
        'pass a seed of the same shape as the tensor',
      )
    }
    gradRoot = seed.toFloat()
  }

  const order = topologicalOrder(root)
  const grads = new Map<Tensor, Tensor>([[root, gradRoot]])
  noGrad(() => {
    for (const t of order) {
      const g = grads.get(t)
      if (g === undefined) continue
      grads.delete(t)
      const node = t.gradFn
      if (node === null) {
        t.accumulateGrad(g)
        continue
      }
      if (node.backward === null) {
        throw new AutogradError(
          'backward',
          `the graph through '${node.name}' was already freed by an earlier backward()`,
          'pass { retainGraph: true } to the first backward() to run backward twice',
        )
      }
      const inputGrads = node.backward(g)
      for (let i = 0; i < node.inputs.length; i++) {
        const input = node.inputs[i]!
        const gi = inputGrads[i]
        if (!input.requiresGrad || gi == null) continue
        if (!shapesEqual(gi.shape, input.shape)) {
          throw new AutogradError(
            'backward',
            `'${node.name}' produced a gradient of shape ${formatShape(gi.shape)} for an input of shape ${formatShape(input.shape)}`,
            'this is a bug in the op’s backward; please report it',
          )
        }
        const previous = grads.get(input)
        grads.set(input, previous === undefined ? gi : previous.add(gi))
      }
    }
  })
  if (!options.retainGraph) {
    for (const t of order) if (t.gradFn) t.gradFn.backward = null
  }
}
