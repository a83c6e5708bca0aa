import { ShapeError } from '@knack/core'
import type { ParamArrays } from './init-weights'
import type { BenchSpec, ModelName } from './spec'

/** A parameter's values with its shape. */
export interface ShapedArray {
  data: Float32Array
  shape: number[]
}

/** The CNN's last feature map `[h, w, c]` before flattening (spec: 7·7·32 = 1568 features). */
export const CNN_FEATURE_MAP: readonly [number, number, number] = [7, 7, 32]

/** Dense weight `[in, out]` (`y = x·W`) to PyTorch's Linear layout `[out, in]`: `Wᵀ`. */
export function denseToTorch(w: Float32Array, inF: number, outF: number): Float32Array {
  const out = new Float32Array(w.length)
  for (let i = 0; i < inF; i++) {
    for (let o = 0; o < outF; o++) out[o * inF + i] = w[i * outF + o]!
  }
  return out
}

/** Conv kernel HWIO `[kh, kw, c_in, c_out]` to PyTorch's OIHW: `K.permute(3, 2, 0, 1)`. */
export function convToTorch(k: Float32Array, shape: readonly number[]): Float32Array {
  const [kh, kw, ci, co] = shape as [number, number, number, number]
  const out = new Float32Array(k.length)
  for (let y = 0; y < kh; y++) {
    for (let x = 0; x < kw; x++) {
      for (let c = 0; c < ci; c++) {
        for (let o = 0; o < co; o++) {
          out[((o * ci + c) * kh + y) * kw + x] = k[((y * kw + x) * ci + c) * co + o]!
        }
      }
    }
  }
  return out
}

/**
 * Dense weight after a flatten, `[h·w·c, out]` with rows in (h, w, c) order (TensorFlow's NHWC
 * flatten), to PyTorch's Linear layout `[out, c·h·w]` with columns in (c, h, w) order (NCHW).
 */
export function flattenDenseToTorch(
  w: Float32Array,
  map: readonly [number, number, number],
  outF: number,
): Float32Array {
  const [H, W, C] = map
  const inF = H * W * C
  const out = new Float32Array(w.length)
  for (let h = 0; h < H; h++) {
    for (let x = 0; x < W; x++) {
      for (let c = 0; c < C; c++) {
        const hwc = (h * W + x) * C + c
        const chw = (c * H + h) * W + x
        for (let o = 0; o < outF; o++) out[o * inF + chw] = w[hwc * outF + o]!
      }
    }
  }
  return out
}

/**
 * A model's canonical parameters (dense `[in, out]`, conv HWIO, (h, w, c) flatten) converted
 * once to Knack's PyTorch layouts (Linear `[out, in]`, Conv2d `[out, in, kh, kw]`, (c, h, w)
 * flatten); biases are unchanged.
 */
export function toTorchLayout(
  spec: BenchSpec,
  model: ModelName,
  params: ParamArrays,
): Record<string, ShapedArray> {
  const out: Record<string, ShapedArray> = {}
  for (const p of spec.models[model].params) {
    const data = params[p.name]
    if (data === undefined || data.length !== p.shape.reduce((a, b) => a * b, 1)) {
      throw new ShapeError(
        'toTorchLayout',
        `parameter ${p.name} of the ${model} needs shape [${p.shape.join(', ')}], got ${data === undefined ? 'nothing' : `${data.length} values`}`,
        'pass the arrays built by initWeights()',
      )
    }
    if (p.shape.length === 1) {
      out[p.name] = { data: data.slice(), shape: [...p.shape] }
    } else if (p.shape.length === 4) {
      const [kh, kw, ci, co] = p.shape as [number, number, number, number]
      out[p.name] = { data: convToTorch(data, p.shape), shape: [co, ci, kh, kw] }
    } else {
      const [inF, outF] = p.shape as [number, number]
      const flattened =
        model === 'cnn' && inF === CNN_FEATURE_MAP[0] * CNN_FEATURE_MAP[1] * CNN_FEATURE_MAP[2]
      out[p.name] = {
        data: flattened
          ? flattenDenseToTorch(data, CNN_FEATURE_MAP, outF)
          : denseToTorch(data, inF, outF),
        shape: [outF, inF],
      }
    }
  }
  return out
}
