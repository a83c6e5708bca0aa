import { expectDType } from '../../dtype'
import { ArgumentError, ShapeError } from '../../errors'
import { formatShape } from '../../shape'
import type { Tensor } from '../../tensor'

/**
 * Checks a pooling input (`[N, C, H, W]` or unbatched `[C, H, W]`, float32) and returns the
 * number of planes it holds.
 */
export function poolPlanes(op: string, input: Tensor): number {
  expectDType(op, 'the input', input.dtype, 'float32')
  if (input.ndim !== 3 && input.ndim !== 4) {
    throw new ShapeError(
      op,
      `expected input [N, C, H, W] (or unbatched [C, H, W]), got ${formatShape(input.shape)}`,
    )
  }
  return input.shape.slice(0, -2).reduce((a, b) => a * b, 1)
}

/** Checks PyTorch's pooling rule that padding is at most half the kernel size on each axis. */
export function checkPoolPadding(
  op: string,
  padding: [number, number],
  kernel: [number, number],
): void {
  if (padding[0] > Math.floor(kernel[0] / 2) || padding[1] > Math.floor(kernel[1] / 2)) {
    throw new ArgumentError(
      op,
      `padding ${padding.join('x')} is more than half the kernel size ${kernel.join('x')}`,
      `use padding of at most ${Math.floor(kernel[0] / 2)}x${Math.floor(kernel[1] / 2)}`,
    )
  }
}
