import { ArgumentError, type Tensor } from '@knack/core'
import { classTargets, outputRows } from './class-targets'
import type { Metric } from './metric'

/**
 * Share of examples whose true class is among the `k` highest scores (ties broken toward the
 * lower class index). Logged as `top<k>_accuracy`.
 */
export function topKAccuracy(k: number, name = `top${k}_accuracy`): Metric {
  if (!Number.isInteger(k) || k < 1) {
    throw new ArgumentError('topKAccuracy', `k must be a positive integer, got ${k}`)
  }
  let hits = 0
  let count = 0
  return {
    name,
    reset() {
      hits = 0
      count = 0
    },
    update(outputs: Tensor, targets: Tensor) {
      const [rows, classes] = outputRows(name, outputs)
      const labels = classTargets(name, targets, rows, classes)
      const scores = outputs.data
      for (let r = 0; r < rows; r++) {
        const label = labels[r]!
        const own = scores[r * classes + label]!
        let better = 0
        for (let c = 0; c < classes; c++) {
          const s = scores[r * classes + c]!
          if (s > own || (s === own && c < label)) better++
        }
        if (better < k) hits++
      }
      count += rows
    },
    compute() {
      return count === 0 ? Number.NaN : hits / count
    },
  }
}
