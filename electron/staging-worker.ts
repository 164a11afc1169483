/**
 * An import's writing thread (see `./staged-files`): it writes each batch of staged files it is
 * sent and sends back their stamps.
 */
import { parentPort } from 'node:worker_threads';
import { THREAD_READY } from './request-thread';
import { answerStaging, type StagingRequest } from './staged-files';

if (!parentPort) throw new Error('staging-worker runs as a worker thread of Spanwise, not on its own.');
const port = parentPort;
const madeFolders = new Set<string>();

port.on('message', (request: StagingRequest) => port.postMessage(answerStaging(request, madeFolders)));
port.postMessage(THREAD_READY);
