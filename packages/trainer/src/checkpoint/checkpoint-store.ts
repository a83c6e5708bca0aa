import { readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import {
  decodeSafetensors,
  encodeSafetensors,
  FormatError,
  KnackError,
  type TrainingSnapshot,
} from '@knack/core'
import { writeFileAtomic } from './atomic-write'
import { decodeState, encodeState } from './state-codec'

const MODEL_FILE = 'model.safetensors'
const STATE_FILE = 'state.json'
/** The pointer file naming the newest complete checkpoint of a directory. */
export const LATEST_FILE = 'latest.json'

/**
 * Saves `snapshot` as `dir/name/` holding `model.safetensors` (the model's state dict, loadable
 * by PyTorch's safetensors) and `state.json` (step, epoch, RNG, optimizer and plugin states,
 * tensors as base64). Both files are written atomically, the state last, and `latest.json` is
 * updated only after both are complete, so an interrupted save leaves the previous checkpoint
 * as the one that loads.
 */
export async function saveCheckpoint(
  dir: string,
  name: string,
  snapshot: TrainingSnapshot,
): Promise<string> {
  const folder = join(dir, name)
  const { model, ...rest } = snapshot
  await writeFileAtomic(
    join(folder, MODEL_FILE),
    encodeSafetensors(model, {
      format: 'pt',
      step: String(snapshot.step),
      epoch: String(snapshot.epoch),
    }),
  )
  await writeFileAtomic(join(folder, STATE_FILE), JSON.stringify(encodeState(rest)))
  await writeFileAtomic(
    join(dir, LATEST_FILE),
    JSON.stringify({ name, step: snapshot.step, epoch: snapshot.epoch }),
  )
  return folder
}

/**
 * Loads a checkpoint: `path` is a checkpoint folder, or a checkpoint directory whose
 * `latest.json` names the newest complete one.
 */
export async function loadCheckpoint(path: string): Promise<TrainingSnapshot> {
  let folder = path
  const latest = await readFile(join(path, LATEST_FILE), 'utf8').catch(() => null)
  if (latest !== null) folder = join(path, (JSON.parse(latest) as { name: string }).name)
  let modelBytes: Uint8Array
  let stateText: string
  try {
    modelBytes = new Uint8Array(await readFile(join(folder, MODEL_FILE)))
    stateText = await readFile(join(folder, STATE_FILE), 'utf8')
  } catch (cause) {
    throw new KnackError(
      'loadCheckpoint',
      `no complete checkpoint at ${path}`,
      `point to a folder holding ${MODEL_FILE} and ${STATE_FILE}, or to a directory with ${LATEST_FILE}`,
      { cause },
    )
  }
  let rest: Omit<TrainingSnapshot, 'model'>
  try {
    rest = decodeState(JSON.parse(stateText)) as Omit<TrainingSnapshot, 'model'>
  } catch (cause) {
    if (cause instanceof KnackError) throw cause
    throw new FormatError(
      'loadCheckpoint',
      `${join(folder, STATE_FILE)} is not valid JSON`,
      undefined,
      { cause },
    )
  }
  if (rest.version !== 1) {
    throw new FormatError(
      'loadCheckpoint',
      `unsupported checkpoint version ${String(rest.version)}`,
      'expected 1',
    )
  }
  return { ...rest, model: decodeSafetensors(modelBytes).tensors }
}

/** Names of the checkpoint folders in `dir` whose name starts with `prefix`, sorted. */
export async function listCheckpoints(dir: string, prefix: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  return entries
    .filter((e) => e.isDirectory() && e.name.startsWith(prefix))
    .map((e) => e.name)
    .sort()
}

/** Removes a checkpoint folder. */
export async function removeCheckpoint(dir: string, name: string): Promise<void> {
  await rm(join(dir, name), { recursive: true, force: true })
}
