import { ArgumentError, Generator, normal, Tensor } from '@knack/core'
import { TensorDataset } from './tensor-dataset'

/** Options of {@link linearTeacher}. */
export interface LinearTeacherOptions {
  n?: number
  inputDim?: number
  outputDim?: number
  /** Standard deviation of the label noise (default 0.1). */
  noise?: number
  seed?: number
}

/** A regression set with a hidden linear teacher and its weights. */
export interface LinearTeacherSet {
  dataset: TensorDataset
  /** Teacher weights [outputDim, inputDim] (Linear layout). */
  weight: Tensor
  bias: Tensor
}

/**
 * Regression data from a random linear teacher: x ~ N(0, I), y = W·x + b + ε with
 * W, b ~ N(0, 1/inputDim) and ε ~ N(0, noise²).
 */
export function linearTeacher(options: LinearTeacherOptions = {}): LinearTeacherSet {
  const { n = 256, inputDim = 8, outputDim = 1, noise = 0.1, seed = 0 } = options
  if (n < 1 || inputDim < 1 || outputDim < 1 || noise < 0) {
    throw new ArgumentError('linearTeacher', 'n, inputDim and outputDim must be ≥ 1 and noise ≥ 0')
  }
  const generator = new Generator(seed)
  const scale = 1 / Math.sqrt(inputDim)
  const w = Float32Array.from({ length: outputDim * inputDim }, () => normal(0, scale, generator))
  const b = Float32Array.from({ length: outputDim }, () => normal(0, scale, generator))
  const x = Float32Array.from({ length: n * inputDim }, () => normal(0, 1, generator))
  const y = new Float32Array(n * outputDim)
  for (let i = 0; i < n; i++) {
    for (let o = 0; o < outputDim; o++) {
      let s = b[o]!
      for (let k = 0; k < inputDim; k++) s += w[o * inputDim + k]! * x[i * inputDim + k]!
      y[i * outputDim + o] = s + normal(0, noise, generator)
    }
  }
  return {
    dataset: new TensorDataset(new Tensor(x, [n, inputDim]), new Tensor(y, [n, outputDim])),
    weight: new Tensor(w, [outputDim, inputDim]),
    bias: new Tensor(b, [outputDim]),
  }
}
