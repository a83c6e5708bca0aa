import { describe, expect, it } from 'vitest'
import { blobs } from './blobs'
import { linearTeacher } from './linear-teacher'
import { spirals } from './spirals'

describe('synthetic sets', () => {
  it('spirals: points within the unit disc, balanced classes, reproducible', () => {
    const s = spirals({ pointsPerClass: 50, classes: 3, seed: 2 })
    expect(s.inputs.shape).toEqual([150, 2])
    for (let i = 0; i < 150; i++) {
      const r = Math.hypot(s.inputs.data[2 * i]!, s.inputs.data[2 * i + 1]!)
      expect(r).toBeLessThanOrEqual(1 + 1e-6)
    }
    expect(Array.from(s.targets.data).filter((y) => y === 2)).toHaveLength(50)
    expect(spirals({ seed: 2 }).inputs.data).toEqual(spirals({ seed: 2 }).inputs.data)
  })

  it('blobs: each cluster’s sample mean is near its centre and std near the given std', () => {
    const b = blobs({ centers: 2, pointsPerCenter: 2000, dim: 1, std: 0.5, seed: 1 })
    for (const c of [0, 1]) {
      const xs = Array.from(b.inputs.data.subarray(c * 2000, (c + 1) * 2000))
      const m = xs.reduce((a, v) => a + v, 0) / xs.length
      const sd = Math.sqrt(xs.reduce((a, v) => a + (v - m) ** 2, 0) / xs.length)
      expect(sd).toBeCloseTo(0.5, 1)
    }
  })

  it('linearTeacher: targets equal the teacher’s output up to the noise level', () => {
    const { dataset, weight, bias } = linearTeacher({ n: 500, inputDim: 4, noise: 0.01, seed: 3 })
    let sq = 0
    for (let i = 0; i < 500; i++) {
      let y = bias.data[0]!
      for (let k = 0; k < 4; k++) y += weight.data[k]! * dataset.inputs.data[i * 4 + k]!
      sq += (y - dataset.targets.data[i]!) ** 2
    }
    expect(Math.sqrt(sq / 500)).toBeCloseTo(0.01, 2)
  })
})
