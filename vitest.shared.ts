import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('.', import.meta.url))

/**
 * Maps every `@knack/<name>` workspace package to its `src/index.ts`, so a test never runs
 * a stale `dist` of a sibling package.
 */
export function knackSourceAliases(): Record<string, string> {
  const aliases: Record<string, string> = {}
  for (const dir of readdirSync(join(root, 'packages'))) {
    aliases[`@knack/${dir}`] = join(root, 'packages', dir, 'src', 'index.ts')
  }
  return aliases
}
