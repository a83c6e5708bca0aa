import { describe, expect, it } from 'vitest'
import { DEFAULT_ARGS, HELP, parseArgs } from './args'

describe('demo arguments', () => {
  it('defaults, flags with values and with =', () => {
    expect(parseArgs([])).toEqual(DEFAULT_ARGS)
    expect(
      parseArgs(['--epochs', '3', '--seed=7', '--width', '8', '--out', '/tmp/x', '--ablate']),
    ).toEqual({
      epochs: 3,
      seed: 7,
      width: 8,
      out: '/tmp/x',
      ablate: true,
      help: false,
    })
    expect(parseArgs(['-h']).help).toBe(true)
  })

  it('rejects bad values and unknown options with a pointer to --help', () => {
    expect(() => parseArgs(['--epochs', '0'])).toThrow(
      /--epochs needs an integer ≥ 1, got 0 \(help: see --help\)/,
    )
    expect(() => parseArgs(['--width'])).toThrow(/got nothing/)
    expect(() => parseArgs(['--fast'])).toThrow(/unknown option --fast/)
  })

  it('documents every flag', () => {
    for (const flag of ['--epochs', '--seed', '--width', '--out', '--ablate', '--help'])
      expect(HELP).toContain(flag)
  })
})
