/** `sibyl/pool/node`: the WorkerPool factory for Node's worker_threads. */
export { nodeWorkers } from './nodeWorkers';
