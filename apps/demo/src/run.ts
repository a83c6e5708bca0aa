import { join } from 'node:path'
import { Generator, type GradientTransform, manualSeed, type Plugin } from '@knack/core'
import { DataLoader, type MnistSplits, mnist, Subset } from '@knack/data'
import { initialize, kaimingNormal, zeros } from '@knack/init'
import { Conv2d, Linear } from '@knack/nn'
import { recomputeBatchNormStats } from '@knack/norm'
import { adamw, createOptimizer, sgd } from '@knack/optim'
import { earlyStopping, polyak, randomAffine } from '@knack/regularizers'
import { cosineAnnealing, linearWarmup, sequence } from '@knack/schedulers'
import {
  checkpoint,
  gradientClipping,
  logger,
  nanGuard,
  type ProgressStream,
  progress,
  Trainer,
} from '@knack/trainer'
import { buildCnn } from './model'
import type { TrickSet } from './tricks'

/** Settings of one demo run. */
export interface RunSettings {
  tricks: TrickSet
  epochs: number
  seed: number
  width: number
  /** The run's own folder (checkpoints, metrics). */
  runDir: string
  batchSize?: number
  /** Where progress goes (default stdout); `null` for silence. */
  stream?: ProgressStream | null
  /** Use only the first `limit` training digits (for quick tests). */
  limit?: number
}

/** What one run produced. */
export interface RunResult {
  testAccuracy: number
  testLoss: number
  /** 1-based epoch with the best validation accuracy. */
  bestEpoch: number
  epochsRun: number
  seconds: number
  history: Record<string, number>[]
  runDir: string
}

const PEAK_LR = 3e-3

/** Trains the demo CNN once with the given tricks and evaluates it on the test digits. */
export async function runDemo(settings: RunSettings, data?: MnistSplits): Promise<RunResult> {
  const { tricks, epochs, seed, width, runDir, batchSize = 64, limit } = settings
  const started = performance.now()
  manualSeed(seed)
  const splits = data ?? (await mnist({ validation: 1000 }))
  const train = limit
    ? new Subset(
        splits.train,
        Int32Array.from({ length: limit }, (_, i) => i),
      )
    : splits.train
  const trainLoader = new DataLoader(train, {
    batchSize,
    shuffle: true,
    seed,
    ...(tricks.augmentation
      ? { transform: randomAffine({ degrees: 10, translate: [0.1, 0.1], scale: [0.9, 1.1] }) }
      : {}),
  })
  const validation = new DataLoader(splits.validation!, { batchSize: 500 })
  const test = new DataLoader(splits.test, { batchSize: 500 })

  const generator = new Generator(seed)
  const model = buildCnn({
    width,
    batchNorm: tricks.batchNorm,
    dropout: tricks.dropout ? 0.3 : 0,
    generator,
  })
  if (tricks.heInit) {
    initialize(
      model,
      [
        { match: 'weight', layer: [Conv2d, Linear], init: kaimingNormal({ nonlinearity: 'relu' }) },
        { match: 'bias', layer: [Conv2d, Linear], init: zeros() },
      ],
      { generator },
    )
  }

  const stepsPerEpoch = trainLoader.length
  const totalSteps = epochs * stepsPerEpoch
  const warmupSteps = Math.min(200, Math.ceil(totalSteps / 10))
  const transform: GradientTransform = tricks.adamwWarmupCosine
    ? adamw({
        lr: sequence(
          [
            linearWarmup({ from: PEAK_LR / 10, to: PEAK_LR, steps: warmupSteps }),
            cosineAnnealing({
              initial: PEAK_LR,
              tMax: totalSteps - warmupSteps,
              etaMin: PEAK_LR / 100,
            }),
          ],
          [warmupSteps],
        ),
        weightDecay: 0.01,
      })
    : sgd({ lr: 0.05 })
  const optimizer = createOptimizer(model, transform)

  const averaging = tricks.polyak
    ? polyak({ decay: 0.99, warmup: true, applyAtEnd: !tricks.earlyStopping })
    : null
  const plugins: Plugin[] = [nanGuard()]
  if (tricks.gradientClipping) plugins.push(gradientClipping({ maxNorm: 2 }))
  if (averaging) plugins.push(averaging)
  if (tricks.earlyStopping) {
    plugins.push(
      earlyStopping({
        monitor: 'val_accuracy',
        mode: 'max',
        patience: 3,
        restoreBestWeights: true,
        ...(averaging ? { weightsFrom: averaging } : {}),
      }),
    )
  }
  plugins.push(
    checkpoint({
      dir: join(runDir, 'checkpoints'),
      keepLast: 2,
      saveBest: { monitor: 'val_accuracy', mode: 'max' },
    }),
    logger({ dir: runDir }),
  )
  if (settings.stream !== null)
    plugins.push(progress({ stream: settings.stream ?? process.stdout }))

  const trainer = new Trainer({ model, optimizer, plugins, seed })
  const { history } = await trainer.fit(trainLoader, { epochs, validation })
  if (averaging && tricks.batchNorm) {
    // The averaged weights never produced the running statistics: measure them again.
    recomputeBatchNormStats(model, new DataLoader(train, { batchSize: 500 }))
  }
  const result = await trainer.evaluate(test)
  const accuracies = history.map((h) => h.val_accuracy ?? 0)
  return {
    testAccuracy: result.accuracy!,
    testLoss: result.loss!,
    bestEpoch: accuracies.indexOf(Math.max(...accuracies)) + 1,
    epochsRun: history.length,
    seconds: (performance.now() - started) / 1000,
    history,
    runDir,
  }
}
