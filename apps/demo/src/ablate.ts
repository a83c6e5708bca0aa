import { join } from 'node:path'
import type { MnistSplits } from '@knack/data'
import { type RunResult, runDemo } from './run'
import { ALL_TRICKS, TRICK_DESCRIPTIONS, TRICKS, type TrickSet, without } from './tricks'

/** One row of the ablation table. */
export interface AblationRow {
  variant: string
  result: RunResult
}

/** Formats the ablation rows as a text table. */
export function formatAblation(rows: readonly AblationRow[]): string {
  const header = ['variant', 'test acc', 'best epoch', 'epochs', 'time']
  const body = rows.map(({ variant, result }) => [
    variant,
    `${(result.testAccuracy * 100).toFixed(2)}%`,
    String(result.bestEpoch),
    String(result.epochsRun),
    `${result.seconds.toFixed(0)}s`,
  ])
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((r) => r[c]!.length)))
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n')
}

/** Runs the full stack, then the stack without each trick in turn. */
export async function ablate(
  base: { epochs: number; seed: number; width: number; runDir: string },
  data: MnistSplits,
  report: (line: string) => void,
): Promise<AblationRow[]> {
  const variants: [string, TrickSet][] = [
    ['all tricks', ALL_TRICKS],
    ...TRICKS.map((t): [string, TrickSet] => [
      `without ${t} (${TRICK_DESCRIPTIONS[t].off})`,
      without(t),
    ]),
  ]
  const rows: AblationRow[] = []
  for (const [index, [variant, tricks]] of variants.entries()) {
    report(`[${index + 1}/${variants.length}] ${variant} …`)
    const result = await runDemo(
      { ...base, tricks, runDir: join(base.runDir, `variant-${index}`), stream: null },
      data,
    )
    report(
      `    test accuracy ${(result.testAccuracy * 100).toFixed(2)}% in ${result.seconds.toFixed(0)}s`,
    )
    rows.push({ variant, result })
  }
  return rows
}
