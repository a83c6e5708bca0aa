/**
 * Regularization on an over-parameterised task: a 2×256 MLP (about 67,000 weights) fits 16
 * noisy samples of a linear teacher, with no regularizer, with an L2 penalty, and with dropout. Prints, for each,
 * the final train and validation MSE (measured without dropout or penalty) and their gap.
 *
 * Run from packages/regularizers:  npx tsx --tsconfig examples/tsconfig.json examples/overfitting.ts
 */
import { pathToFileURL } from 'node:url'
import {
  type Batch,
  Generator,
  type Module,
  mseLoss,
  noGrad,
  type Plugin,
  randn,
  type Tensor,
} from '@knack/core'
import { Linear, ReLU, Sequential } from '@knack/nn'
import { adam, createOptimizer } from '@knack/optim'
import { Trainer } from '@knack/trainer'
import { Dropout, weightPenalty } from '../src/index'

/** Settings of {@link overfittingExperiment}. */
export interface OverfittingOptions {
  /** Training samples (default 16). */
  trainSize?: number
  /** Validation samples (default 512). */
  validationSize?: number
  /** Input dimension of the teacher (default 4). */
  inputDim?: number
  /** Standard deviation of the label noise (default 1). */
  noise?: number
  /** Width of the two hidden layers (default 256). */
  hidden?: number
  /** Full-batch epochs (default 300). */
  epochs?: number
  /** L2 strength of the penalized run (default 0.1). */
  l2?: number
  /** Dropout probability of the dropout run (default 0.5). */
  dropout?: number
  seed?: number
}

/** One run of {@link overfittingExperiment}. */
export interface OverfittingResult {
  regularizer: string
  trainLoss: number
  validationLoss: number
  /** `validationLoss − trainLoss`. */
  gap: number
}

/** `y = x·w + ε` for `x ~ N(0, I)`, `w ~ N(0, 1/d)`, `ε ~ N(0, noise²)`. */
function teacherData(n: number, w: Tensor, noise: number, g: Generator): Batch {
  const d = w.shape[0]!
  const inputs = randn([n, d], { generator: g })
  const eps = randn([n, 1], { generator: g })
  const targets = noGrad(() =>
    inputs
      .reshape([n, d])
      .mul(w.reshape([1, d]))
      .sum(1, true)
      .add(eps.mul(noise)),
  )
  return { inputs, targets }
}

function mlp(
  inputDim: number,
  hidden: number,
  dropout: number,
  seed: number,
): Module<[Tensor], Tensor> {
  const g = new Generator(seed)
  const layers: Module<[Tensor], Tensor>[] = [
    new Linear(inputDim, hidden, { generator: g }),
    new ReLU(),
  ]
  if (dropout > 0) layers.push(new Dropout(dropout, { generator: g }))
  layers.push(new Linear(hidden, hidden, { generator: g }), new ReLU())
  if (dropout > 0) layers.push(new Dropout(dropout, { generator: g }))
  layers.push(new Linear(hidden, 1, { generator: g }))
  return new Sequential(...layers)
}

/**
 * Trains the same MLP (same initialization and data) without regularization, with an L2
 * penalty and with dropout, and reports train/validation MSE and their gap for each.
 */
export async function overfittingExperiment(
  options: OverfittingOptions = {},
): Promise<OverfittingResult[]> {
  const {
    trainSize = 16,
    validationSize = 512,
    inputDim = 4,
    noise = 1,
    hidden = 256,
    epochs = 300,
    l2 = 0.1,
    dropout = 0.5,
    seed = 0,
  } = options
  const g = new Generator(seed)
  const teacher = randn([inputDim], { generator: g }).mul(1 / Math.sqrt(inputDim))
  const train = [teacherData(trainSize, teacher, noise, g)]
  const validation = [teacherData(validationSize, teacher, noise, g)]
  const runs: { regularizer: string; dropout: number; plugins: Plugin[] }[] = [
    { regularizer: 'none', dropout: 0, plugins: [] },
    { regularizer: `L2 (λ = ${l2})`, dropout: 0, plugins: [weightPenalty({ l2 })] },
    { regularizer: `dropout (p = ${dropout})`, dropout, plugins: [] },
  ]
  const results: OverfittingResult[] = []
  for (const run of runs) {
    const model = mlp(inputDim, hidden, run.dropout, seed + 1)
    const trainer = new Trainer({
      model,
      optimizer: createOptimizer(model, adam({ lr: 3e-3 })),
      loss: (outputs, targets) => mseLoss(outputs, targets),
      metrics: [],
      plugins: run.plugins,
    })
    await trainer.fit(train, { epochs })
    const trainLoss = (await trainer.evaluate(train)).loss!
    const validationLoss = (await trainer.evaluate(validation)).loss!
    results.push({
      regularizer: run.regularizer,
      trainLoss,
      validationLoss,
      gap: validationLoss - trainLoss,
    })
  }
  return results
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await overfittingExperiment()
  console.log('regularizer          train MSE   val MSE    gap')
  for (const r of results) {
    console.log(
      `${r.regularizer.padEnd(20)} ${r.trainLoss.toFixed(4).padStart(9)} ${r.validationLoss.toFixed(4).padStart(9)} ${r.gap.toFixed(4).padStart(8)}`,
    )
  }
}
