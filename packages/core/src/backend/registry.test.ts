import { describe, expect, it } from 'vitest'
import { ArgumentError } from '../errors'
import type { Backend } from './backend'
import { jsBackend } from './js/js-backend'
import { getBackend, listBackends, registerBackend, setBackend } from './registry'

const variant = (name: string, priority: number): Backend => ({ ...jsBackend, name, priority })

describe('backend registry', () => {
  it('starts on the js reference backend', () => {
    expect(listBackends()).toEqual(['js'])
    expect(getBackend()).toBe(jsBackend)
  })

  it('rejects an unknown name, listing the available backends', () => {
    expect(() => setBackend('webgpu')).toThrow(ArgumentError)
    expect(() => setBackend('webgpu')).toThrow(
      "setBackend: unknown backend 'webgpu' (help: available backends: js)",
    )
  })

  it('selects the highest-priority backend until one is chosen, and restores the previous', () => {
    const fast = variant('fast', 10)
    const slow = variant('slow', -1)
    registerBackend(slow)
    expect(getBackend()).toBe(jsBackend)
    registerBackend(fast)
    registerBackend(fast)
    expect(listBackends()).toEqual(['js', 'slow', 'fast'])
    expect(getBackend()).toBe(fast)
    expect(setBackend('slow')).toBe(fast)
    expect(getBackend()).toBe(slow)
    const custom = variant('custom', 0)
    expect(setBackend(custom)).toBe(slow)
    expect(getBackend()).toBe(custom)
    expect(listBackends()).toContain('custom')
    setBackend('js')
    expect(getBackend()).toBe(jsBackend)
  })

  it('refuses a second, different backend under a taken name, and a nameless one', () => {
    expect(() => registerBackend(variant('js', 5))).toThrow(/already registered/)
    expect(() => setBackend(variant('js', 5))).toThrow(ArgumentError)
    expect(() => registerBackend(variant('', 5))).toThrow(/no name/)
    expect(getBackend()).toBe(jsBackend)
  })
})
