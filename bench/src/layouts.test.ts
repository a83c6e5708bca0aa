import { noGrad, Tensor } from '@knack/core'
import { mnistArrays } from '@knack/data'
import { beforeAll, describe, expect, it } from 'vitest'
import { initWeights, type ParamArrays } from './init-weights'
import { buildKnackModel } from './knack-runner'
import { convToTorch, denseToTorch, flattenDenseToTorch } from './layouts'
import { loadSpec } from './spec'

const spec = loadSpec()

/** `y = x·W + b` with W `[in, out]` (the spec's dense layout), in float64. */
function dense(x: Float64Array, w: Float32Array, b: Float32Array, relu: boolean): Float64Array {
  const inF = x.length
  const outF = b.length
  const y = new Float64Array(outF)
  for (let o = 0; o < outF; o++) {
    let s = b[o]!
    for (let i = 0; i < inF; i++) s += x[i]! * w[i * outF + o]!
    y[o] = relu ? Math.max(s, 0) : s
  }
  return y
}

/** 3×3 'same' cross-correlation of an HWC map with an HWIO kernel, + bias, ReLU. */
function convReluHwc(x: Float64Array, side: number, ci: number, k: Float32Array, b: Float32Array) {
  const co = b.length
  const y = new Float64Array(side * side * co)
  for (let h = 0; h < side; h++) {
    for (let w = 0; w < side; w++) {
      for (let o = 0; o < co; o++) {
        let s = b[o]!
        for (let dy = 0; dy < 3; dy++) {
          for (let dx = 0; dx < 3; dx++) {
            const yy = h + dy - 1
            const xx = w + dx - 1
            if (yy < 0 || yy >= side || xx < 0 || xx >= side) continue
            for (let c = 0; c < ci; c++) {
              s += x[(yy * side + xx) * ci + c]! * k[((dy * 3 + dx) * ci + c) * co + o]!
            }
          }
        }
        y[(h * side + w) * co + o] = Math.max(s, 0)
      }
    }
  }
  return y
}

/** 2×2 stride-2 max pooling of an HWC map. */
function pool2Hwc(x: Float64Array, side: number, c: number): Float64Array {
  const half = side / 2
  const y = new Float64Array(half * half * c)
  for (let h = 0; h < half; h++) {
    for (let w = 0; w < half; w++) {
      for (let k = 0; k < c; k++) {
        let m = -Infinity
        for (let dy = 0; dy < 2; dy++) {
          for (let dx = 0; dx < 2; dx++)
            m = Math.max(m, x[((2 * h + dy) * side + 2 * w + dx) * c + k]!)
        }
        y[(h * half + w) * c + k] = m
      }
    }
  }
  return y
}

function referenceLogits(model: 'mlp' | 'cnn', p: ParamArrays, image: Float32Array): Float64Array {
  const x = Float64Array.from(image)
  if (model === 'mlp') {
    return dense(dense(dense(x, p.w1!, p.b1!, true), p.w2!, p.b2!, true), p.w3!, p.b3!, false)
  }
  const h1 = pool2Hwc(convReluHwc(x, 28, 1, p.c1_w!, p.c1_b!), 28, 16)
  const h2 = pool2Hwc(convReluHwc(h1, 14, 16, p.c2_w!, p.c2_b!), 14, 32)
  // h2 is [7, 7, 32] flattened in (h, w, c) order, as the spec's dense layer expects
  return dense(h2, p.d_w!, p.d_b!, false)
}

/** Random-ish values so the biases (zeros at init) are exercised too. */
function perturbBiases(params: ParamArrays): ParamArrays {
  const out: ParamArrays = {}
  let seed = 1
  for (const [name, values] of Object.entries(params)) {
    out[name] = values.slice()
    if (values.length <= 256) {
      for (let i = 0; i < values.length; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648
        out[name]![i] = (seed / 2147483648 - 0.5) * 0.2
      }
    }
  }
  return out
}

describe('layout conversion', () => {
  let images: Float32Array
  beforeAll(async () => {
    images = (await mnistArrays()).images.slice(0, 4 * 784)
  })

  it.each(['mlp', 'cnn'] as const)(
    'Knack on converted weights equals the canonical-layout %s forward',
    (model) => {
      const params = perturbBiases(initWeights(spec, model))
      const knack = buildKnackModel(spec, model, params)
      const logits = noGrad(() => knack.forward(new Tensor(images, [4, 784]))).data
      for (let r = 0; r < 4; r++) {
        const ref = referenceLogits(model, params, images.subarray(r * 784, (r + 1) * 784))
        for (let o = 0; o < 10; o++) {
          const a = logits[r * 10 + o]!
          const b = ref[o]!
          expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-5 + 1e-5 * Math.abs(b))
        }
      }
    },
  )

  it('transposes a dense weight', () => {
    // [in=2, out=3] → [out=3, in=2]
    expect([...denseToTorch(Float32Array.of(1, 2, 3, 4, 5, 6), 2, 3)]).toEqual([1, 4, 2, 5, 3, 6])
  })

  it('permutes HWIO to OIHW', () => {
    const shape = [1, 2, 2, 3] // kh=1, kw=2, ci=2, co=3
    const k = Float32Array.from({ length: 12 }, (_, i) => i)
    const out = convToTorch(k, shape)
    // out[o, c, 0, x] = k[0, x, c, o] = (x·2 + c)·3 + o
    for (let o = 0; o < 3; o++) {
      for (let c = 0; c < 2; c++) {
        for (let x = 0; x < 2; x++) expect(out[(o * 2 + c) * 2 + x]).toBe((x * 2 + c) * 3 + o)
      }
    }
  })

  it('reorders flattened rows from (h, w, c) to (c, h, w) and transposes', () => {
    const map = [1, 2, 3] as const // h=1, w=2, c=3: 6 features, 2 outputs
    const w = Float32Array.from({ length: 12 }, (_, i) => i)
    const out = flattenDenseToTorch(w, map, 2)
    for (let c = 0; c < 3; c++) {
      for (let x = 0; x < 2; x++) {
        for (let o = 0; o < 2; o++) expect(out[o * 6 + c * 2 + x]).toBe((x * 3 + c) * 2 + o)
      }
    }
  })
})
