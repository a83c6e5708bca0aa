// Runs the built @knack/core (dist/index.js, exactly what npm installs) in headless Chromium and
// checks there what the Node tests check: the wasm backend is chosen automatically, starts its
// worker threads on a cross-origin isolated page (and runs on the calling thread alone on a
// page that is not), and agrees with the js reference on a product, the fused convolution
// block with its gradients, and an Adam step.
// Usage: `pnpm build && node packages/core/scripts/browser-check.mjs [path-to-chromium]`.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'

const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url))
const browser = process.argv[2] ?? 'chromium'

const page = `<!doctype html><script type="module">
import * as k from '/knack-core.js'
const report = (result) => fetch('/result', { method: 'POST', body: JSON.stringify(result) })
try {
  const wasm = k.getBackend()
  await wasm.whenReady?.()
  const gen = new k.Generator(7)
  const rand = (shape) => k.randn(shape, { generator: gen })
  const worst = (a, b) => a.data.reduce((m, v, i) => Math.max(m, Math.abs(v - b.data[i]) / (1 + Math.abs(b.data[i]))), 0)
  const onEach = (f) => [wasm, k.jsBackend].map((be) => { const prev = k.setBackend(be); try { return f() } finally { k.setBackend(prev) } })
  const a = rand([96, 200]), b = rand([200, 72])
  const [pw, pj] = onEach(() => k.matmul(a, b))
  const x = rand([4, 3, 12, 12]), w = new k.Parameter(rand([8, 3, 3, 3])), bias = new k.Parameter(rand([8]))
  const block = () => {
    w.grad = null; bias.grad = null
    const y = k.conv2dReluMaxPool2d(x, w, bias, { padding: 1 }, { kernelSize: 2 })
    y.sum().backward()
    return [y, w.grad, bias.grad]
  }
  const [bw, bj] = onEach(block)
  const g = new Float32Array(5000).map((_, i) => Math.sin(i)), m0 = new Float32Array(5000), v0 = new Float32Array(5000)
  const adam = (be) => { const u = g.slice(); be.adam(u, m0.slice(), v0.slice(), null, { beta1: 0.9, beta2: 0.999, scale: 1, eps: 1e-8 }); return u }
  const [aw, aj] = [adam(wasm), adam(k.jsBackend)]
  report({
    crossOriginIsolated: globalThis.crossOriginIsolated,
    backend: wasm.name,
    threads: wasm.threads,
    matmul: worst(pw, pj),
    block: Math.max(...bw.map((t, i) => worst(t, bj[i]))),
    adam: aw.reduce((m, v, i) => Math.max(m, Math.abs(v - aj[i])), 0),
  })
} catch (error) {
  report({ error: String(error && error.stack || error) })
}
</script>`

const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
}

/** Loads the page in Chromium, isolated or not, and resolves with what it reports. */
function visit(isolated) {
  let child
  const result = new Promise((resolve, reject) => {
    const server = createServer((req, res) => {
      if (req.method === 'POST' && req.url === '/result') {
        let body = ''
        req.on('data', (chunk) => (body += chunk))
        req.on('end', () => {
          res.end()
          server.close()
          resolve(JSON.parse(body))
        })
        return
      }
      const js = req.url === '/knack-core.js'
      res.writeHead(200, {
        ...(isolated ? isolation : {}),
        'Content-Type': js ? 'text/javascript' : 'text/html',
      })
      res.end(js ? readFileSync(dist) : page)
    })
    server.listen(0, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${server.address().port}/`
      child = spawn(browser, ['--headless=new', '--no-sandbox', '--disable-gpu', url], {
        stdio: 'ignore',
      })
      child.on('error', reject)
    })
    setTimeout(() => reject(new Error('no result from the browser within 60 s')), 60_000).unref()
  })
  return result.finally(() => child?.kill())
}

const agrees = (r) =>
  r.error === undefined &&
  r.backend === 'wasm' &&
  r.matmul < 1e-4 &&
  r.block < 1e-5 &&
  r.adam < 1e-5
const isolated = await visit(true)
console.log('cross-origin isolated page:', JSON.stringify(isolated))
const plain = await visit(false)
console.log('page without isolation:    ', JSON.stringify(plain))
const ok =
  agrees(isolated) &&
  isolated.crossOriginIsolated === true &&
  isolated.threads > 1 &&
  agrees(plain) &&
  plain.crossOriginIsolated === false &&
  plain.threads === 1
console.log(ok ? 'browser check passed' : 'browser check FAILED')
process.exitCode = ok ? 0 : 1
