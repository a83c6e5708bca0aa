/**
 * A hyperparameter as a function of the optimizer step count (0-based):
 * `lr = schedule(step)`. Pure, so it is recomputed from the step when a run resumes.
 */
export type Schedule = (step: number) => number

/** A hyperparameter given either as a constant or as a {@link Schedule}. */
export type ScalarOrSchedule = number | Schedule
