import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { MatmulPlan, TrainPlan } from './spec'

/** Debian's Python, which has `python3-torch` (not the `python3` first on PATH). */
export const PYTHON = '/usr/bin/python3'

/** The PyTorch runner script. */
export const PYTORCH_SCRIPT = fileURLToPath(new URL('../pytorch/run.py', import.meta.url))

/** OpenBLAS tuning variables removed from the PyTorch runner's environment. */
export const UNSET_FOR_PYTORCH = ['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE'] as const

/** `env` without the variables in {@link UNSET_FOR_PYTORCH} (like `env -u … -u …`). */
export function pytorchEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out = { ...env }
  for (const name of UNSET_FOR_PYTORCH) delete out[name]
  return out
}

/** Whether {@link PYTHON} exists and can `import torch`. */
export function pytorchAvailable(): boolean {
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { env: pytorchEnv(), stdio: 'ignore' })
  return probe.status === 0
}

/**
 * Arguments of {@link PYTORCH_SCRIPT} for one workload plan (a list of plans for W3); without
 * `threads`, PyTorch uses every core.
 */
export function pytorchArgs(
  specPath: string,
  dataDir: string,
  plan: TrainPlan | MatmulPlan[],
  threads?: number,
): string[] {
  const args = [
    PYTORCH_SCRIPT,
    '--spec',
    specPath,
    '--data-dir',
    dataDir,
    '--plan',
    JSON.stringify(plan),
  ]
  if (threads !== undefined) args.push('--threads', String(threads))
  return args
}
