/**
 * Module hooks that let Node load tfjs-core's ES-module build (`dist/*.js`: ES syntax,
 * extensionless relative imports, in a package without `"type": "module"`), used only to
 * register TF.js's gradients; see `tfjs-runner.ts`.
 */
import { existsSync } from 'node:fs'
import type { LoadHook, ResolveHook } from 'node:module'
import { fileURLToPath } from 'node:url'

const CORE_DIST = '/@tensorflow/tfjs-core/dist/'

/** Resolves `./x` inside tfjs-core's `dist/` to `./x.js` (a file wins over a same-named folder). */
export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  const parent = context.parentURL
  if (parent?.includes(CORE_DIST) && specifier.startsWith('.') && !specifier.endsWith('.js')) {
    const file = new URL(`${specifier}.js`, parent)
    if (existsSync(fileURLToPath(file))) {
      return { url: file.href, format: 'module', shortCircuit: true }
    }
  }
  return nextResolve(specifier, context)
}

/** Loads tfjs-core's `dist/` files, except its CommonJS Node bundle, as ES modules. */
export const load: LoadHook = async (url, context, nextLoad) => {
  if (url.includes(CORE_DIST) && !url.endsWith('.node.js')) {
    return nextLoad(url, { ...context, format: 'module' })
  }
  return nextLoad(url, context)
}
