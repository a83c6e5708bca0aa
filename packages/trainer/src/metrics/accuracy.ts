import type { Metric } from './metric'
import { topKAccuracy } from './top-k-accuracy'

/** Share of examples whose highest score is the true class (top-1 accuracy), as `accuracy`. */
export function accuracy(): Metric {
  return topKAccuracy(1, 'accuracy')
}
