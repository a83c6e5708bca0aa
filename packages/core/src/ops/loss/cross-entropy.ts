import { isGradEnabled } from '../../autograd/grad-mode'
import { recordOp } from '../../autograd/graph'
import { expectDType } from '../../dtype'
import { ArgumentError, DTypeError, ShapeError } from '../../errors'
import { formatShape, shapesEqual } from '../../shape'
import { Tensor } from '../../tensor'
import { dimLayout } from '../reduce/reduce-layout'
import { checkReduction, type Reduction } from './reduction'

/** Options of {@link crossEntropy}. */
export interface CrossEntropyOptions {
  /** Rescaling weight of each class, float32 of shape `[C]` (treated as a constant). */
  weight?: Tensor
  /** Class-index targets equal to this value add nothing to the loss or its mean (default -100). */
  ignoreIndex?: number
  /** Default `'mean'`; see {@link crossEntropy} for what it divides by. */
  reduction?: Reduction
  /** Share ε of the target moved to the uniform distribution over the classes (default 0). */
  labelSmoothing?: number
}

/** The logits, class weights and per-sample log-normalizers of one cross-entropy call. */
interface Problem {
  z: Float32Array
  classes: number
  outer: number
  inner: number
  /** `log Σ_c exp(z_c)` of each sample, in float64. */
  lse: Float64Array
  /** Class weights (all 1 without a weight tensor). */
  w: Float64Array
  /** Σ_c w_c. */
  weightSum: number
  /** 1 − ε and ε / C. */
  on: number
  off: number
}

function logNormalizers(z: Float32Array, classes: number, outer: number, inner: number) {
  const lse = new Float64Array(outer * inner)
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * classes * inner + i
      const end = base + classes * inner
      let m = -Infinity
      for (let k = base; k < end; k += inner) if (z[k]! > m) m = z[k]!
      if (!Number.isFinite(m)) m = 0
      let s = 0
      for (let k = base; k < end; k += inner) s += Math.exp(z[k]! - m)
      lse[o * inner + i] = m + Math.log(s)
    }
  }
  return lse
}

function reduceLosses(
  losses: Float64Array,
  reduction: Reduction,
  divisor: number,
  sampleShape: number[],
): Tensor {
  if (reduction === 'none') return new Tensor(Float32Array.from(losses), sampleShape)
  let total = 0
  for (let s = 0; s < losses.length; s++) total += losses[s]!
  return new Tensor(Float32Array.of(reduction === 'sum' ? total : total / divisor), [])
}

/** The factor each sample's gradient is scaled by: the upstream gradient, over the divisor. */
function sampleScales(g: Tensor, reduction: Reduction, divisor: number, samples: number) {
  if (reduction === 'none') return Float64Array.from(g.data)
  const scale = reduction === 'sum' ? g.data[0]! : g.data[0]! / divisor
  return new Float64Array(samples).fill(scale)
}

function indexTargets(
  p: Problem,
  target: Tensor,
  ignoreIndex: number,
  reduction: Reduction,
  sampleShape: number[],
  logits: Tensor,
): Tensor {
  const { z, classes, outer, inner, lse, w, weightSum, on, off } = p
  const labels = target.data
  for (let s = 0; s < labels.length; s++) {
    const y = labels[s]!
    if (y !== ignoreIndex && (y < 0 || y >= classes)) {
      throw new ArgumentError(
        'crossEntropy',
        `target ${y} at position ${s} is out of range for ${classes} classes`,
        `class indices must lie in [0, ${classes - 1}] or equal ignoreIndex (${ignoreIndex})`,
      )
    }
  }
  const losses = new Float64Array(labels.length)
  let weightTotal = 0
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const s = o * inner + i
      const y = labels[s]!
      if (y === ignoreIndex) continue
      const base = o * classes * inner + i
      const wy = w[y]!
      let loss = -on * wy * (z[base + y * inner]! - lse[s]!)
      if (off !== 0) {
        let weighted = 0
        for (let c = 0; c < classes; c++) {
          weighted += w[c]! * (z[base + c * inner]! - lse[s]!)
        }
        loss -= off * weighted
      }
      losses[s] = loss
      weightTotal += wy
    }
  }
  const out = reduceLosses(losses, reduction, weightTotal, sampleShape)
  return recordOp(out, 'crossEntropy', [logits], (g) => {
    const scales = sampleScales(g, reduction, weightTotal, labels.length)
    const grad = new Float32Array(z.length)
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const s = o * inner + i
        const y = labels[s]!
        if (y === ignoreIndex) continue
        const base = o * classes * inner + i
        const wy = w[y]!
        const scale = scales[s]!
        // ∂/∂z_c = p_c·Σ_k t_k − t_c, with t_c = ε/C·w_c + (1 − ε)·w_y·[c = y].
        const total = on * wy + off * weightSum
        for (let c = 0; c < classes; c++) {
          const k = base + c * inner
          const t = off * w[c]! + (c === y ? on * wy : 0)
          grad[k] = scale * (Math.exp(z[k]! - lse[s]!) * total - t)
        }
      }
    }
    return [new Tensor(grad, logits.shape)]
  })
}

function probabilityTargets(
  p: Problem,
  target: Tensor,
  reduction: Reduction,
  sampleShape: number[],
  logits: Tensor,
): Tensor {
  const { z, classes, outer, inner, lse, w, on, off } = p
  const q = target.data
  const samples = outer * inner
  const losses = new Float64Array(samples)
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const s = o * inner + i
      const base = o * classes * inner + i
      let loss = 0
      for (let c = 0; c < classes; c++) {
        const k = base + c * inner
        const t = (on * q[k]! + off) * w[c]!
        loss -= t * (z[k]! - lse[s]!)
      }
      losses[s] = loss
    }
  }
  const out = reduceLosses(losses, reduction, samples, sampleShape)
  return recordOp(out, 'crossEntropy', [logits, target], (g) => {
    const scales = sampleScales(g, reduction, samples, samples)
    const gradLogits = logits.requiresGrad ? new Float32Array(z.length) : null
    const gradTarget = target.requiresGrad ? new Float32Array(z.length) : null
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const s = o * inner + i
        const base = o * classes * inner + i
        const scale = scales[s]!
        if (gradLogits !== null) {
          // ∂/∂z_c = p_c·Σ_k t_k − t_c, with t_c = ((1 − ε)·q_c + ε/C)·w_c.
          let total = 0
          for (let c = 0; c < classes; c++) {
            total += (on * q[base + c * inner]! + off) * w[c]!
          }
          for (let c = 0; c < classes; c++) {
            const k = base + c * inner
            const t = (on * q[k]! + off) * w[c]!
            gradLogits[k] = scale * (Math.exp(z[k]! - lse[s]!) * total - t)
          }
        }
        if (gradTarget !== null) {
          // ∂/∂q_c = −(1 − ε)·w_c·log p_c.
          for (let c = 0; c < classes; c++) {
            const k = base + c * inner
            gradTarget[k] = -scale * on * w[c]! * (z[k]! - lse[s]!)
          }
        }
      }
    }
    return [
      gradLogits && new Tensor(gradLogits, logits.shape),
      gradTarget && new Tensor(gradTarget, target.shape),
    ]
  })
}

/**
 * Cross-entropy between the softmax of `logits` and `target`, fused: one log-softmax pass
 * forward, and `softmax − target` (scaled by the weights) backward.
 *
 * `logits` is float32 `[C]`, `[N, C]` or `[N, C, d₁, …]` (classes on dimension 1, or 0 when
 * unbatched). `target` is either int32 class indices of shape `[]`, `[N]` or `[N, d₁, …]`, or
 * float32 class probabilities of the logits' shape. With label smoothing ε, class weights w and
 * log-probabilities `log p = log_softmax(logits)`, each sample's loss is
 * - index target y: `−(1 − ε)·w_y·log p_y − ε/C·Σ_c w_c·log p_c`, and 0 where `y = ignoreIndex`;
 * - probabilities q: `−Σ_c w_c·((1 − ε)·q_c + ε/C)·log p_c` (ignoreIndex does not apply).
 *
 * `'mean'` divides the summed loss by `Σ w_y` over the non-ignored samples for index targets
 * (their count without weights; NaN when all are ignored), and by the number of samples
 * `N·d₁·…` for probability targets, exactly as PyTorch. Gradients flow to `logits` and to
 * probability targets; `weight` is a constant.
 * @see https://pytorch.org/docs/stable/generated/torch.nn.functional.cross_entropy.html
 * @see Szegedy et al., Rethinking the Inception Architecture (label smoothing), https://arxiv.org/abs/1512.00567
 */
export function crossEntropy(
  logits: Tensor,
  target: Tensor,
  options: CrossEntropyOptions = {},
): Tensor {
  const op = 'crossEntropy'
  const { weight, ignoreIndex = -100, reduction = 'mean', labelSmoothing = 0 } = options
  checkReduction(op, reduction)
  if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
    throw new ArgumentError(
      op,
      `labelSmoothing must lie in [0, 1], got ${labelSmoothing}`,
      'typical values are 0 (off) to 0.2',
    )
  }
  if (!Number.isInteger(ignoreIndex)) {
    throw new ArgumentError(op, `ignoreIndex must be an integer, got ${ignoreIndex}`)
  }
  expectDType(op, 'logits', logits.dtype, 'float32')
  if (logits.ndim === 0) {
    throw new ShapeError(
      op,
      'logits must have a class dimension, got a 0-d tensor',
      'pass logits of shape [C], [N,C] or [N,C,d1,...]',
    )
  }
  const classDim = logits.ndim === 1 ? 0 : 1
  const classes = logits.shape[classDim]!
  const sampleShape = logits.shape.filter((_, i) => i !== classDim)
  const w = new Float64Array(classes).fill(1)
  if (weight !== undefined) {
    expectDType(op, 'weight', weight.dtype, 'float32')
    if (!shapesEqual(weight.shape, [classes])) {
      throw new ShapeError(
        op,
        `weight has shape ${formatShape(weight.shape)} but logits ${formatShape(logits.shape)} have ${classes} classes`,
        `pass one weight per class, shape [${classes}]`,
      )
    }
    if (weight.requiresGrad && isGradEnabled()) {
      throw new ArgumentError(
        op,
        'class weights do not receive gradients, but weight has requiresGrad',
        'pass weight.detach()',
      )
    }
    w.set(weight.data)
  }
  let weightSum = 0
  for (let c = 0; c < classes; c++) weightSum += w[c]!
  const { outer, inner } = dimLayout(logits.shape, classDim)
  const z = logits.data as Float32Array
  const problem: Problem = {
    z,
    classes,
    outer,
    inner,
    lse: logNormalizers(z, classes, outer, inner),
    w,
    weightSum,
    on: 1 - labelSmoothing,
    off: labelSmoothing / classes,
  }
  if (target.dtype === 'int32') {
    if (!shapesEqual(target.shape, sampleShape)) {
      throw new ShapeError(
        op,
        `class-index target has shape ${formatShape(target.shape)} but logits ${formatShape(logits.shape)} need ${formatShape(sampleShape)}`,
        'give one class index per sample (the logits shape without the class dimension), or float32 probabilities of the logits shape',
      )
    }
    return indexTargets(problem, target, ignoreIndex, reduction, sampleShape, logits)
  }
  if (shapesEqual(target.shape, logits.shape)) {
    return probabilityTargets(problem, target, reduction, sampleShape, logits)
  }
  if (shapesEqual(target.shape, sampleShape)) {
    throw new DTypeError(
      op,
      `class-index target must be int32, got float32 of shape ${formatShape(target.shape)}`,
      `convert with .toInt(), or pass probabilities of the logits shape ${formatShape(logits.shape)}`,
    )
  }
  throw new ShapeError(
    op,
    `target shape ${formatShape(target.shape)} fits logits ${formatShape(logits.shape)} neither as class indices ${formatShape(sampleShape)} nor as probabilities ${formatShape(logits.shape)}`,
    'pass int32 class indices without the class dimension, or float32 probabilities of the logits shape',
  )
}
