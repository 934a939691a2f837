/** `sibyl/pool`: the WorkerPool and its browser factory (the Node factory is in `sibyl/pool/node`). */
export { WorkerPool, type WorkerFactory, type WorkerHandle, type WorkerPoolOptions } from './workerPool';
export { webWorkers } from './webWorkers';
