/**
 * The suggestion engine's own thread (see `./suggestion-engine`): it answers one request at a
 * time, keeping the last gazetteer it was sent so that an unchanged one is not sent again.
 */
import { parentPort } from 'node:worker_threads';
import { offer, type Gazetteer } from '../shared/suggest';
import { ENGINE_READY, type EngineReply, type EngineRequest } from './suggestion-engine';

if (!parentPort) throw new Error('suggestion-worker runs as a worker thread of Spanwise, not on its own.');
const port = parentPort;
let held: { token: number; gazetteer: Gazetteer } | null = null;

port.on('message', (request: EngineRequest) => {
  void answer(request).then((reply) => port.postMessage(reply));
});
port.postMessage(ENGINE_READY);

async function answer({ id, input, gazetteer }: EngineRequest): Promise<EngineReply> {
  try {
    if (gazetteer?.value) held = { token: gazetteer.token, gazetteer: gazetteer.value };
    if (gazetteer && held?.token !== gazetteer.token) throw new Error(`the engine holds no gazetteer ${gazetteer.token}`);
    return { id, ok: true, suggestions: await offer({ ...input, gazetteer: gazetteer ? held!.gazetteer : undefined }) };
  } catch (error) {
    return { id, ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}
