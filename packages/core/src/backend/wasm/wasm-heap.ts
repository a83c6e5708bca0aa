import { StateError } from '../../errors'

const PAGE = 65536

/**
 * The scratch region of a wasm memory: a bump allocator above a fixed reserved prefix, reset
 * before each kernel call, growing the memory (never shrinking it) when a call needs more.
 * Operands are copied in from their JS-owned arrays and results copied back out; the views
 * are refreshed after every growth.
 */
export class WasmHeap {
  /** View of the whole memory as float32 (refreshed on growth). */
  f32: Float32Array
  /** View of the whole memory as int32 (refreshed on growth). */
  i32: Int32Array
  private top: number

  constructor(
    readonly memory: WebAssembly.Memory,
    /** Bytes at the start of memory that the allocator never hands out. */
    readonly base: number,
  ) {
    this.top = base
    this.ensure(base)
    this.f32 = new Float32Array(memory.buffer)
    this.i32 = new Int32Array(memory.buffer)
  }

  /** Frees every allocation (the next call starts from `base` again). */
  reset(): void {
    this.top = this.base
  }

  /** Allocates `bytes` (16-byte aligned, contents undefined) and returns the byte address. */
  alloc(bytes: number): number {
    const at = Math.ceil(this.top / 16) * 16
    this.top = at + bytes
    this.ensure(this.top)
    return at
  }

  /** Allocates `count` float32 zeros. */
  zeros(count: number): number {
    const at = this.alloc(4 * count)
    this.clear(at, count)
    return at
  }

  /** Sets `count` float32 at byte address `at` (already allocated) to 0. */
  clear(at: number, count: number): void {
    this.f32.fill(0, at >> 2, (at >> 2) + count)
  }

  /** Copies `count` elements of `src` from `offset` into a new allocation; returns its address. */
  copyIn(src: Float32Array | Int32Array, offset: number, count: number): number {
    const at = this.alloc(4 * count)
    this.write(at, src, offset, count)
    return at
  }

  /** Copies `count` elements of `src` from `offset` to byte address `at` (already allocated). */
  write(at: number, src: Float32Array | Int32Array, offset: number, count: number): void {
    const view = src instanceof Int32Array ? this.i32 : this.f32
    view.set(src.subarray(offset, offset + count), at >> 2)
  }

  /** Copies `count` elements at byte address `at` into `dst` from `offset`. */
  copyOut(at: number, dst: Float32Array | Int32Array, offset: number, count: number): void {
    const view = dst instanceof Int32Array ? this.i32 : this.f32
    dst.set(view.subarray(at >> 2, (at >> 2) + count), offset)
  }

  /** Grows the memory so that bytes `[0, end)` exist, then refreshes the views. */
  private ensure(end: number): void {
    const have = this.memory.buffer.byteLength
    if (end <= have) {
      if (this.f32 !== undefined && this.f32.buffer !== this.memory.buffer) this.refresh()
      return
    }
    // Grow by at least an eighth of the current size, so repeated small growths stay rare.
    const pages = Math.max(Math.ceil((end - have) / PAGE), Math.ceil(have / PAGE / 8))
    try {
      this.memory.grow(pages)
    } catch (cause) {
      throw new StateError(
        'wasm backend',
        `cannot grow the WebAssembly memory from ${have} to ${end} bytes`,
        "the operands are too large for a 32-bit wasm memory; use setBackend('js')",
        { cause },
      )
    }
    this.refresh()
  }

  private refresh(): void {
    this.f32 = new Float32Array(this.memory.buffer)
    this.i32 = new Int32Array(this.memory.buffer)
  }
}
