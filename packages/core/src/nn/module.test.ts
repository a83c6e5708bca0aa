import { describe, expect, it } from 'vitest'
import { ArgumentError, StateError } from '../errors'
import { Tensor } from '../tensor'
import fixture from './fixtures/module-names.json'
import { Module, type StateDict } from './module'
import { Parameter } from './parameter'

/** A float32 tensor holding `start, start + 1, …`. */
function values(shape: number[], start = 0): Tensor {
  const n = shape.reduce((a, b) => a * b, 1)
  return new Tensor(
    Float32Array.from({ length: n }, (_, i) => start + i),
    shape,
  )
}

function filled(shape: number[], value: number): Tensor {
  return values(shape).fill_(value)
}

/** Elementwise affine layer with a `[out, in]` weight, named like `nn.Linear`. */
class TinyLinear extends Module<[Tensor], Tensor> {
  weight: Parameter
  bias: Parameter | null

  constructor(inFeatures: number, outFeatures: number, bias = true, start = 0) {
    super()
    this.weight = new Parameter(values([outFeatures, inFeatures], start))
    this.bias = bias ? new Parameter(values([outFeatures], start)) : null
  }

  forward(x: Tensor): Tensor {
    const y = x.mul(this.weight.sum())
    return this.bias === null ? y : y.add(this.bias.sum())
  }
}

/** Normalization with `nn.BatchNorm1d`'s parameter and buffer names (int32 step counter). */
class TinyBatchNorm extends Module<[Tensor], Tensor> {
  weight: Parameter
  bias: Parameter
  running_mean!: Tensor
  running_var!: Tensor
  num_batches_tracked!: Tensor

  constructor(features: number) {
    super()
    this.weight = new Parameter(filled([features], 1))
    this.bias = new Parameter(filled([features], 0))
    this.registerBuffer('running_mean', filled([features], 0))
    this.registerBuffer('running_var', filled([features], 1))
    this.registerBuffer('num_batches_tracked', new Tensor(Int32Array.of(0), []))
  }

  forward(x: Tensor): Tensor {
    if (this.training) this.num_batches_tracked.data[0]! += 1
    return x.sub(this.running_mean).mul(this.weight).add(this.bias)
  }
}

class Block extends Module<[Tensor], Tensor> {
  fc = new TinyLinear(3, 4)
  bn = new TinyBatchNorm(4)
  mask!: Tensor

  constructor() {
    super()
    this.registerBuffer('mask', filled([4], 1), false)
  }

  forward(x: Tensor): Tensor {
    return this.bn.forward(this.fc.forward(x))
  }
}

/** A container registering its items as children `'0'`, `'1'`, … (like `nn.ModuleList`). */
class List<M extends Module> extends Module<[], M[]> {
  constructor(items: M[]) {
    super()
    items.forEach((item, i) => {
      this.registerModule(String(i), item)
    })
  }

  forward(): M[] {
    return this.children() as M[]
  }
}

/** The model of fixtures/module-names.py. */
class Net extends Module<[Tensor], Tensor> {
  scale = new Parameter(filled([1], 1))
  layers = new List([new Block(), new Block()])
  head = new TinyLinear(4, 2)
  shared = this.head
  steps!: Tensor

  constructor() {
    super()
    this.registerBuffer('steps', filled([1], 0))
  }

  forward(x: Tensor): Tensor {
    let y = x.mul(this.scale)
    for (const block of this.layers.forward()) y = block.forward(y)
    return this.head.forward(y)
  }
}

const names = (entries: [string, unknown][]) => entries.map(([name]) => name)

function snapshot(model: Module): Record<string, number[]> {
  const out: Record<string, number[]> = {}
  for (const [name, t] of Object.entries(model.stateDict())) out[name] = Array.from(t.data)
  return out
}

describe('Module names', () => {
  it('names parameters, buffers and modules like PyTorch, in its order', () => {
    const net = new Net()
    expect(names(net.namedParameters())).toEqual(fixture.namedParameters)
    expect(names(net.namedBuffers())).toEqual(fixture.namedBuffers)
    expect(names(net.namedModules())).toEqual(fixture.namedModules)
    expect(names(net.namedChildren())).toEqual(fixture.namedChildren)
    expect(net.numParameters()).toBe(fixture.numParameters)
  })

  it('has the state-dict keys, shapes and dtypes of PyTorch', () => {
    const state = new Net().stateDict()
    expect(
      Object.entries(state).map(([name, t]) => ({ name, shape: [...t.shape], dtype: t.dtype })),
    ).toEqual(fixture.stateDict)
  })

  it('returns the registered objects themselves from the unnamed listings', () => {
    const net = new Net()
    const block = net.layers.forward()[0]!
    expect(net.parameters()[0]).toBe(net.scale)
    expect(net.parameters().at(-1)).toBe(net.head.bias)
    expect(net.buffers()[0]).toBe(net.steps)
    expect(net.children()).toEqual([net.layers, net.head])
    expect(net.modules()[2]).toBe(block)
    expect(block.buffers()).toEqual([
      block.mask,
      block.bn.running_mean,
      block.bn.running_var,
      block.bn.num_batches_tracked,
    ])
  })

  it('applies a prefix and lists only its own entries without recursion', () => {
    const net = new Net()
    expect(names(net.namedParameters('model', false))).toEqual(['model.scale'])
    expect(names(net.namedBuffers('', false))).toEqual(['steps'])
    expect(names(net.head.namedParameters('head'))).toEqual(['head.weight', 'head.bias'])
    expect(names(net.layers.namedModules('layers')).slice(0, 3)).toEqual([
      'layers',
      'layers.0',
      'layers.0.fc',
    ])
    expect(net.parameters(false)).toEqual([net.scale])
    expect(net.buffers(false)).toEqual([net.steps])
  })

  it('orders children named 0, 1, … numerically', () => {
    const list = new List(Array.from({ length: 12 }, (_, i) => new TinyLinear(1, 1, false, i)))
    const expected = Array.from({ length: 12 }, (_, i) => `${i}.weight`)
    expect(names(list.namedParameters())).toEqual(expected)
    expect(list.parameters().map((p) => p.data[0])).toEqual(Array.from({ length: 12 }, (_, i) => i))
  })

  it('follows fields assigned after construction', () => {
    const net = new Net()
    const extra = new Parameter(filled([2], 3))
    Object.assign(net, { extra })
    expect(names(net.namedParameters(undefined, false))).toEqual(['scale', 'extra'])
    net.head.bias = null
    expect(names(net.head.namedParameters())).toEqual(['weight'])
    expect(Object.keys(net.stateDict())).not.toContain('head.bias')
    net.steps = filled([1], 9)
    expect(net.stateDict().steps!.data[0]).toBe(9)
  })

  it('does not discover modules inside plain arrays', () => {
    class Holder extends Module<[], void> {
      items = [new TinyLinear(1, 1)]
      forward(): void {}
    }
    expect(new Holder().parameters()).toEqual([])
  })

  it('refuses names that are invalid or already taken', () => {
    const net = new Net()
    const p = new Parameter(filled([1], 0))
    expect(() => net.registerParameter('a.b', p)).toThrow(ArgumentError)
    expect(() => net.registerParameter('', p)).toThrow(/invalid name ""/)
    expect(() => net.registerBuffer('train', filled([1], 0))).toThrow(
      /registerBuffer: 'train' is already a method or property of Net/,
    )
    expect(() => net.registerBuffer('scale', filled([1], 0))).toThrow(
      /'scale' already holds a Parameter on Net/,
    )
    expect(() => net.registerParameter('steps', p)).toThrow(/'steps' already holds a tensor/)
    expect(() => net.registerModule('training', new TinyLinear(1, 1))).toThrow(
      /'training' already holds a boolean/,
    )
    expect(() => net.registerBuffer('b', p)).toThrow(/must be a plain tensor, got a Parameter/)
    expect(() => net.registerParameter('q', filled([1], 0) as Parameter)).toThrow(
      /must be a Parameter, got a tensor/,
    )
    expect(names(net.namedParameters(undefined, false))).toEqual(['scale'])
  })

  it('re-registers a name of the same kind and declares absent entries with null', () => {
    const net = new Net()
    const scale = new Parameter(filled([1], 2))
    net.registerParameter('scale', scale)
    expect(net.scale).toBe(scale)
    net.registerBuffer('steps', null)
    expect(names(net.namedBuffers(undefined, false))).toEqual([])
    net.registerBuffer('steps', filled([1], 4), false)
    expect(names(net.namedBuffers(undefined, false))).toEqual(['steps'])
    expect(Object.keys(net.stateDict())).not.toContain('steps')
    net.registerModule('head', null)
    expect(names(net.namedChildren())).toEqual(['layers', 'shared'])
  })

  it('lists a shared parameter once but saves it under each name', () => {
    const a = new TinyLinear(2, 2)
    const b = new TinyLinear(2, 2)
    b.weight = a.weight
    const pair = new List([a, b])
    expect(names(pair.namedParameters())).toEqual(['0.weight', '0.bias', '1.bias'])
    expect(Object.keys(pair.stateDict())).toEqual(['0.weight', '0.bias', '1.weight', '1.bias'])
    expect(pair.numParameters()).toBe(8)
  })
})

describe('Module modes and gradients', () => {
  it('propagates train and eval to every descendant', () => {
    const net = new Net()
    expect(net.modules().every((m) => m.training)).toBe(true)
    expect(net.eval()).toBe(net)
    expect(net.modules().map((m) => m.training)).toEqual(net.modules().map(() => false))
    net.layers.train()
    expect(net.training).toBe(false)
    expect(net.layers.modules().every((m) => m.training)).toBe(true)
    expect(
      net
        .train(true)
        .modules()
        .every((m) => m.training),
    ).toBe(true)
  })

  it('calls an overridden train on children', () => {
    class Frozen extends TinyBatchNorm {
      override train(): this {
        return super.train(false)
      }
    }
    const parent = new List([new Frozen(2), new TinyBatchNorm(2)])
    parent.train()
    expect(parent.children().map((m) => m.training)).toEqual([false, true])
  })

  it('applies a function to children before their parents', () => {
    const net = new Net()
    const visited: Module[] = []
    expect(net.apply((m) => visited.push(m))).toBe(net)
    const byModule = new Map(net.namedModules().map(([name, m]) => [m, name]))
    expect(visited.map((m) => byModule.get(m))).toEqual([
      'layers.0.fc',
      'layers.0.bn',
      'layers.0',
      'layers.1.fc',
      'layers.1.bn',
      'layers.1',
      'layers',
      'head',
      '',
    ])
  })

  it('sets gradients to null with zeroGrad', () => {
    const net = new Net()
    net
      .forward(values([2, 4], 1))
      .sum()
      .backward()
    expect(net.parameters().every((p) => p.grad !== null)).toBe(true)
    net.zeroGrad()
    expect(net.parameters().every((p) => p.grad === null)).toBe(true)
  })

  it('freezes and unfreezes parameters with requiresGrad_', () => {
    const net = new Net()
    expect(net.layers.requiresGrad_(false)).toBe(net.layers)
    expect(net.numParameters(true)).toBe(1 + 4 * 2 + 2)
    net
      .forward(values([2, 4], 1))
      .sum()
      .backward()
    expect(net.layers.parameters().every((p) => p.grad === null)).toBe(true)
    expect(net.head.weight.grad).not.toBeNull()
    net.requiresGrad_()
    expect(net.numParameters(true)).toBe(net.numParameters())
  })
})

describe('Module state', () => {
  it('saves copies that do not alias the model', () => {
    const net = new Net()
    const state = net.stateDict()
    const weight = state['layers.0.fc.weight']!
    expect(weight).not.toBe(net.layers.forward()[0]!.fc.weight)
    expect(weight).not.toBeInstanceOf(Parameter)
    expect(weight.requiresGrad).toBe(false)
    weight.data[0] = 100
    expect(net.layers.forward()[0]!.fc.weight.data[0]).toBe(0)
    expect(net.stateDict()['layers.0.fc.weight']!.data[0]).toBe(0)
  })

  it('keeps int32 buffers int32 when saving and loading', () => {
    const net = new Net()
    const state = net.stateDict()
    expect(state['layers.1.bn.num_batches_tracked']!.dtype).toBe('int32')
    state['layers.1.bn.num_batches_tracked'] = new Tensor(Float32Array.of(7), [])
    net.loadStateDict(state)
    const counter = net.layers.forward()[1]!.bn.num_batches_tracked
    expect(counter.dtype).toBe('int32')
    expect(counter.data[0]).toBe(7)
  })

  it('round-trips through stateDict and loadStateDict, in place', () => {
    const source = new Net()
    source.forward(values([2, 4], 1))
    for (const p of source.parameters()) p.fill_(p.size / 10)
    const target = new Net()
    const weight = target.head.weight
    const result = target.loadStateDict(source.stateDict())
    expect(result).toEqual({ missingKeys: [], unexpectedKeys: [] })
    expect(snapshot(target)).toEqual(snapshot(source))
    expect(target.head.weight).toBe(weight)
    expect(target.layers.forward()[0]!.bn.num_batches_tracked.data[0]).toBe(1)
    source.head.weight.fill_(-1)
    expect(target.head.weight.data[0]).toBeCloseTo(0.8)
  })

  it('leaves non-persistent buffers alone when loading', () => {
    const net = new Net()
    const mask = net.layers.forward()[0]!.mask.fill_(5)
    net.loadStateDict(new Net().stateDict())
    expect(Array.from(mask.data)).toEqual([5, 5, 5, 5])
  })

  it('refuses, in strict mode, every missing, unexpected and mismatched key at once', () => {
    const net = new Net()
    const before = snapshot(net)
    const state: StateDict = new Net().stateDict()
    for (const t of Object.values(state)) t.fill_(3)
    delete state['head.bias']
    delete state['layers.1.bn.running_var']
    state['head.b'] = filled([2], 0)
    state['layers.0.fc.weight'] = filled([4, 5], 0)
    let error: unknown
    try {
      net.loadStateDict(state)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(StateError)
    expect((error as Error).message).toBe(
      'loadStateDict: the state does not fit Net, nothing was loaded: ' +
        'missing: layers.1.bn.running_var, head.bias; ' +
        'unexpected: head.b; ' +
        'shape mismatch (state vs model): layers.0.fc.weight [4,5] vs [4,3] ' +
        '(help: load a state saved from the same architecture, or remove the differing entries and pass { strict: false })',
    )
    expect(snapshot(net)).toEqual(before)
  })

  it('loads what matches and reports the rest in non-strict mode', () => {
    const net = new Net()
    const state: StateDict = {
      scale: filled([1], 4),
      'head.weight': filled([2, 4], 2),
      extra: filled([1], 0),
    }
    const result = net.loadStateDict(state, { strict: false })
    expect(result.unexpectedKeys).toEqual(['extra'])
    expect(result.missingKeys).toHaveLength(Object.keys(net.stateDict()).length - 2)
    expect(result.missingKeys).toContain('layers.0.bn.num_batches_tracked')
    expect(net.scale.data[0]).toBe(4)
    expect(Array.from(net.head.weight.data)).toEqual(new Array(8).fill(2))
    expect(net.head.bias!.data[1]).toBe(1)
  })

  it('refuses shape mismatches and non-tensors even in non-strict mode, loading nothing', () => {
    const net = new Net()
    const before = snapshot(net)
    const state = {
      scale: filled([1], 4),
      'head.weight': filled([4, 2], 2),
      'head.bias': [1, 2],
    } as unknown as StateDict
    expect(() => net.loadStateDict(state, { strict: false })).toThrow(
      /nothing was loaded: shape mismatch \(state vs model\): head\.weight \[4,2\] vs \[2,4\]; not a tensor: head\.bias \(an object\)/,
    )
    expect(snapshot(net)).toEqual(before)
  })

  it('reads every source before writing when sources alias the model', () => {
    const net = new TinyBatchNorm(2)
    net.running_mean.data.set([1, 2])
    net.running_var.data.set([3, 4])
    const state = net.stateDict()
    state.running_mean = net.running_var
    state.running_var = net.running_mean
    net.loadStateDict(state)
    expect(Array.from(net.running_mean.data)).toEqual([3, 4])
    expect(Array.from(net.running_var.data)).toEqual([1, 2])
  })
})

describe('Module forward hooks', () => {
  it('runs pre-hooks and hooks around forward, in registration order, on children too', () => {
    const net = new Net()
    const calls: string[] = []
    const byModule = new Map(net.namedModules().map(([name, m]) => [m, name]))
    const handles = net.modules().flatMap((m) => [
      m.registerForwardPreHook((module) => void calls.push(`pre ${byModule.get(module)}`)),
      m.registerForwardHook((module, _inputs, output) => {
        calls.push(`post ${byModule.get(module)} ${(output as Tensor).shape ?? ''}`)
      }),
    ])
    const y = net.forward(values([2, 4]))
    expect(y.shape).toEqual([2, 4])
    expect(calls).toEqual([
      'pre ',
      'pre layers',
      'post layers ',
      'pre layers.0',
      'pre layers.0.fc',
      'post layers.0.fc 2,4',
      'pre layers.0.bn',
      'post layers.0.bn 2,4',
      'post layers.0 2,4',
      'pre layers.1',
      'pre layers.1.fc',
      'post layers.1.fc 2,4',
      'pre layers.1.bn',
      'post layers.1.bn 2,4',
      'post layers.1 2,4',
      'pre head',
      'post head 2,4',
      'post  2,4',
    ])
    for (const handle of handles) handle.remove()
    calls.length = 0
    expect(Array.from(net.forward(values([2, 4])).data)).toEqual(Array.from(y.data))
    expect(calls).toEqual([])
  })

  it('lets a pre-hook replace the inputs and a hook replace the output', () => {
    const fc = new TinyLinear(2, 2)
    const plain = fc.forward(values([1, 2], 1))
    fc.registerForwardPreHook((_m, [x]) => [x.mul(2)])
    const doubled = fc.forward(values([1, 2], 1))
    // weight sums to 6 and bias to 1: y = 6·x + 1, with x doubled by the pre-hook
    expect(Array.from(plain.data)).toEqual([7, 13])
    expect(Array.from(doubled.data)).toEqual([13, 25])
    const seen: Tensor[] = []
    const handle = fc.registerForwardHook((_m, [x], out) => {
      seen.push(x)
      return out.neg()
    })
    expect(Array.from(fc.forward(values([1, 2], 1)).data)).toEqual([-13, -25])
    expect(Array.from(seen[0]!.data)).toEqual([2, 4])
    handle.remove()
    handle.remove()
    expect(Array.from(fc.forward(values([1, 2], 1)).data)).toEqual([13, 25])
  })

  it('keeps gradients flowing through hooked modules', () => {
    const fc = new TinyLinear(2, 2)
    fc.registerForwardHook((_m, _inputs, out) => out.mul(3))
    fc.forward(values([1, 2], 1))
      .sum()
      .backward()
    expect(Array.from(fc.bias!.grad!.data)).toEqual([6, 6])
  })

  it('does not register the wrapper as state and leaves other instances alone', () => {
    const a = new TinyLinear(2, 2)
    const b = new TinyLinear(2, 2)
    a.registerForwardHook(() => undefined)
    expect(Object.keys(a)).toEqual(Object.keys(b))
    expect(Object.keys(a.stateDict())).toEqual(['weight', 'bias'])
    expect(Object.hasOwn(b, 'forward')).toBe(false)
  })

  it('refuses a hook that is not a function and a pre-hook result that is not an array', () => {
    const fc = new TinyLinear(2, 2)
    expect(() => fc.registerForwardHook(42 as never)).toThrow(ArgumentError)
    fc.registerForwardPreHook(() => values([1, 2]) as never)
    expect(() => fc.forward(values([1, 2]))).toThrow(
      /forward pre-hook: a pre-hook of TinyLinear returned a tensor \(help: return an array/,
    )
  })
})
