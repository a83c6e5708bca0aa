import { join, resolve } from 'node:path'
import { getBackend, KnackError } from '@knack/core'
import { mnist } from '@knack/data'
import { ablate, formatAblation } from './ablate'
import { HELP, parseArgs } from './args'
import { runDemo } from './run'
import { ALL_TRICKS, TRICK_DESCRIPTIONS, TRICKS } from './tricks'

async function main(argv: readonly string[]): Promise<void> {
  const args = parseArgs(argv)
  if (args.help) {
    process.stdout.write(HELP)
    return
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)
  const runDir = resolve(join(args.out, `${args.ablate ? 'ablate' : 'run'}-${stamp}`))
  const data = await mnist({ validation: 1000 })
  console.log(
    `Knack demo · MNIST (${data.train.length} train / ${data.validation!.length} validation / ${data.test.length} test digits) · backend ${getBackend().name}`,
  )
  if (args.ablate) {
    const rows = await ablate(
      { epochs: args.epochs, seed: args.seed, width: args.width, runDir },
      data,
      (l) => console.log(l),
    )
    console.log(`\n${formatAblation(rows)}\n\nrun folder: ${runDir}`)
    return
  }
  console.log('tricks:')
  for (const t of TRICKS) console.log(`  · ${TRICK_DESCRIPTIONS[t].on}`)
  console.log('  · checkpoints every epoch (atomic), metrics as JSONL/CSV\n')
  const result = await runDemo(
    { tricks: ALL_TRICKS, epochs: args.epochs, seed: args.seed, width: args.width, runDir },
    data,
  )
  console.log(
    `\ntest accuracy: ${(result.testAccuracy * 100).toFixed(2)}% on the ${data.test.length} held-out digits (test loss ${result.testLoss.toFixed(4)}; best epoch ${result.bestEpoch} of ${result.epochsRun}; ${result.seconds.toFixed(0)}s)`,
  )
  console.log(`run folder: ${runDir}`)
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof KnackError) {
    console.error(`error: ${error.message}`)
    process.exitCode = 2
  } else {
    throw error
  }
})
