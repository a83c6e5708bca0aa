/**
 * Signal propagation through a 20-layer ReLU MLP under three initializations: N(0, 1) weights
 * make activations and gradients explode, N(0, 0.01) makes them vanish, and Kaiming (He)
 * normal keeps their std of order 1 from the first layer to the last.
 *
 * Run from the repository root (after `pnpm install && pnpm build`):
 *   npx tsx packages/init/examples/signal-propagation.ts
 */
import { Generator, randn } from '@knack/core'
import { Linear, ReLU, Sequential } from '@knack/nn'
import {
  type Initializer,
  initialize,
  kaimingNormal,
  normal,
  type SignalReport,
  signalPropagation,
  zeros,
} from '../src/index'

const DEPTH = 20
const WIDTH = 128

function mlp(weights: Initializer): Sequential {
  const model = new Sequential()
  for (let i = 0; i < DEPTH; i++) {
    model.append(new Linear(WIDTH, WIDTH))
    if (i < DEPTH - 1) model.append(new ReLU())
  }
  initialize(
    model,
    [
      { match: 'weight', init: weights },
      { match: 'bias', init: zeros() },
    ],
    {
      seed: 1,
    },
  )
  return model
}

const schemes: [string, Initializer][] = [
  ['N(0, 1)', normal(0, 1)],
  ['N(0, 0.01)', normal(0, 0.01)],
  ['Kaiming', kaimingNormal({ nonlinearity: 'relu' })],
]
const batch = randn([64, WIDTH], { generator: new Generator(2) })
const reports: [string, SignalReport][] = schemes.map(([name, init]) => [
  name,
  signalPropagation(mlp(init), batch),
])

const fmt = (v: number | undefined) => (v === undefined ? '-' : v.toExponential(1)).padStart(9)
console.log(`Std of each Linear layer's output (activation) and of its gradient, ${DEPTH} layers:`)
console.log(
  `layer  ${reports.map(([name]) => `${name} act`.padStart(16) + ' grad'.padStart(10)).join('')}`,
)
const linears = reports.map(([, r]) => r.layers.filter((l) => l.type === 'Linear'))
for (let i = 0; i < DEPTH; i++) {
  const cells = linears.map((layers) => {
    const l = layers[i]!
    return `${fmt(l.activation.std).padStart(16)} ${fmt(l.gradient?.std)}`
  })
  console.log(`${String(i + 1).padStart(5)}  ${cells.join('')}`)
}
for (const [name, report] of reports) {
  const flags = new Set(report.flagged.flatMap((l) => l.flags))
  const verdict = flags.size === 0 ? 'no layer flagged' : [...flags].join(', ')
  console.log(
    `${name}: ${report.flagged.length} of ${report.layers.length} layers flagged (${verdict})`,
  )
}
