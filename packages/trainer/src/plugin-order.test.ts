import type { Plugin } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { describePluginOrder, resolvePluginOrder } from './plugin-order'

const p = (name: string, extra: Partial<Plugin> = {}): Plugin => ({
  name,
  stateKey: name,
  ...extra,
})
const names = (plugins: Plugin[]) => resolvePluginOrder(plugins).map((x) => x.name)

describe('plugin order', () => {
  it('orders by phase, then priority, then registration', () => {
    expect(
      names([
        p('ckpt', { phase: 'checkpoint' }),
        p('stop', { phase: 'stopping' }),
        p('lrB', { phase: 'lr', priority: 1 }),
        p('lrA', { phase: 'lr', priority: -1 }),
        p('setup1'),
        p('metrics', { phase: 'metrics' }),
        p('setup2'),
      ]),
    ).toEqual(['setup1', 'setup2', 'metrics', 'lrA', 'lrB', 'stop', 'ckpt'])
  })

  it('honours before/after across phases and ignores unknown names', () => {
    expect(names([p('a'), p('b'), p('c', { before: ['a'] })])).toEqual(['b', 'c', 'a'])
    expect(
      names([p('a', { after: ['ckpt', 'ghost'] }), p('ckpt', { phase: 'checkpoint' })]),
    ).toEqual(['ckpt', 'a'])
  })

  it('reports a cycle naming the plugins in it', () => {
    expect(() => names([p('a', { after: ['b'] }), p('b', { after: ['a'] }), p('c')])).toThrow(
      /a, b form a cycle/,
    )
  })

  it('refuses duplicate names and state keys', () => {
    expect(() => names([p('a'), p('a')])).toThrow(/two plugins are named 'a'/)
    expect(() => names([p('a'), { name: 'b', stateKey: 'a' }])).toThrow(/state key 'a'/)
  })

  it('prints the resolved order', () => {
    const text = describePluginOrder([p('ema', { phase: 'metrics', after: ['clip'] }), p('clip')])
    expect(text.split('\n')[0]).toMatch(/^ 1\. clip\s+setup\s+priority 0$/)
    expect(text.split('\n')[1]).toMatch(/2\. ema\s+metrics\s+priority 0 {2}\(after clip\)/)
  })
})
