import { type Batch, type Module, noGrad, Tensor } from '@knack/core'
import { BatchNormBase } from './batch-norm'

/**
 * Recomputes the running statistics of every batch-norm layer of `model` from `batches` (what
 * a loader yields: {@link Batch}es, whose `inputs` are used, or input tensors), as needed after
 * averaging weights (SWA, Polyak/EMA), whose averaged weights do not match any running
 * statistics seen in training. Resets the statistics, runs the model in training mode without
 * gradients with `momentum = null` (so the result is the plain average over the batches), then
 * restores each layer's momentum and each module's training flag. On a throw, the running
 * statistics are put back as they were too. Layers without `trackRunningStats` are left as
 * they are. Returns the number of batches run (0, and
 * the model untouched, when it has no batch-norm layer).
 * @see P. Izmailov et al., "Averaging Weights Leads to Wider Optima and Better Generalization", UAI 2018, https://arxiv.org/abs/1803.05407
 * @see https://pytorch.org/docs/stable/optim.html#putting-it-all-together-swa (torch.optim.swa_utils.update_bn)
 */
export function recomputeBatchNormStats(
  model: Module<[Tensor], unknown>,
  batches: Iterable<Batch | Tensor>,
): number {
  const layers = model.modules().filter((m): m is BatchNormBase => m instanceof BatchNormBase)
  if (layers.length === 0) return 0
  const modes = model.modules().map((m) => [m, m.training] as const)
  const momenta = layers.map((layer) => [layer, layer.momentum] as const)
  const saved = layers.flatMap((layer) =>
    [layer.running_mean, layer.running_var, layer.num_batches_tracked].flatMap((t) =>
      t === null ? [] : [[t, t.clone()] as const],
    ),
  )
  let count = 0
  try {
    for (const layer of layers) {
      layer.resetRunningStats()
      layer.momentum = null
    }
    model.train()
    noGrad(() => {
      for (const batch of batches) {
        model.forward(batch instanceof Tensor ? batch : batch.inputs)
        count++
      }
    })
  } catch (error) {
    for (const [buffer, copy] of saved) buffer.copy_(copy)
    throw error
  } finally {
    for (const [layer, momentum] of momenta) layer.momentum = momentum
    for (const [module, training] of modes) module.training = training
  }
  return count
}
