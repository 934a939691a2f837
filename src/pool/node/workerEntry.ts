// The worker_threads entry of a WorkerPool in Node. The build bundles it to dist/node/pool-worker.js, which
// nodeWorkers() starts by default; tests bundle it on the fly (src/pool/node/buildWorker.ts).
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/umd/node-adapter.js';
import { parentPort } from 'node:worker_threads';
import { servesLanes, workerApi } from '../workerApi';

if (!parentPort) throw new Error('pool-worker.js runs as a worker thread of a WorkerPool, not on its own.');
const port = parentPort;
servesLanes((message, transfer) => port.postMessage(message, transfer as never));
expose(workerApi, nodeEndpoint(port));
