import { checkChoice, checkPositive } from './check'

/** Options of {@link scaleLrForBatch}. */
export interface ScaleLrForBatchOptions {
  /** Learning rate tuned for `baseBatch`. */
  baseLr: number
  /** Batch size `baseLr` was tuned for. */
  baseBatch: number
  /** Batch size to train with. */
  batch: number
  /** `'linear'` (Goyal et al.) or `'sqrt'` (Krizhevsky; Hoffer et al.). Default `'linear'`. */
  rule?: 'linear' | 'sqrt'
}

/**
 * Scales a learning rate tuned for one batch size to another: with `k = batch / baseBatch`,
 * linear rule `lr = baseLr · k`, square-root rule `lr = baseLr · √k`.
 *
 * @see Goyal et al., Accurate, Large Minibatch SGD: Training ImageNet in 1 Hour, 2017, §2.1. https://arxiv.org/abs/1706.02677
 * @see Krizhevsky, One Weird Trick for Parallelizing Convolutional Neural Networks, 2014. https://arxiv.org/abs/1404.5997
 */
export function scaleLrForBatch({
  baseLr,
  baseBatch,
  batch,
  rule = 'linear',
}: ScaleLrForBatchOptions): number {
  const op = 'scaleLrForBatch'
  checkPositive(op, 'baseLr', baseLr)
  checkPositive(op, 'baseBatch', baseBatch)
  checkPositive(op, 'batch', batch)
  checkChoice(op, 'rule', rule, ['linear', 'sqrt'])
  const k = batch / baseBatch
  return rule === 'linear' ? baseLr * k : baseLr * Math.sqrt(k)
}
