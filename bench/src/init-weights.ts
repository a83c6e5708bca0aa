import { createHash } from 'node:crypto'
import { sizeOf } from '@knack/core'
import { mulberry32 } from '@knack/data'
import type { BenchSpec, ModelName, ParamSpec } from './spec'

/** A model's parameters as flat float32 arrays, by name, in the spec's parameter order. */
export type ParamArrays = Record<string, Float32Array>

/**
 * The spec's initial value of one parameter in its canonical layout: Glorot-uniform
 * `(2u − 1)·√(6 / (fan_in + fan_out))` with `u` the draws of `mulberry32(seed + k)` for the
 * k-th parameter, rounded to float32 in row-major order; zeros for `init: zeros`.
 * @see Glorot & Bengio, Understanding the difficulty of training deep feedforward neural networks, 2010
 */
export function initParam(param: ParamSpec, seed: number, k: number): Float32Array {
  const values = new Float32Array(sizeOf(param.shape))
  if (param.init === 'zeros') return values
  const limit = Math.sqrt(6 / (param.fan_in! + param.fan_out!))
  const random = mulberry32(seed + k)
  for (let i = 0; i < values.length; i++) values[i] = (2 * random() - 1) * limit
  return values
}

/** Every initial parameter of `model` by the spec's rule, in its canonical (TensorFlow) layout. */
export function initWeights(spec: BenchSpec, model: ModelName): ParamArrays {
  const out: ParamArrays = {}
  spec.models[model].params.forEach((p, k) => {
    out[p.name] = initParam(p, spec.init.seed, k)
  })
  return out
}

/** The bytes of the spec's init file: the parameters' float32 values one after the other. */
export function initFileBytes(spec: BenchSpec, model: ModelName, params: ParamArrays): Uint8Array {
  const parts = spec.models[model].params.map((p) => params[p.name]!)
  const out = new Uint8Array(parts.reduce((n, a) => n + a.byteLength, 0))
  let offset = 0
  for (const a of parts) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), offset)
    offset += a.byteLength
  }
  return out
}

/** Hex sha256 of the bytes of a typed array (float32 little-endian, as the spec hashes them). */
export function sha256Hex(bytes: ArrayBufferView): string {
  return createHash('sha256')
    .update(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))
    .digest('hex')
}
