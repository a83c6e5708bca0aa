/**
 * Base class of every error Knack throws. The message always says which operation failed,
 * what it got, and (when there is one) how to fix it:
 * `matmul: inner dimensions differ: [2,3] x [4,5] (help: transpose the second operand?)`.
 */
export class KnackError extends Error {
  /** The operation or function that failed, e.g. `matmul` or `loadStateDict`. */
  readonly op: string
  /** A hint on how to fix the problem, or `undefined`. */
  readonly help: string | undefined

  constructor(op: string, problem: string, help?: string, options?: { cause?: unknown }) {
    super(`${op}: ${problem}${help ? ` (help: ${help})` : ''}`, options)
    this.name = new.target.name
    this.op = op
    this.help = help
  }
}

/** Shapes that do not fit the operation (the message names the op and the shapes). */
export class ShapeError extends KnackError {}

/** A tensor of the wrong dtype (e.g. float labels where int32 indices are needed). */
export class DTypeError extends KnackError {}

/** An argument outside its allowed values (negative size, probability above 1, …). */
export class ArgumentError extends KnackError {}

/** Misuse of autograd: backward through a freed graph, non-scalar root without a seed, … */
export class AutogradError extends KnackError {}

/** A malformed, truncated or hostile file or serialized state. */
export class FormatError extends KnackError {}

/** A state (state dict, checkpoint, optimizer state) that does not match what it is loaded into. */
export class StateError extends KnackError {}
