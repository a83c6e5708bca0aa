import { ArgumentError, Generator, randn } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { ReLU, Tanh } from './activations'
import { Linear } from './linear'
import { Sequential } from './sequential'

const g = new Generator(4)

describe('Sequential', () => {
  it('names children 0, 1, … and chains them', () => {
    const fc1 = new Linear(3, 5, { generator: g })
    const act = new ReLU()
    const fc2 = new Linear(5, 2, { generator: g })
    const seq = new Sequential(fc1, act, fc2)
    expect(seq.namedParameters().map(([n]) => n)).toEqual([
      '0.weight',
      '0.bias',
      '2.weight',
      '2.bias',
    ])
    const x = randn([4, 3], { generator: g })
    const want = fc2.forward(act.forward(fc1.forward(x)))
    expect(Array.from(seq.forward(x).data)).toEqual(Array.from(want.data))
  })

  it('is indexable by position and name, iterable, and appendable', () => {
    const a = new Linear(2, 2)
    const b = new Tanh()
    const seq = new Sequential(a)
    expect(seq.append(b)).toBe(seq)
    expect(seq.length).toBe(2)
    expect(seq[0]).toBe(a)
    expect(seq[1]).toBe(b)
    expect(seq.at(0)).toBe(a)
    expect(seq.at(-1)).toBe(b)
    expect(seq.get('1')).toBe(b)
    expect([...seq]).toEqual([a, b])
    expect(seq.children()).toEqual([a, b])
  })

  it('names children after the keys of an object, in order', () => {
    const conv = new Linear(2, 3)
    const act = new ReLU()
    const seq = new Sequential({ fc: conv, act })
    expect(seq.namedChildren().map(([n]) => n)).toEqual(['fc', 'act'])
    expect(Object.keys(seq.stateDict())).toEqual(['fc.weight', 'fc.bias'])
    expect(seq.at(1)).toBe(act)
    expect(seq.get('fc')).toBe(conv)
    expect(seq.forward(randn([1, 2])).shape).toEqual([1, 3])
  })

  it('runs a repeated layer each time it appears', () => {
    const fc = new Linear(2, 2, { generator: g })
    const seq = new Sequential(fc, fc)
    const x = randn([1, 2], { generator: g })
    expect(Array.from(seq.forward(x).data)).toEqual(Array.from(fc.forward(fc.forward(x)).data))
    expect(seq.parameters().length).toBe(2)
  })

  it('explains bad layers, names and indices', () => {
    expect(() => new Sequential(42 as never)).toThrow(
      "Sequential: layer '0' must be a Module, got number",
    )
    expect(() => new Sequential({ length: new ReLU() })).toThrow(/'length' is already a method/)
    const seq = new Sequential(new ReLU())
    expect(() => seq.at(1)).toThrow('Sequential.at: index 1 is out of range for 1 layers')
    expect(() => seq.at(0.5)).toThrow(ArgumentError)
    expect(() => seq.get('fc')).toThrow("Sequential.get: no layer is named 'fc'")
    expect(new Sequential().forward(randn([2]))).toBeDefined()
  })
})
