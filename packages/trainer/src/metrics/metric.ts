import type { Tensor } from '@knack/core'

/**
 * A quantity accumulated over the batches of an epoch (or an evaluation) and read at its end.
 * Reported in the logs under `name` (and `val_<name>` for validation).
 */
export interface Metric {
  readonly name: string
  reset(): void
  update(outputs: Tensor, targets: Tensor): void
  compute(): number
}
