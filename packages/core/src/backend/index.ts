export type { Backend, MatmulOptions, Window2d } from './backend'
export { jsBackend } from './js/js-backend'
export { getBackend, listBackends, registerBackend, setBackend } from './registry'
