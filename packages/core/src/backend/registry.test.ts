import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ArgumentError } from '../errors'
import type { Backend } from './backend'
import { jsBackend } from './js/js-backend'
import { getBackend, listBackends, registerBackend, setBackend } from './registry'

const variant = (name: string, priority: number): Backend => ({ ...jsBackend, name, priority })

/** Runs `code` in a fresh Node process with `env` added, importing the backend API as `r`. */
function inFreshProcess(code: string, env: Record<string, string>) {
  const registry = fileURLToPath(new URL('./index.ts', import.meta.url))
  const script = `import * as r from ${JSON.stringify(registry)}\n${code}`
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, KNACK_BACKEND: '', ...env },
  })
}

describe('backend registry', () => {
  it('selects wasm automatically where WebAssembly SIMD runs, with js still available', () => {
    // A fresh process has chosen nothing: the automatic choice.
    const child = inFreshProcess('console.log(r.getBackend().name)', {})
    expect(child.stdout.trim()).toBe('wasm')
    expect(listBackends()).toEqual(['js', 'wasm'])
    const previous = setBackend('wasm')
    const wasm = getBackend()
    expect(wasm.name).toBe('wasm')
    expect(setBackend('js')).toBe(wasm)
    expect(getBackend()).toBe(jsBackend)
    setBackend(previous)
  })

  it('rejects an unknown name, listing the available backends', () => {
    expect(() => setBackend('webgpu')).toThrow(ArgumentError)
    expect(() => setBackend('webgpu')).toThrow(
      "setBackend: unknown backend 'webgpu' (help: available backends: js, wasm)",
    )
  })

  it('refuses a second, different backend under a taken name, and a nameless one', () => {
    const before = getBackend()
    expect(() => registerBackend(variant('js', 5))).toThrow(/already registered/)
    expect(() => setBackend(variant('wasm', 5))).toThrow(ArgumentError)
    expect(() => registerBackend(variant('', 5))).toThrow(/no name/)
    expect(getBackend()).toBe(before)
  })

  it('lets a chosen backend win over priorities, and restores the previous one', () => {
    const fast = variant('fast', 100)
    const slow = variant('slow', -1)
    registerBackend(slow)
    registerBackend(fast)
    registerBackend(fast)
    expect(listBackends()).toEqual(['js', 'wasm', 'slow', 'fast'])
    const before = getBackend()
    expect(setBackend('slow')).toBe(before)
    expect(getBackend()).toBe(slow)
    const custom = variant('custom', 0)
    expect(setBackend(custom)).toBe(slow)
    expect(getBackend()).toBe(custom)
    expect(listBackends()).toContain('custom')
    setBackend(before)
  })

  it('picks the highest priority when nothing was chosen, in a fresh process', () => {
    const child = inFreshProcess(
      [
        "r.registerBackend({ ...r.jsBackend, name: 'fast', priority: 100 })",
        'console.log(r.getBackend().name, r.listBackends().join())',
      ].join('\n'),
      {},
    )
    expect(child.stderr).toBe('')
    expect(child.stdout.trim()).toBe('fast js,fast,wasm')
  })

  it('honours KNACK_BACKEND, and fails every op on an unknown name until one is set', () => {
    const js = inFreshProcess('console.log(r.getBackend().name, r.listBackends().join())', {
      KNACK_BACKEND: 'js',
    })
    expect(js.stdout.trim()).toBe('js js,wasm')
    const unknown = inFreshProcess(
      [
        'for (let i = 0; i < 2; i++) { try { r.getBackend() } catch (e) { console.log(e.message) } }',
        "r.setBackend('wasm')",
        'console.log(r.getBackend().name)',
      ].join('\n'),
      { KNACK_BACKEND: 'gpu' },
    )
    const lines = unknown.stdout.trim().split('\n')
    expect(lines[0]).toBe(
      "KNACK_BACKEND: unknown backend 'gpu' (help: available backends: js, wasm; unset KNACK_BACKEND for automatic selection)",
    )
    expect(lines[1]).toBe(lines[0])
    expect(lines[2]).toBe('wasm')
  })
  it('reports a malformed KNACK_THREADS instead of silently falling back to js', () => {
    const child = inFreshProcess(
      'try { r.getBackend() } catch (e) { console.log(e.message) }\nconsole.log(r.listBackends().join())',
      { KNACK_THREADS: '0' },
    )
    expect(child.stdout.trim().split('\n')).toEqual([
      "createWasmBackend: KNACK_THREADS must be a positive integer, got '0' (help: set KNACK_THREADS=1 for single-threaded kernels)",
      'js',
    ])
  })
})
