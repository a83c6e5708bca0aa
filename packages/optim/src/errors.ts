import { KnackError } from '@knack/core'

/**
 * A gradient holding NaN or ±Infinity, refused before anything changed (the optimizer step,
 * or `clipGradNorm` with `errorIfNonfinite`). A trainer may catch it to skip the step.
 */
export class NonFiniteGradientError extends KnackError {}
