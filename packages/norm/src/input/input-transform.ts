import { formatShape, Module, StateError, type Tensor, zeros } from '@knack/core'

/**
 * A preprocessing step fitted on training data and then applied to every input (training,
 * validation and inference alike): `fit(x)` computes the statistics, `transform(x)` applies
 * them, `inverseTransform(y)` maps back. It is a {@link Module} whose `forward` is `transform`
 * and whose statistics are persistent buffers, so it can sit first in a model and its fitted
 * values are saved and loaded with the model's state dict (`stateDict()` / `loadStateDict()`
 * also work on it alone). The buffer `n_samples_seen` (int32) counts the samples it was fitted
 * on; 0 means not fitted.
 */
export abstract class InputTransform extends Module<[Tensor], Tensor> {
  /** Number of samples the statistics were fitted on (int32 scalar); 0 before `fit`. */
  declare n_samples_seen: Tensor

  constructor() {
    super()
    this.registerBuffer('n_samples_seen', zeros([], { dtype: 'int32' }))
  }

  /** Whether the statistics have been fitted (or loaded from a fitted state). */
  get fitted(): boolean {
    return this.n_samples_seen.data[0]! > 0
  }

  /** Computes the statistics from the training inputs `x` (batch dimension first); returns `this`. */
  abstract fit(x: Tensor): this

  /** Applies the fitted statistics to `x`. Differentiable. */
  abstract transform(x: Tensor): Tensor

  /** Maps a transformed tensor back to the input space. Differentiable. */
  abstract inverseTransform(y: Tensor): Tensor

  /** `transform(x)`, so that the transform can be a model's first layer. */
  forward(x: Tensor): Tensor {
    return this.transform(x)
  }

  /** `fit(x)` then `transform(x)`. */
  fitTransform(x: Tensor): Tensor {
    return this.fit(x).transform(x)
  }

  /** Throws unless fitted. @internal */
  protected checkFitted(op: string, x: Tensor): void {
    if (!this.fitted) {
      throw new StateError(
        `${this.constructor.name}.${op}`,
        `the transform is not fitted (got input ${formatShape(x.shape)})`,
        'call fit(trainingInputs) first, or load a fitted state with loadStateDict',
      )
    }
  }

  /** Records that the statistics were fitted on `samples` samples. @internal */
  protected markFitted(samples: number): void {
    this.n_samples_seen.data[0] = samples
  }
}
