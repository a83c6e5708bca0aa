import { ArgumentError, type Tensor } from '@knack/core'
import { classTargets, outputRows } from './class-targets'

/**
 * Counts of (true class, predicted class) pairs: `counts[t * C + p]`. Predictions are the
 * arg-max of each row of `[N, C]` scores.
 */
export class ConfusionMatrix {
  readonly classes: number
  readonly counts: Int32Array

  constructor(classes: number) {
    if (!Number.isInteger(classes) || classes < 1) {
      throw new ArgumentError(
        'ConfusionMatrix',
        `classes must be a positive integer, got ${classes}`,
      )
    }
    this.classes = classes
    this.counts = new Int32Array(classes * classes)
  }

  update(outputs: Tensor, targets: Tensor): this {
    const [rows, classes] = outputRows('ConfusionMatrix', outputs)
    if (classes !== this.classes) {
      throw new ArgumentError(
        'ConfusionMatrix',
        `outputs have ${classes} classes, the matrix ${this.classes}`,
      )
    }
    const labels = classTargets('ConfusionMatrix', targets, rows, classes)
    for (let r = 0; r < rows; r++) {
      let best = 0
      for (let c = 1; c < classes; c++) {
        if (outputs.data[r * classes + c]! > outputs.data[r * classes + best]!) best = c
      }
      this.counts[labels[r]! * classes + best]!++
    }
    return this
  }

  /** How often class `truth` was predicted as `predicted`. */
  get(truth: number, predicted: number): number {
    return this.counts[truth * this.classes + predicted]!
  }

  /** A text table, rows = true class, columns = predicted class. */
  format(): string {
    const width = Math.max(4, ...Array.from(this.counts, (c) => String(c).length + 1))
    const header = `${'t\\p'.padStart(4)}${Array.from({ length: this.classes }, (_, c) => String(c).padStart(width)).join('')}`
    const rows = Array.from({ length: this.classes }, (_, t) => {
      const cells = Array.from({ length: this.classes }, (_, p) =>
        String(this.get(t, p)).padStart(width),
      )
      return `${String(t).padStart(4)}${cells.join('')}`
    })
    return [header, ...rows].join('\n')
  }
}
