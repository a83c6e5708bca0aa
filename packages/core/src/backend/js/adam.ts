import type { AdamStepOptions } from '../backend'

/**
 * Reference Adam step: each value in float64, the moments rounded to float32 as PyTorch stores
 * them (`Math.fround`); the AMSGrad test sits outside the loops, which V8 would not hoist.
 * @see Kingma & Ba, Adam: A Method for Stochastic Optimization, 2015 (arXiv:1412.6980)
 */
export function jsAdam(
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  vMax: Float32Array | null,
  { beta1, beta2, scale, eps }: AdamStepOptions,
): void {
  const [keep1, keep2, take1, take2] = [beta1, beta2, 1 - beta1, 1 - beta2]
  if (vMax === null) {
    for (let i = 0; i < g.length; i++) {
      const gi = g[i]!
      const mi = Math.fround(keep1 * m[i]! + take1 * gi)
      const vi = Math.fround(keep2 * v[i]! + take2 * gi * gi)
      m[i] = mi
      v[i] = vi
      g[i] = (mi * scale) / (Math.sqrt(vi) + eps)
    }
    return
  }
  for (let i = 0; i < g.length; i++) {
    const gi = g[i]!
    const mi = Math.fround(keep1 * m[i]! + take1 * gi)
    const vi = Math.fround(keep2 * v[i]! + take2 * gi * gi)
    const vHat = Math.max(vMax[i]!, vi)
    m[i] = mi
    v[i] = vi
    vMax[i] = vHat
    g[i] = (mi * scale) / (Math.sqrt(vHat) + eps)
  }
}
