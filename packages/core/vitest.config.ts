import { defineConfig } from 'vitest/config'
import { knackSourceAliases } from '../../vitest.shared.ts'

export default defineConfig({
  resolve: { alias: knackSourceAliases() },
  // Worker-thread tests can be slow when the machine is busy (turbo runs packages in parallel).
  test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 60_000 },
})
