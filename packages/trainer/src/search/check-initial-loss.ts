import {
  ArgumentError,
  type Batch,
  crossEntropy,
  type Module,
  noGrad,
  type Tensor,
} from '@knack/core'

/** Options of {@link checkInitialLoss}. */
export interface CheckInitialLossOptions {
  /** Number of classes C (default: the outputs' last dimension). */
  classes?: number
  /** Allowed relative deviation from ln C (default 0.25). */
  tolerance?: number
  loss?: (outputs: Tensor, targets: Tensor) => Tensor
}

/** What {@link checkInitialLoss} found. */
export interface InitialLossReport {
  ok: boolean
  loss: number
  /** ln C: the cross-entropy of a uniform prediction over C classes. */
  expected: number
  message: string
}

/**
 * Checks the loss of an untrained classifier: with sensible initialization its predictions are
 * near uniform, so the cross-entropy should be close to ln C. A loss far above points at
 * exploding initial logits or mismatched targets; far below, at a label leak.
 * @see Karpathy 2019, A Recipe for Training Neural Networks ("verify loss @ init")
 */
export function checkInitialLoss(
  model: Module<[Tensor], Tensor>,
  batch: Batch,
  options: CheckInitialLossOptions = {},
): InitialLossReport {
  const { tolerance = 0.25, loss = (o: Tensor, t: Tensor) => crossEntropy(o, t) } = options
  const wasTraining = model.training
  model.eval()
  let value: number
  let classes: number
  try {
    const outputs = noGrad(() => model.forward(batch.inputs))
    classes = options.classes ?? outputs.shape[outputs.ndim - 1] ?? 0
    value = noGrad(() => loss(outputs, batch.targets)).item()
  } finally {
    model.train(wasTraining)
  }
  if (classes < 2) {
    throw new ArgumentError('checkInitialLoss', `need at least 2 classes, got ${classes}`)
  }
  const expected = Math.log(classes)
  const ok = Number.isFinite(value) && Math.abs(value - expected) <= tolerance * expected
  const message = ok
    ? `initial loss ${value.toFixed(4)} ≈ ln ${classes} = ${expected.toFixed(4)}`
    : `initial loss ${value.toFixed(4)} is far from ln ${classes} = ${expected.toFixed(4)}: ${
        value > expected
          ? 'the initial logits are too large (check the weight initialization and input scale) or the targets do not match the outputs'
          : 'the loss is suspiciously low before training (check for targets leaking into the inputs)'
      }`
  return { ok, loss: value, expected, message }
}
