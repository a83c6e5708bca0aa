import {
  ArgumentError,
  argmax,
  type Batch,
  crossEntropy,
  type Module,
  noGrad,
  type Optimizer,
  type StateDict,
  type Tensor,
} from '@knack/core'

/** Options of {@link overfitSmallSample}. */
export interface OverfitOptions {
  model: Module<[Tensor], Tensor>
  optimizer: Optimizer
  /** The tiny sample, or a function returning the batch for each step. */
  batch: Batch | (() => Batch)
  /** Maximum optimizer steps (default 300). */
  steps?: number
  /** Training accuracy that counts as memorized (default 0.99). */
  targetAccuracy?: number
  loss?: (outputs: Tensor, targets: Tensor) => Tensor
}

/** What {@link overfitSmallSample} found. */
export interface OverfitReport {
  reached: boolean
  accuracy: number
  /** Loss at each step. */
  losses: number[]
  steps: number
  /** `memorized`, `diverged` or `stalled`, with an explanation. */
  verdict: 'memorized' | 'diverged' | 'stalled'
  message: string
}

const batchAccuracy = (outputs: Tensor, targets: Tensor): number => {
  const predicted = argmax(outputs, -1)
  let hits = 0
  for (let i = 0; i < predicted.size; i++) if (predicted.data[i] === targets.data[i]) hits++
  return hits / predicted.size
}

/**
 * Trains on one tiny sample until it is memorized (≈100% training accuracy), the seeds'
 * sanity check: a model that cannot overfit a handful of examples has a bug (a learning rate
 * far too high, targets that do not belong to their inputs, a broken layer). The model and
 * optimizer are restored afterwards.
 * @see Karpathy 2019, A Recipe for Training Neural Networks ("overfit one batch")
 */
export function overfitSmallSample(options: OverfitOptions): OverfitReport {
  const { model, optimizer, steps = 300, targetAccuracy = 0.99 } = options
  const loss = options.loss ?? ((o: Tensor, t: Tensor) => crossEntropy(o, t))
  if (!Number.isInteger(steps) || steps < 1) {
    throw new ArgumentError('overfitSmallSample', `steps must be a positive integer, got ${steps}`)
  }
  const next = typeof options.batch === 'function' ? options.batch : () => options.batch as Batch
  const savedModel: StateDict = model.stateDict()
  const savedOptimizer = optimizer.stateDict()
  const wasTraining = model.training
  const losses: number[] = []
  let accuracy = 0
  let verdict: OverfitReport['verdict'] = 'stalled'
  try {
    model.train()
    for (let step = 0; step < steps; step++) {
      const batch = next()
      optimizer.zeroGrad()
      const outputs = model.forward(batch.inputs)
      const value = loss(outputs, batch.targets)
      const v = value.item()
      losses.push(v)
      if (!Number.isFinite(v) || (losses.length > 5 && v > 10 * Math.max(losses[0]!, 1e-3))) {
        verdict = 'diverged'
        break
      }
      value.backward()
      optimizer.step()
      model.eval()
      accuracy = noGrad(() => batchAccuracy(model.forward(batch.inputs), batch.targets))
      model.train()
      if (accuracy >= targetAccuracy) {
        verdict = 'memorized'
        break
      }
    }
  } finally {
    model.loadStateDict(savedModel)
    optimizer.loadStateDict(savedOptimizer)
    optimizer.zeroGrad()
    model.train(wasTraining)
  }
  const messages = {
    memorized: `memorized the sample (accuracy ${accuracy.toFixed(3)}) in ${losses.length} steps`,
    diverged: `the loss diverged (${losses[losses.length - 1]}) after ${losses.length} steps: lower the learning rate`,
    stalled: `only reached accuracy ${accuracy.toFixed(3)} in ${losses.length} steps: check that targets belong to their inputs, the learning rate, and the model's capacity`,
  }
  return {
    reached: verdict === 'memorized',
    accuracy,
    losses,
    steps: losses.length,
    verdict,
    message: messages[verdict],
  }
}
