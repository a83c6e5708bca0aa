import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { StateError } from '../../errors'
import { KERNELS, kernelModuleBytes } from './kernel-module'
import { ThreadPool } from './thread-pool'
import { CONTROL_BYTES } from './worker-source'

function startPool(workers: number) {
  const memory = new WebAssembly.Memory({ initial: 4, maximum: 64, shared: true })
  const module = new WebAssembly.Module(kernelModuleBytes(true, 64))
  const instance = new WebAssembly.Instance(module, { env: { memory } })
  const relu = instance.exports.relu as (x: number, out: number, n: number) => void
  const pool = ThreadPool.start(module, memory, KERNELS, workers)
  if (pool === null) throw new Error('no worker threads on this Node')
  return { memory, relu, pool }
}

describe('ThreadPool', () => {
  it('runs one part per ready worker plus one on the caller, on the shared memory', async () => {
    const { memory, relu, pool } = startPool(3)
    await pool.whenReady()
    const slots = pool.readySlots()
    expect(slots).toEqual([0, 1, 2])
    const f32 = new Float32Array(memory.buffer)
    const n = 4000
    const x = CONTROL_BYTES
    const out = x + 4 * n
    for (let i = 0; i < n; i++) f32[x / 4 + i] = i % 2 === 0 ? -i : i
    // One relu in 40 chunks of 100 values, shared by the caller and the workers.
    const job = {
      base: [x, out, 0],
      perChunk: [400, 400, 0],
      perThread: [0, 0, 0],
      countIndex: 2,
      chunk: 100,
      total: n,
      chunks: 40,
    }
    pool.run(KERNELS.indexOf('relu'), job, slots, (args) => relu(args[0]!, args[1]!, args[2]!))
    for (let i = 0; i < n; i++) expect(f32[out / 4 + i]).toBe(i % 2 === 0 ? 0 : i)
    pool.terminate()
    expect(pool.readySlots()).toEqual([])
  })

  it('wakes sleeping workers without giving them work, and still runs the next job', async () => {
    const { memory, relu, pool } = startPool(2)
    await pool.whenReady()
    // Long enough for the workers to stop polling and sleep in Atomics.wait.
    await new Promise((resolve) => setTimeout(resolve, 50))
    pool.wake()
    const f32 = new Float32Array(memory.buffer)
    const x = CONTROL_BYTES
    f32.fill(-1, x / 4, x / 4 + 64)
    const job = {
      base: [x, x, 0],
      perChunk: [64, 64, 0],
      perThread: [0, 0, 0],
      countIndex: 2,
      chunk: 16,
      total: 64,
      chunks: 4,
    }
    pool.run(KERNELS.indexOf('relu'), job, pool.readySlots(), (args) =>
      relu(args[0]!, args[1]!, args[2]!),
    )
    expect(Array.from(f32.subarray(x / 4, x / 4 + 64))).toEqual(new Array(64).fill(0))
    pool.terminate()
    pool.wake()
  })

  it('reports every chunk once, with its results in memory, to the done hook', async () => {
    const { memory, relu, pool } = startPool(2)
    await pool.whenReady()
    const f32 = new Float32Array(memory.buffer)
    const n = 20000
    const x = CONTROL_BYTES
    const out = x + 4 * n
    for (let i = 0; i < n; i++) f32[x / 4 + i] = -1 - i
    f32.fill(1, out / 4, out / 4 + n)
    const job = {
      base: [x, out, 0],
      perChunk: [2000, 2000, 0],
      perThread: [0, 0, 0],
      countIndex: 2,
      chunk: 500,
      total: n,
      chunks: 40,
    }
    const order: string[] = []
    const reported = new Array<number>(job.chunks).fill(0)
    pool.run(
      KERNELS.indexOf('relu'),
      job,
      pool.readySlots(),
      (args) => {
        // The caller sleeps through each of its chunks so that the workers run most of them.
        order.push('chunk')
        relu(args[0]!, args[1]!, args[2]!)
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2)
      },
      {
        first: () => order.push('first'),
        done: (c) => {
          reported[c]!++
          const chunk = f32.subarray(out / 4 + 500 * c, out / 4 + 500 * (c + 1))
          expect(chunk.every((v) => v === 0)).toBe(true)
        },
      },
    )
    expect(order[0]).toBe('first')
    expect(order.length - 1).toBeLessThan(job.chunks)
    expect(reported).toEqual(new Array(job.chunks).fill(1))
    pool.terminate()
  })

  it('turns a kernel that traps in a worker into a StateError and stops using the pool', async () => {
    const { relu, pool } = startPool(1)
    await pool.whenReady()
    const outOfBounds = 64 * 65536 + 1024
    // The worker (participant 1) gets pointers past the end of memory; the caller sleeps
    // through each of its chunks so that the worker claims some.
    const job = {
      base: [CONTROL_BYTES, CONTROL_BYTES, 4],
      perChunk: [0, 0, 0],
      perThread: [outOfBounds, outOfBounds, 0],
      countIndex: -1,
      chunk: 1,
      total: 20,
      chunks: 20,
    }
    const slow = (args: number[]) => {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10)
      relu(args[0]!, args[1]!, args[2]!)
    }
    expect(() => pool.run(KERNELS.indexOf('relu'), job, [0], slow)).toThrow(StateError)
    expect(pool.readySlots()).toEqual([])
    pool.terminate()
  })

  it('does not keep the process alive once idle', () => {
    const backend = fileURLToPath(new URL('./wasm-backend.ts', import.meta.url))
    const script = [
      `import { createWasmBackend } from ${JSON.stringify(backend)}`,
      'const b = createWasmBackend({ threads: 2 })',
      'await b.whenReady()',
      'const out = new Float32Array(64 * 64)',
      'b.matmul(new Float32Array(64 * 64).fill(1), new Float32Array(64 * 64).fill(2), out, { m: 64, n: 64, k: 64 })',
      'console.log(b.threads, out[0])',
    ].join('\n')
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '--eval', script],
      { encoding: 'utf8', timeout: 60_000 },
    )
    expect(child.error).toBeUndefined()
    expect(child.status).toBe(0)
    expect(child.stdout.trim()).toBe('2 128')
  })
})
