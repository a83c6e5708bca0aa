import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { ArgumentError, FormatError } from '@knack/core'

/** One parameter of a spec model, in its canonical (TensorFlow) layout. */
export interface ParamSpec {
  name: string
  shape: number[]
  init: 'glorot_uniform' | 'zeros'
  fan_in?: number
  fan_out?: number
}

/** A model of the spec: its parameters in order (index k seeds parameter k). */
export interface ModelSpec {
  description: string
  init_file: { path: string; sha256: string }
  params: ParamSpec[]
}

/** Names of the spec's models. */
export type ModelName = 'mlp' | 'cnn'

/** Adam as the spec defines it (PyTorch / TF.js form). */
export interface AdamSpec {
  name: 'adam'
  lr: number
  beta1: number
  beta2: number
  eps: number
}

/** Heavy-ball momentum SGD as the spec defines it. */
export interface SgdMomentumSpec {
  name: 'sgd_momentum'
  lr: number
  momentum: number
  dampening: number
  nesterov: boolean
}

/** A training workload (W1, W2, W4). */
export interface TrainWorkload {
  kind: 'train'
  model: ModelName
  batch: number
  steps_per_epoch: number
  epochs: number
  warmup_steps: number
  timed_steps: number
  optimizer: AdamSpec | SgdMomentumSpec
  metric: 'samples_per_s' | 'steps_per_s'
}

/** The float32 square matmul workload (W3). */
export interface MatmulWorkload {
  kind: 'matmul'
  dtype: 'float32'
  sizes: number[]
  reps: Record<string, number>
  warmup_reps: number
  metric: 'gflops'
}

/** The benchmark specification (`spec.json`), as far as the runners read it. */
export interface BenchSpec {
  spec_version: number
  data: {
    n: number
    height: number
    width: number
    shuffle: { prng: string; seed: number }
    images: { path: string; sha256: string; shape: [number, number] }
    labels: { path: string; sha256: string; shape: [number] }
    train: [number, number]
    test: [number, number]
  }
  init: { seed: number }
  models: Record<ModelName, ModelSpec>
  workloads: Record<string, TrainWorkload | MatmulWorkload>
}

/**
 * A training workload resolved into the exact step counts a runner executes: the spec's
 * numbers, or fewer steps for a smoke run.
 */
export interface TrainPlan {
  workload: string
  model: ModelName
  batch: number
  stepsPerEpoch: number
  warmupSteps: number
  timedSteps: number
  /** Steps run in all; evaluation follows the last one. */
  totalSteps: number
  optimizer: AdamSpec | SgdMomentumSpec
  metric: 'samples_per_s' | 'steps_per_s'
}

/** One W3 size resolved into its repetitions. */
export interface MatmulPlan {
  workload: string
  n: number
  reps: number
  warmupReps: number
}

/** The copy of `shared/bench/spec.json` kept beside this package. */
export const DEFAULT_SPEC_PATH = fileURLToPath(new URL('../spec.json', import.meta.url))

/** Reads and checks a spec file (version 1). */
export function loadSpec(path: string = DEFAULT_SPEC_PATH): BenchSpec {
  let spec: BenchSpec
  try {
    spec = JSON.parse(readFileSync(path, 'utf8')) as BenchSpec
  } catch (cause) {
    throw new FormatError(
      'loadSpec',
      `cannot read ${path} as JSON`,
      'pass --spec <path to spec.json>',
      {
        cause,
      },
    )
  }
  if (spec.spec_version !== 1) {
    throw new FormatError(
      'loadSpec',
      `${path} has spec_version ${String(spec.spec_version)}, this harness reads version 1`,
      'update the harness for the new specification',
    )
  }
  for (const model of ['mlp', 'cnn'] as const) {
    if (spec.models?.[model]?.params === undefined) {
      throw new FormatError('loadSpec', `${path} defines no model '${model}'`)
    }
  }
  return spec
}

/** Names of the spec's workloads, in the spec's order. */
export function workloadNames(spec: BenchSpec): string[] {
  return Object.keys(spec.workloads)
}

/** Steps of a smoke run (`--quick`): warm-up and timed steps are capped at these. */
export const QUICK_WARMUP_STEPS = 3
export const QUICK_TIMED_STEPS = 12
/** Repetitions per size of a smoke run of W3. */
export const QUICK_MATMUL_REPS = 3

function workloadOf(spec: BenchSpec, name: string): TrainWorkload | MatmulWorkload {
  const w = spec.workloads[name]
  if (w === undefined) {
    throw new ArgumentError(
      'bench',
      `unknown workload '${name}'`,
      `choose among ${workloadNames(spec).join(', ')}`,
    )
  }
  return w
}

/**
 * The step counts of training workload `name`: `epochs · steps_per_epoch` steps, or with
 * `quick` a few warm-up and timed steps and nothing after them.
 */
export function trainPlan(spec: BenchSpec, name: string, quick = false): TrainPlan {
  const w = workloadOf(spec, name)
  if (w.kind !== 'train') {
    throw new ArgumentError('trainPlan', `workload '${name}' is a ${w.kind} workload, not training`)
  }
  const warmupSteps = quick ? Math.min(w.warmup_steps, QUICK_WARMUP_STEPS) : w.warmup_steps
  const timedSteps = quick ? Math.min(w.timed_steps, QUICK_TIMED_STEPS) : w.timed_steps
  return {
    workload: name,
    model: w.model,
    batch: w.batch,
    stepsPerEpoch: w.steps_per_epoch,
    warmupSteps,
    timedSteps,
    totalSteps: quick ? warmupSteps + timedSteps : w.epochs * w.steps_per_epoch,
    optimizer: w.optimizer,
    metric: w.metric,
  }
}

/** One plan per size of matmul workload `name` (`W3_matmul_n<size>`), fewer reps with `quick`. */
export function matmulPlans(spec: BenchSpec, name: string, quick = false): MatmulPlan[] {
  const w = workloadOf(spec, name)
  if (w.kind !== 'matmul') {
    throw new ArgumentError('matmulPlans', `workload '${name}' is a ${w.kind} workload, not matmul`)
  }
  return w.sizes.map((n) => {
    const reps = w.reps[String(n)]
    if (reps === undefined) {
      throw new FormatError('matmulPlans', `workload '${name}' gives no reps for size ${n}`)
    }
    return {
      workload: `${name}_n${n}`,
      n,
      reps: quick ? Math.min(reps, QUICK_MATMUL_REPS) : reps,
      warmupReps: quick ? 1 : w.warmup_reps,
    }
  })
}
