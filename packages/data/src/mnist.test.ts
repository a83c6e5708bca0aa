import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { mnist, mnistArrays, mnistFromDigits } from './mnist'

/** The benchmark specification's checksums of the shuffled arrays (shared/bench/spec.json). */
const SPEC_SHA256 = {
  images: '5ef823242878e26c6691171fe892ad3db1fcf453ef9e10eaafe76eb4497f6a99',
  labels: 'bc7c84c13e75b33c1f15f007e2893155ce9c922928f8c4d3b4e20d171846cf1b',
}

const sha256 = (bytes: ArrayBufferView) =>
  createHash('sha256')
    .update(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))
    .digest('hex')

describe('mnist', () => {
  it('reproduces the benchmark specification’s shuffled arrays bit for bit', async () => {
    const { images, labels } = await mnistArrays()
    expect(images.length).toBe(10000 * 784)
    expect(sha256(images)).toBe(SPEC_SHA256.images)
    expect(sha256(labels)).toBe(SPEC_SHA256.labels)
  })

  it('splits into train, validation and test datasets of the documented shapes', async () => {
    const { train, validation, test } = await mnist({ validation: 1000 })
    expect(train.inputs.shape).toEqual([7000, 1, 28, 28])
    expect(validation!.targets.shape).toEqual([1000])
    expect(test.length).toBe(2000)
    expect(train.targets.dtype).toBe('int32')
    const counts = new Array(10).fill(0)
    for (const y of test.targets.data) counts[y]++
    for (const c of counts) expect(c).toBeGreaterThan(150)
  })

  it('rejects digit lists that are not whole images', () => {
    expect(() => mnistFromDigits(Array.from({ length: 10 }, () => [0.5]))).toThrow(/784/)
    expect(() => mnistFromDigits([])).toThrow(/10 digit classes/)
  })
})
