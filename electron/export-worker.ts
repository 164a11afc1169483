/**
 * One of an export's rendering threads (see `./export-rendering`): it reads (when asked) and
 * prepares each batch of documents it is sent and sends it back.
 */
import { parentPort } from 'node:worker_threads';
import { answerOnThread, type RenderRequest } from './export-rendering';
import { THREAD_READY } from './request-thread';

if (!parentPort) throw new Error('export-worker runs as a worker thread of Spanwise, not on its own.');
const port = parentPort;

port.on('message', (request: RenderRequest) => {
  void answerOnThread(request).then(({ reply, transfer }) => port.postMessage(reply, transfer));
});
port.postMessage(THREAD_READY);
