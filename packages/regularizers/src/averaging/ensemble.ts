import { ArgumentError, logSoftmax, logsumexp, Module, stack, type Tensor } from '@knack/core'

/** Options of {@link Ensemble}. */
export interface EnsembleOptions {
  /** The class dimension of the members' logits (default -1, the last). */
  dim?: number
}

/**
 * Averages the predicted probabilities of several models: `forward(x)` returns
 * `log((1/K)·Σₖ softmax(fₖ(x)))` along the class dimension, computed stably as
 * `logsumexp_k(logSoftmax(fₖ(x))) − log K`. The output is log-probabilities, so it composes
 * with the usual tools: `crossEntropy` (whose log-softmax leaves log-probabilities unchanged)
 * gives the NLL of the averaged probabilities, and accuracy's argmax picks the most probable
 * class. The members are children `'0'`, `'1'`, … (state-dict names `0.weight`, …) and share
 * training/eval mode.
 * @see L. K. Hansen, P. Salamon, "Neural Network Ensembles", IEEE TPAMI 1990
 * @see B. Lakshminarayanan et al., "Simple and Scalable Predictive Uncertainty Estimation using Deep Ensembles", NeurIPS 2017, https://arxiv.org/abs/1612.01474
 */
export class Ensemble extends Module<[Tensor], Tensor> {
  /** Number of members. */
  readonly size: number
  /** The class dimension. */
  readonly dim: number

  constructor(members: readonly Module<[Tensor], Tensor>[], options: EnsembleOptions = {}) {
    super()
    if (members.length === 0) {
      throw new ArgumentError('Ensemble', 'got no members', 'pass at least one model')
    }
    const dim = options.dim ?? -1
    if (!Number.isInteger(dim)) {
      throw new ArgumentError('Ensemble', `dim must be an integer, got ${dim}`)
    }
    members.forEach((m, i) => {
      this.registerModule(String(i), m)
    })
    this.size = members.length
    this.dim = dim
  }

  /** Member `i` (0-based). */
  member(i: number): Module<[Tensor], Tensor> {
    const m = (this as unknown as Record<string, unknown>)[String(i)]
    if (!Number.isInteger(i) || i < 0 || i >= this.size || !(m instanceof Module)) {
      throw new ArgumentError('Ensemble.member', `index ${i} is out of range [0, ${this.size})`)
    }
    return m as Module<[Tensor], Tensor>
  }

  forward(x: Tensor): Tensor {
    const logProbs: Tensor[] = []
    for (let i = 0; i < this.size; i++) {
      logProbs.push(logSoftmax(this.member(i).forward(x), this.dim))
    }
    if (logProbs.length === 1) return logProbs[0]!
    return logsumexp(stack(logProbs, 0), 0).sub(Math.log(this.size))
  }
}
