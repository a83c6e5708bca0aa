import { ArgumentError, type Schedule } from '@knack/core'
import { checkChoice, checkInteger, checkPositive, checkRange } from './check'

/** Options of {@link oneCycle}. */
export interface OneCycleOptions {
  /** Peak learning rate. */
  maxLr: number
  /** Length of the cycle in steps. */
  totalSteps: number
  /** Fraction of the cycle spent rising to `maxLr`. Default 0.3. */
  pctStart?: number
  /** Shape of each phase. Default `'cos'`. */
  annealStrategy?: 'cos' | 'linear'
  /** Starting rate is `maxLr / divFactor`. Default 25. */
  divFactor?: number
  /** Final rate is `maxLr / divFactor / finalDivFactor`. Default 1e4. */
  finalDivFactor?: number
  /**
   * Three phases as in Smith's paper (up, back down to the start, then down to the final rate)
   * instead of fastai's two (up, then down to the final rate). Default false.
   */
  threePhase?: boolean
}

interface Phase {
  end: number
  from: number
  to: number
}

/**
 * The 1cycle policy's learning rate (PyTorch's `OneCycleLR`): from `maxLr / divFactor` up to
 * `maxLr` by step `pctStart · totalSteps − 1`, then down to `maxLr / divFactor / finalDivFactor`
 * at step `totalSteps − 1` (held afterwards, where PyTorch raises). Inside a phase from `a` to `b`
 * at fraction `p`: cos: `b + (a − b)(1 + cos(π p)) / 2`; linear: `a + (b − a) p`.
 * Momentum cycling is left to the optimizer's own schedule for `momentum`.
 *
 * @see Smith & Topin, Super-Convergence: Very Fast Training of Neural Networks Using Large Learning Rates, 2017. https://arxiv.org/abs/1708.07120
 * @see https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.OneCycleLR.html
 */
export function oneCycle({
  maxLr,
  totalSteps,
  pctStart = 0.3,
  annealStrategy = 'cos',
  divFactor = 25,
  finalDivFactor = 1e4,
  threePhase = false,
}: OneCycleOptions): Schedule {
  checkPositive('oneCycle', 'maxLr', maxLr)
  checkInteger('oneCycle', 'totalSteps', totalSteps, 1)
  checkRange('oneCycle', 'pctStart', pctStart, 0, 1)
  checkChoice('oneCycle', 'annealStrategy', annealStrategy, ['cos', 'linear'])
  checkPositive('oneCycle', 'divFactor', divFactor)
  checkPositive('oneCycle', 'finalDivFactor', finalDivFactor)
  if (threePhase && pctStart > 0.5) {
    throw new ArgumentError(
      'oneCycle',
      `threePhase needs pctStart <= 0.5 (the rise and the fall take pctStart each), got ${pctStart}`,
      'lower pctStart or set threePhase: false',
    )
  }
  const initialLr = maxLr / divFactor
  const minLr = initialLr / finalDivFactor
  const rise = pctStart * totalSteps - 1
  const last = totalSteps - 1
  const phases: Phase[] = threePhase
    ? [
        { end: rise, from: initialLr, to: maxLr },
        { end: 2 * pctStart * totalSteps - 2, from: maxLr, to: initialLr },
        { end: last, from: initialLr, to: minLr },
      ]
    : [
        { end: rise, from: initialLr, to: maxLr },
        { end: last, from: maxLr, to: minLr },
      ]
  const cos = annealStrategy === 'cos'
  return (t) => {
    const s = Math.min(t, last)
    let i = 0
    let start = 0
    while (i < phases.length - 1 && s > phases[i]!.end) start = phases[i++]!.end
    const { end, from, to } = phases[i]!
    const span = end - start
    const p = span > 0 ? (s - start) / span : 1
    return cos ? to + ((from - to) / 2) * (Math.cos(Math.PI * p) + 1) : (to - from) * p + from
  }
}
