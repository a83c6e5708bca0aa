import { Generator } from './generator'

const defaultGenerator = new Generator()

/**
 * The process-wide generator that every random function uses when no `generator` is passed.
 * Starts from PyTorch's default seed 67280421310721; reseed it with {@link manualSeed}.
 */
export function getDefaultGenerator(): Generator {
  return defaultGenerator
}

/**
 * Reseeds the default generator in place (like `torch.manual_seed`) and returns it, so that
 * everything random that follows is reproducible.
 */
export function manualSeed(seed: number): Generator {
  return defaultGenerator.manualSeed(seed)
}
