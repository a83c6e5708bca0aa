/** Reference ReLU: `out[i] = max(x[i], 0)`, NaN kept, −0 mapped to +0 (as `Math.max`). */
export function jsRelu(x: Float32Array, out: Float32Array): void {
  for (let i = 0; i < x.length; i++) out[i] = Math.max(x[i]!, 0)
}

/** Reference ReLU gradient from the forward output: `dx[i] = y[i] ≤ 0 ? 0 : g[i]`. */
export function jsReluBackward(g: Float32Array, y: Float32Array, dx: Float32Array): void {
  for (let i = 0; i < dx.length; i++) dx[i] = y[i]! <= 0 ? 0 : g[i]!
}
