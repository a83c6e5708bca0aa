import { ArgumentError } from '@knack/core'

/** A framework and backend the harness runs, e.g. Knack on `wasm` or TF.js on `cpu`. */
export interface Target {
  framework: 'knack' | 'tfjs' | 'pytorch'
  backend: string
}

/** `framework-backend`, the name used on the command line and in tables. */
export function targetName(t: Target): string {
  return `${t.framework}-${t.backend}`
}

/**
 * The order targets run in for every workload, alternating frameworks: Knack's first backend,
 * TF.js cpu, TF.js wasm, Knack's other backends, then PyTorch when present.
 */
export function targetOrder(knackBackends: readonly string[], withPytorch: boolean): Target[] {
  const [first, ...rest] = knackBackends
  const out: Target[] = []
  if (first !== undefined) out.push({ framework: 'knack', backend: first })
  out.push({ framework: 'tfjs', backend: 'cpu' }, { framework: 'tfjs', backend: 'wasm' })
  for (const b of rest) out.push({ framework: 'knack', backend: b })
  if (withPytorch) out.push({ framework: 'pytorch', backend: 'cpu' })
  return out
}

/** Parses `knack-js`, `tfjs-wasm`, `pytorch-cpu`, … */
export function parseTarget(name: string): Target {
  const dash = name.indexOf('-')
  const framework = name.slice(0, dash)
  const backend = name.slice(dash + 1)
  if (dash < 1 || backend === '' || !['knack', 'tfjs', 'pytorch'].includes(framework)) {
    throw new ArgumentError(
      'bench',
      `cannot read target '${name}'`,
      'write framework-backend, e.g. knack-js, tfjs-cpu, tfjs-wasm, pytorch-cpu',
    )
  }
  return { framework: framework as Target['framework'], backend }
}

/**
 * The workloads a comma-separated selection names, in the spec's order: each token is a full
 * name (`W1_mlp`) or its prefix before the first underscore (`W1`). Empty selects all.
 */
export function selectWorkloads(all: readonly string[], selection: string | undefined): string[] {
  if (selection === undefined || selection.trim() === '') return [...all]
  const tokens = selection
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '')
  for (const token of tokens) {
    if (!all.some((name) => name === token || name.split('_')[0] === token)) {
      throw new ArgumentError(
        'bench',
        `--workloads names '${token}', which the spec does not define`,
        `choose among ${all.join(', ')} (or W1, W2, …)`,
      )
    }
  }
  return all.filter((name) => tokens.some((t) => name === t || name.split('_')[0] === t))
}
