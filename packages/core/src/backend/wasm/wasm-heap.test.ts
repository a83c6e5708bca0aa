import { describe, expect, it } from 'vitest'
import { StateError } from '../../errors'
import { WasmHeap } from './wasm-heap'

describe('WasmHeap', () => {
  it('hands out 16-byte aligned blocks above the reserved prefix, from the base after reset', () => {
    const heap = new WasmHeap(new WebAssembly.Memory({ initial: 1 }), 100)
    const a = heap.alloc(5)
    const b = heap.alloc(20)
    expect(a).toBe(112)
    expect(b).toBe(128)
    expect(heap.alloc(0)).toBe(160)
    heap.reset()
    expect(heap.alloc(4)).toBe(112)
  })

  it('grows the memory on demand, keeping contents, and refreshes its views', () => {
    const memory = new WebAssembly.Memory({ initial: 1 })
    const heap = new WasmHeap(memory, 0)
    const data = Float32Array.from({ length: 1000 }, (_, i) => i * 0.5)
    const at = heap.copyIn(data, 10, 900)
    const big = heap.alloc(3 * 65536)
    expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(big + 3 * 65536)
    expect(heap.f32.buffer).toBe(memory.buffer)
    const back = new Float32Array(1000)
    heap.copyOut(at, back, 5, 900)
    expect(back[5]).toBe(5)
    expect(back[904]).toBe(454.5)
    expect(back[4]).toBe(0)
  })

  it('copies int32 arrays through the int32 view and zero-fills', () => {
    const heap = new WasmHeap(new WebAssembly.Memory({ initial: 1 }), 64)
    const at = heap.copyIn(Int32Array.of(-1, 7, 2 ** 30), 0, 3)
    const z = heap.zeros(3)
    heap.f32.fill(9, z >> 2, (z >> 2) + 3)
    heap.reset()
    const z2 = heap.zeros(3)
    expect(Array.from(heap.f32.subarray(z2 >> 2, (z2 >> 2) + 3))).toEqual([0, 0, 0])
    heap.reset()
    const back = new Int32Array(3)
    heap.copyIn(Int32Array.of(-1, 7, 2 ** 30), 0, 3)
    heap.copyOut(at, back, 0, 3)
    expect(Array.from(back)).toEqual([-1, 7, 2 ** 30])
  })

  it('writes into and clears a block it allocated earlier, for reuse across chunks', () => {
    const heap = new WasmHeap(new WebAssembly.Memory({ initial: 1 }), 32)
    const at = heap.alloc(4 * 4)
    heap.write(at, Float32Array.of(1, 2, 3, 4, 5, 6), 2, 4)
    expect(Array.from(heap.f32.subarray(at >> 2, (at >> 2) + 4))).toEqual([3, 4, 5, 6])
    heap.write(at, Int32Array.of(-7), 0, 1)
    expect(heap.i32[at >> 2]).toBe(-7)
    heap.clear(at + 4, 2)
    expect(Array.from(heap.f32.subarray((at >> 2) + 1, (at >> 2) + 4))).toEqual([0, 0, 6])
  })

  it('reports a memory that cannot grow as a StateError', () => {
    const heap = new WasmHeap(new WebAssembly.Memory({ initial: 1, maximum: 2 }), 0)
    expect(() => heap.alloc(5 * 65536)).toThrow(StateError)
    expect(() => heap.alloc(5 * 65536)).toThrow(/cannot grow the WebAssembly memory/)
  })
})
