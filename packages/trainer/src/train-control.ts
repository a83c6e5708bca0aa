import type { ControlReasons, TrainControl } from '@knack/core'

/**
 * The trainer's {@link TrainControl}: sticky, OR-combined requests. The trainer clears the
 * batch request when a micro-batch starts and the step request after each update boundary.
 */
export class StickyControl implements TrainControl {
  private readonly skipBatchReasons: string[] = []
  private readonly skipStepReasons: string[] = []
  private readonly stopReasons: string[] = []

  skipBatch(reason: string): void {
    this.skipBatchReasons.push(reason)
  }
  skipStep(reason: string): void {
    this.skipStepReasons.push(reason)
  }
  stopTraining(reason: string): void {
    this.stopReasons.push(reason)
  }
  get batchSkipped(): boolean {
    return this.skipBatchReasons.length > 0
  }
  get stepSkipped(): boolean {
    return this.skipStepReasons.length > 0
  }
  get stopRequested(): boolean {
    return this.stopReasons.length > 0
  }
  get reasons(): ControlReasons {
    return {
      skipBatch: [...this.skipBatchReasons],
      skipStep: [...this.skipStepReasons],
      stopTraining: [...this.stopReasons],
    }
  }

  /** Called by the trainer when a new micro-batch starts. */
  startBatch(): void {
    this.skipBatchReasons.length = 0
  }
  /** Called by the trainer after an update boundary has been handled. */
  startUpdate(): void {
    this.skipStepReasons.length = 0
  }
}
