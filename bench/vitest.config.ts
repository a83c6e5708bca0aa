import { defineConfig } from 'vitest/config'
import { knackSourceAliases } from '../vitest.shared.ts'

export default defineConfig({
  resolve: { alias: knackSourceAliases() },
  test: { include: ['src/**/*.test.ts'] },
})
