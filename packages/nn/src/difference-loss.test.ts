import { tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { differenceLoss } from './difference-loss'

/** The loss ½d², whose derivative is d. */
function halfSquare(input: Parameters<typeof differenceLoss>[1], target: typeof input) {
  return differenceLoss(
    'halfSquare',
    input,
    target,
    'sum',
    (d, out) => {
      for (let i = 0; i < d.length; i++) out[i] = 0.5 * d[i]! * d[i]!
    },
    (d, g, dx) => {
      for (let i = 0; i < d.length; i++) dx[i] = g[i]! * d[i]!
    },
  )
}

describe('differenceLoss', () => {
  it('applies the kernels to input − target and sends the negated gradient to the target', () => {
    const x = tensor([3, 1, -2], { requiresGrad: true })
    const y = tensor([1, 1, 2], { requiresGrad: true })
    const loss = halfSquare(x, y)
    expect(loss.item()).toBe(2 + 0 + 8)
    loss.backward()
    expect(Array.from(x.grad!.data)).toEqual([2, 0, -4])
    expect(Array.from(y.grad!.data)).toEqual([-2, -0, 4])
  })

  it('skips the target gradient when the target needs none', () => {
    const x = tensor([3, 1], { requiresGrad: true })
    const y = tensor([1, 1])
    halfSquare(x, y).backward()
    expect(y.grad).toBeNull()
    expect(Array.from(x.grad!.data)).toEqual([2, 0])
  })
})
