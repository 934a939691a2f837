// The Web Worker entry of a WorkerPool in the browser, started by webWorkers().
import { expose } from 'comlink';
import { CLOSING_MESSAGE } from './webWorkers';
import { servesLanes, workerApi } from './workerApi';

// A task that calls self.close() ends the worker without any event on the page; tell the pool first, so it
// can replace the worker and retry the chunk.
const close = self.close.bind(self);
self.close = () => {
  self.postMessage(CLOSING_MESSAGE);
  close();
};
servesLanes((message, transfer) => self.postMessage(message, transfer));
expose(workerApi);
