import { StateError } from '../../errors'

/**
 * A small WebAssembly assembler: enough of the binary format (types, one imported memory,
 * functions, exports, code with SIMD128) for the kernels of the `wasm` backend, so that the
 * module is generated from TypeScript at run time and needs no build step.
 * @see https://webassembly.github.io/spec/core/binary/index.html
 */

/** The `i32` value type of the binary format. */
export const I32 = 0x7f
/** The `f32` value type. */
export const F32 = 0x7d
/** The `v128` value type (SIMD128). */
export const V128 = 0x7b
/** A value type this assembler emits. */
export type ValType = typeof I32 | typeof F32 | typeof V128

/** Appends the unsigned LEB128 encoding of `value` (a non-negative 32-bit integer) to `out`. */
export function writeUnsigned(out: number[], value: number): void {
  let v = value >>> 0
  do {
    const byte = v & 0x7f
    v >>>= 7
    out.push(v === 0 ? byte : byte | 0x80)
  } while (v !== 0)
}

/** Appends the signed LEB128 encoding of `value` (a 32-bit integer) to `out`. */
export function writeSigned(out: number[], value: number): void {
  let v = value | 0
  for (;;) {
    const byte = v & 0x7f
    v >>= 7
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)
    out.push(done ? byte : byte | 0x80)
    if (done) return
  }
}

function writeName(out: number[], name: string): void {
  const bytes = new TextEncoder().encode(name)
  writeUnsigned(out, bytes.length)
  for (const b of bytes) out.push(b)
}

function writeSection(out: number[], id: number, body: number[]): void {
  out.push(id)
  writeUnsigned(out, body.length)
  for (const b of body) out.push(b)
}

/** A tuple of `N` local indices. */
export type Indices<N extends number, T extends number[] = []> = T['length'] extends N
  ? T
  : Indices<N, [...T, number]>

/** A branch target handed out by {@link FunctionBuilder.block} and {@link FunctionBuilder.loop}. */
export interface Label {
  readonly depth: number
}

// Opcodes of the SIMD proposal (after the 0xfd prefix) used by the kernels.
const SIMD = {
  load: 0x00,
  load32Splat: 0x09,
  store: 0x0b,
  const: 0x0c,
  shuffle: 0x0d,
  i32x4Splat: 0x11,
  f32x4Splat: 0x13,
  f32x4ExtractLane: 0x1f,
  f32x4ReplaceLane: 0x20,
  f32x4Ne: 0x42,
  f32x4Gt: 0x44,
  f32x4Le: 0x45,
  or: 0x50,
  bitselect: 0x52,
  i32x4Add: 0xae,
  i32x4Mul: 0xb5,
  f32x4Sqrt: 0xe3,
  f32x4Add: 0xe4,
  f32x4Mul: 0xe6,
  f32x4Div: 0xe7,
  f32x4Max: 0xe9,
  f32x4RelaxedMadd: 0x105,
} as const

/**
 * Emits the body of one function. Instructions are methods named after their text format
 * (`i32Add` for `i32.add`); memory instructions take the byte offset and the log2 alignment;
 * structured control returns a {@link Label} that `br`/`brIf` target.
 */
export class FunctionBuilder {
  readonly code: number[] = []
  private readonly localTypes: ValType[] = []
  private readonly open: Label[] = []

  constructor(
    readonly name: string,
    readonly params: readonly ValType[],
    readonly results: readonly ValType[],
    /** Whether the module exports this function under its name. */
    readonly exported: boolean,
    /** Index of this function in the module. */
    readonly index: number,
  ) {}

  /** Declares a new local of type `type` and returns its index. */
  local(type: ValType = I32): number {
    this.localTypes.push(type)
    return this.params.length + this.localTypes.length - 1
  }

  /** Declares `count` new i32 locals and returns their indices. */
  locals<const N extends number>(count: N): Indices<N> {
    return Array.from({ length: count }, () => this.local(I32)) as Indices<N>
  }

  /** The local declarations, run-length encoded as the code section wants them. */
  localGroups(): Array<[number, ValType]> {
    const groups: Array<[number, ValType]> = []
    for (const t of this.localTypes) {
      const last = groups[groups.length - 1]
      if (last !== undefined && last[1] === t) last[0]++
      else groups.push([1, t])
    }
    return groups
  }

  private op(...bytes: number[]): this {
    for (const b of bytes) this.code.push(b)
    return this
  }

  private memarg(align: number, offset: number): this {
    writeUnsigned(this.code, align)
    writeUnsigned(this.code, offset)
    return this
  }

  private simd(opcode: number): this {
    this.code.push(0xfd)
    writeUnsigned(this.code, opcode)
    return this
  }

  // Control.
  /** Opens a `block`; branching to its label jumps past its `end`. */
  block(): Label {
    this.op(0x02, 0x40)
    return this.push()
  }
  /** Opens a `loop`; branching to its label jumps back to its start. */
  loop(): Label {
    this.op(0x03, 0x40)
    return this.push()
  }
  /** Opens an `if` on the i32 on the stack. */
  if(): Label {
    this.op(0x04, 0x40)
    return this.push()
  }
  else(): this {
    return this.op(0x05)
  }
  /** Closes the innermost open block, loop or if. */
  end(): this {
    if (this.open.pop() === undefined) {
      throw new StateError('wasm assembler', `${this.name}: end without an open block`)
    }
    return this.op(0x0b)
  }
  br(label: Label): this {
    this.op(0x0c)
    writeUnsigned(this.code, this.depthOf(label))
    return this
  }
  brIf(label: Label): this {
    this.op(0x0d)
    writeUnsigned(this.code, this.depthOf(label))
    return this
  }
  return(): this {
    return this.op(0x0f)
  }
  call(fn: FunctionBuilder): this {
    this.op(0x10)
    writeUnsigned(this.code, fn.index)
    return this
  }
  /** `select`: the first operand if the i32 on top is non-zero, else the second. */
  select(): this {
    return this.op(0x1b)
  }

  private push(): Label {
    const label = { depth: this.open.length }
    this.open.push(label)
    return label
  }

  private depthOf(label: Label): number {
    const at = this.open.lastIndexOf(label)
    if (at < 0) {
      throw new StateError(
        'wasm assembler',
        `${this.name}: branch to a label that is not open`,
        'branch only to enclosing blocks and loops',
      )
    }
    return this.open.length - 1 - at
  }

  // Variables.
  get(local: number): this {
    this.op(0x20)
    writeUnsigned(this.code, local)
    return this
  }
  set(local: number): this {
    this.op(0x21)
    writeUnsigned(this.code, local)
    return this
  }
  tee(local: number): this {
    this.op(0x22)
    writeUnsigned(this.code, local)
    return this
  }

  // Memory.
  i32Load(offset = 0, align = 2): this {
    return this.op(0x28).memarg(align, offset)
  }
  f32Load(offset = 0, align = 2): this {
    return this.op(0x2a).memarg(align, offset)
  }
  i32Store(offset = 0, align = 2): this {
    return this.op(0x36).memarg(align, offset)
  }
  f32Store(offset = 0, align = 2): this {
    return this.op(0x38).memarg(align, offset)
  }
  /** `memory.fill` of `[dest, value, bytes]` on the stack. */
  memoryFill(): this {
    return this.op(0xfc, 0x0b, 0x00)
  }
  /** `memory.copy` of `[dest, src, bytes]` on the stack. */
  memoryCopy(): this {
    return this.op(0xfc, 0x0a, 0x00, 0x00)
  }

  // Constants.
  i32Const(value: number): this {
    this.op(0x41)
    writeSigned(this.code, value)
    return this
  }
  f32Const(value: number): this {
    this.op(0x43)
    const bytes = new Uint8Array(Float32Array.of(value).buffer)
    for (const b of bytes) this.code.push(b)
    return this
  }

  // i32 arithmetic and comparison.
  i32Eqz(): this {
    return this.op(0x45)
  }
  i32Eq(): this {
    return this.op(0x46)
  }
  i32Ne(): this {
    return this.op(0x47)
  }
  i32LtS(): this {
    return this.op(0x48)
  }
  i32GtS(): this {
    return this.op(0x4a)
  }
  i32LeS(): this {
    return this.op(0x4c)
  }
  i32GeS(): this {
    return this.op(0x4e)
  }
  i32Add(): this {
    return this.op(0x6a)
  }
  i32Sub(): this {
    return this.op(0x6b)
  }
  i32Mul(): this {
    return this.op(0x6c)
  }
  i32DivS(): this {
    return this.op(0x6d)
  }
  i32And(): this {
    return this.op(0x71)
  }
  i32Or(): this {
    return this.op(0x72)
  }
  i32Shl(): this {
    return this.op(0x74)
  }
  i32ShrS(): this {
    return this.op(0x75)
  }

  // f32 arithmetic and comparison.
  f32Ne(): this {
    return this.op(0x5c)
  }
  f32Gt(): this {
    return this.op(0x5e)
  }
  f32Le(): this {
    return this.op(0x5f)
  }
  f32Sqrt(): this {
    return this.op(0x91)
  }
  f32Add(): this {
    return this.op(0x92)
  }
  f32Mul(): this {
    return this.op(0x94)
  }
  f32Div(): this {
    return this.op(0x95)
  }
  f32Max(): this {
    return this.op(0x97)
  }
  f32ConvertI32S(): this {
    return this.op(0xb2)
  }

  // SIMD128.
  v128Load(offset = 0, align = 2): this {
    return this.simd(SIMD.load).memarg(align, offset)
  }
  v128Store(offset = 0, align = 2): this {
    return this.simd(SIMD.store).memarg(align, offset)
  }
  /** Loads one f32 and splats it into all four lanes. */
  v128Load32Splat(offset = 0, align = 2): this {
    return this.simd(SIMD.load32Splat).memarg(align, offset)
  }
  /** `v128.const` of four i32 lanes. */
  v128ConstI32(lanes: readonly [number, number, number, number]): this {
    this.simd(SIMD.const)
    for (const b of new Uint8Array(Int32Array.from(lanes).buffer)) this.code.push(b)
    return this
  }
  /** `i8x16.shuffle` of the two v128 on the stack (byte lanes 0–15 of the first, 16–31 of the second). */
  i8x16Shuffle(lanes: readonly number[]): this {
    this.simd(SIMD.shuffle)
    for (const b of lanes) this.code.push(b)
    return this
  }
  i32x4Splat(): this {
    return this.simd(SIMD.i32x4Splat)
  }
  i32x4Add(): this {
    return this.simd(SIMD.i32x4Add)
  }
  i32x4Mul(): this {
    return this.simd(SIMD.i32x4Mul)
  }
  f32x4Splat(): this {
    return this.simd(SIMD.f32x4Splat)
  }
  f32x4ReplaceLane(lane: number): this {
    this.simd(SIMD.f32x4ReplaceLane)
    this.code.push(lane)
    return this
  }
  f32x4Ne(): this {
    return this.simd(SIMD.f32x4Ne)
  }
  v128Or(): this {
    return this.simd(SIMD.or)
  }
  f32x4ExtractLane(lane: number): this {
    this.simd(SIMD.f32x4ExtractLane)
    this.code.push(lane)
    return this
  }
  f32x4Gt(): this {
    return this.simd(SIMD.f32x4Gt)
  }
  f32x4Le(): this {
    return this.simd(SIMD.f32x4Le)
  }
  /** `v128.bitselect [a, b, mask]`: bits of `a` where the mask is set, else of `b`. */
  v128Bitselect(): this {
    return this.simd(SIMD.bitselect)
  }
  f32x4Add(): this {
    return this.simd(SIMD.f32x4Add)
  }
  f32x4Mul(): this {
    return this.simd(SIMD.f32x4Mul)
  }
  f32x4Div(): this {
    return this.simd(SIMD.f32x4Div)
  }
  f32x4Sqrt(): this {
    return this.simd(SIMD.f32x4Sqrt)
  }
  f32x4Max(): this {
    return this.simd(SIMD.f32x4Max)
  }
  /** `f32x4.relaxed_madd [a, b, c]` = `a·b + c`, fused or not (relaxed-SIMD proposal). */
  f32x4RelaxedMadd(): this {
    return this.simd(SIMD.f32x4RelaxedMadd)
  }

  // Structured sugar over block/loop.
  /** `while (cond()) body()`, where `cond` pushes an i32. */
  while(cond: () => void, body: () => void): this {
    const exit = this.block()
    const top = this.loop()
    cond()
    this.i32Eqz().brIf(exit)
    body()
    this.br(top)
    this.end()
    this.end()
    return this
  }

  /**
   * `for (i = start(); i < limit(); i += step) body()` on the i32 local `i` (signed compare);
   * `step` is a constant or a function pushing the increment.
   */
  for(
    i: number,
    start: () => void,
    limit: () => void,
    step: number | (() => void),
    body: () => void,
  ): this {
    start()
    this.set(i)
    return this.while(
      () => {
        this.get(i)
        limit()
        this.i32LtS()
      },
      () => {
        body()
        this.get(i)
        if (typeof step === 'number') this.i32Const(step)
        else step()
        this.i32Add().set(i)
      },
    )
  }

  /** `if (cond()) then() else otherwise()`, where `cond` pushes an i32. */
  when(cond: () => void, then: () => void, otherwise?: () => void): this {
    cond()
    this.if()
    then()
    if (otherwise !== undefined) {
      this.else()
      otherwise()
    }
    return this.end()
  }

  /** `local += delta` for an i32 local and a constant delta. */
  inc(local: number, delta: number): this {
    return this.get(local).i32Const(delta).i32Add().set(local)
  }

  /** `local += other` for two i32 locals. */
  incBy(local: number, other: number): this {
    return this.get(local).get(other).i32Add().set(local)
  }

  /** Checks that every block was closed; called by {@link ModuleBuilder.bytes}. */
  finish(): void {
    if (this.open.length > 0) {
      throw new StateError(
        'wasm assembler',
        `${this.name}: ${this.open.length} unclosed blocks`,
        'close every block, loop and if with end()',
      )
    }
  }
}

/** Limits of the single memory a module imports as `env.memory`. */
export interface MemoryImport {
  /** Initial size in 64 KiB pages. */
  initial: number
  /** Maximum size in pages (required for shared memory). */
  maximum?: number
  /** Shared between threads (needs `maximum`). */
  shared?: boolean
}

/** Collects functions and encodes a module that imports one memory as `env.memory`. */
export class ModuleBuilder {
  private readonly functions: FunctionBuilder[] = []

  constructor(private readonly memory: MemoryImport) {}

  /** Adds a function; `exported` functions are exported under their name. */
  func(
    name: string,
    params: readonly ValType[],
    results: readonly ValType[] = [],
    exported = true,
  ): FunctionBuilder {
    if (this.functions.some((f) => f.name === name)) {
      throw new StateError(
        'wasm assembler',
        `duplicate function '${name}'`,
        'name each function once',
      )
    }
    const fn = new FunctionBuilder(name, params, results, exported, this.functions.length)
    this.functions.push(fn)
    return fn
  }

  /** The binary module. */
  bytes(): Uint8Array<ArrayBuffer> {
    const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]
    const signatures: string[] = []
    const typeOf: number[] = []
    for (const f of this.functions) {
      f.finish()
      const key = `${f.params.join(',')}:${f.results.join(',')}`
      let t = signatures.indexOf(key)
      if (t < 0) t = signatures.push(key) - 1
      typeOf.push(t)
    }
    const types: number[] = []
    writeUnsigned(types, signatures.length)
    for (const key of signatures) {
      const [params, results] = key
        .split(':')
        .map((s) => (s === '' ? [] : s.split(',').map(Number)))
      types.push(0x60)
      writeUnsigned(types, params!.length)
      types.push(...params!)
      writeUnsigned(types, results!.length)
      types.push(...results!)
    }
    writeSection(out, 1, types)

    const imports: number[] = []
    writeUnsigned(imports, 1)
    writeName(imports, 'env')
    writeName(imports, 'memory')
    imports.push(0x02)
    const { initial, maximum, shared } = this.memory
    if (shared && maximum === undefined) {
      throw new StateError('wasm assembler', 'a shared memory needs a maximum size', 'set maximum')
    }
    imports.push(maximum === undefined ? 0x00 : shared ? 0x03 : 0x01)
    writeUnsigned(imports, initial)
    if (maximum !== undefined) writeUnsigned(imports, maximum)
    writeSection(out, 2, imports)

    const funcs: number[] = []
    writeUnsigned(funcs, this.functions.length)
    for (const t of typeOf) writeUnsigned(funcs, t)
    writeSection(out, 3, funcs)

    const exported = this.functions.filter((f) => f.exported)
    const exports: number[] = []
    writeUnsigned(exports, exported.length)
    for (const f of exported) {
      writeName(exports, f.name)
      exports.push(0x00)
      writeUnsigned(exports, f.index)
    }
    writeSection(out, 7, exports)

    const code: number[] = []
    writeUnsigned(code, this.functions.length)
    for (const f of this.functions) {
      const body: number[] = []
      const groups = f.localGroups()
      writeUnsigned(body, groups.length)
      for (const [count, type] of groups) {
        writeUnsigned(body, count)
        body.push(type)
      }
      for (const b of f.code) body.push(b)
      body.push(0x0b)
      writeUnsigned(code, body.length)
      for (const b of body) code.push(b)
    }
    writeSection(out, 10, code)
    return Uint8Array.from(out)
  }
}
