import { readFileSync } from 'node:fs'
import { Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { type AffineMatrix, affineWarp } from './affine-warp'
import { barrelDistortion } from './barrel-distortion'

interface Case {
  name: string
  op: 'affineWarp' | 'barrelDistortion'
  shape: number[]
  images: number[]
  matrix?: AffineMatrix | AffineMatrix[]
  k?: number[]
  output: number[]
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/warp.json', import.meta.url), 'utf8'),
) as { cases: Case[] }

describe('bilinear warps match torch grid_sample (fixtures/warp.py)', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const x = new Tensor(Float32Array.from(c.images), c.shape)
    const out = c.op === 'affineWarp' ? affineWarp(x, c.matrix!) : barrelDistortion(x, c.k!)
    expect(out.shape).toEqual(c.shape)
    let zeros = 0
    c.output.forEach((want, i) => {
      if (want === 0) zeros++
      expect(Math.abs(out.data[i]! - want)).toBeLessThanOrEqual(1e-5 + 1e-5 * Math.abs(want))
    })
    // The warps reach outside the images, so the fill (0) path is exercised too.
    expect(zeros).toBeGreaterThan(0)
  })
})
