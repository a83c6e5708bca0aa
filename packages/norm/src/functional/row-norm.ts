import { recordOp, Tensor } from '@knack/core'

/**
 * How a row-normalizing op lays out its input: `rows` contiguous rows, each made of `segments`
 * runs of `span` values that share one affine parameter. Run `k` of row `r` uses parameter
 * `(r mod cycle)·segments + k`. @internal
 */
export interface RowLayout {
  rows: number
  segments: number
  span: number
  cycle: number
}

/**
 * The fused kernel of layer and group normalization: normalizes each contiguous row to zero
 * mean and unit (biased) variance, `x̂ = (x − μ)/√(σ² + ε)`, then `y = x̂·γ + β` with the
 * parameter picked by the layout. Backward in closed form per row:
 * `∂x = (1/σ̂)·(d − mean(d) − x̂·mean(d·x̂))` with `d = g·γ`; `∂γ = Σ g·x̂`, `∂β = Σ g`. @internal
 */
export function rowNorm(
  op: string,
  x: Tensor,
  layout: RowLayout,
  weight: Tensor | null | undefined,
  bias: Tensor | null | undefined,
  eps: number,
): Tensor {
  const { rows, segments, span, cycle } = layout
  const length = segments * span
  const src = x.data
  const mean = new Float64Array(rows)
  const invStd = new Float64Array(rows)
  for (let r = 0; r < rows; r++) {
    const base = r * length
    let s = 0
    for (let i = base; i < base + length; i++) s += src[i]!
    const m = s / length
    let q = 0
    for (let i = base; i < base + length; i++) {
      const d = src[i]! - m
      q += d * d
    }
    mean[r] = m
    invStd[r] = 1 / Math.sqrt(q / length + eps)
  }

  const gamma = weight?.data
  const beta = bias?.data
  const y = new Float32Array(src.length)
  for (let r = 0; r < rows; r++) {
    const m = mean[r]!
    const s = invStd[r]!
    const p0 = (r % cycle) * segments
    for (let k = 0; k < segments; k++) {
      const scale = (gamma === undefined ? 1 : gamma[p0 + k]!) * s
      const shift = (beta === undefined ? 0 : beta[p0 + k]!) - m * scale
      const base = r * length + k * span
      for (let i = base; i < base + span; i++) y[i] = src[i]! * scale + shift
    }
  }

  const inputs = [x]
  if (weight != null) inputs.push(weight)
  if (bias != null) inputs.push(bias)
  return recordOp(new Tensor(y, x.shape), op, inputs, (g) => {
    const gd = g.data
    const params = cycle * segments
    const dGamma = new Float64Array(params)
    const dBeta = new Float64Array(params)
    const dx = x.requiresGrad ? new Float32Array(src.length) : null
    for (let r = 0; r < rows; r++) {
      const m = mean[r]!
      const s = invStd[r]!
      const p0 = (r % cycle) * segments
      let sumD = 0
      let sumDx = 0
      for (let k = 0; k < segments; k++) {
        const w = gamma === undefined ? 1 : gamma[p0 + k]!
        const base = r * length + k * span
        let sg = 0
        let sgx = 0
        for (let i = base; i < base + span; i++) {
          const xhat = (src[i]! - m) * s
          sg += gd[i]!
          sgx += gd[i]! * xhat
        }
        dGamma[p0 + k]! += sgx
        dBeta[p0 + k]! += sg
        sumD += w * sg
        sumDx += w * sgx
      }
      if (dx === null) continue
      const meanD = sumD / length
      const meanDx = sumDx / length
      for (let k = 0; k < segments; k++) {
        const w = gamma === undefined ? 1 : gamma[p0 + k]!
        const base = r * length + k * span
        for (let i = base; i < base + span; i++) {
          const xhat = (src[i]! - m) * s
          dx[i] = s * (w * gd[i]! - meanD - xhat * meanDx)
        }
      }
    }
    const grads: (Tensor | null)[] = [dx === null ? null : new Tensor(dx, x.shape)]
    if (weight != null) {
      grads.push(weight.requiresGrad ? new Tensor(Float32Array.from(dGamma), weight.shape) : null)
    }
    if (bias != null) {
      grads.push(bias.requiresGrad ? new Tensor(Float32Array.from(dBeta), bias.shape) : null)
    }
    return grads
  })
}
