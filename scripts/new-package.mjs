#!/usr/bin/env node
// Creates packages/<name> with the workspace's standard package.json, tsconfig, tsup and
// vitest configs. Usage: node scripts/new-package.mjs <name> "<description>" [dep ...]
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const [name, description, ...deps] = process.argv.slice(2)
if (!name || !description) {
  console.error('usage: node scripts/new-package.mjs <name> "<description>" [dep ...]')
  process.exit(2)
}
const dir = join('packages', name)
if (existsSync(dir)) {
  console.error(`${dir} exists already`)
  process.exit(2)
}
mkdirSync(join(dir, 'src'), { recursive: true })
const pkg = {
  name: `@knack/${name}`,
  version: '0.0.0',
  description,
  license: 'MIT',
  engines: { node: '>=20' },
  type: 'module',
  sideEffects: false,
  main: './dist/index.cjs',
  module: './dist/index.js',
  types: './dist/index.d.ts',
  exports: {
    '.': {
      import: { types: './dist/index.d.ts', default: './dist/index.js' },
      require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
    },
    './package.json': './package.json',
  },
  files: ['dist'],
  scripts: {
    build: 'tsup',
    test: 'vitest run',
    typecheck: 'tsc --noEmit',
    'check:package': 'publint --strict && attw --pack . --profile node16',
  },
  dependencies: Object.fromEntries(deps.map((d) => [`@knack/${d}`, 'workspace:*'])),
}
writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`)
writeFileSync(
  join(dir, 'tsconfig.json'),
  `${JSON.stringify({ extends: '../../tsconfig.base.json', include: ['src', '*.ts'] }, null, 2)}\n`,
)
writeFileSync(
  join(dir, 'tsup.config.ts'),
  `import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
})
`,
)
writeFileSync(
  join(dir, 'vitest.config.ts'),
  `import { defineConfig } from 'vitest/config'
import { knackSourceAliases } from '../../vitest.shared.ts'

export default defineConfig({
  resolve: { alias: knackSourceAliases() },
  test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
})
`,
)
console.log(`created ${dir}`)
