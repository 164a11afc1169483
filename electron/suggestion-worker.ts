/**
 * The suggestion engine's own thread (see `./suggestion-engine`): it answers one request at a
 * time, keeping the last gazetteer it was sent, so that an unchanged one is not sent again and a
 * changed one comes as its changes.
 */
import { parentPort } from 'node:worker_threads';
import { applyGazetteerChange, offer, type Gazetteer } from '../shared/suggest';
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
    return { id, ok: true, suggestions: await offer({ ...input, gazetteer: gazetteer ? take(gazetteer) : undefined }) };
  } catch (error) {
    return { id, ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

/** The gazetteer a request names, after taking in the one or the changes it brings. */
function take({ token, value, base, changes }: NonNullable<EngineRequest['gazetteer']>): Gazetteer {
  if (value) held = { token, gazetteer: value };
  else if (changes) {
    if (!held || held.token !== base) throw new Error(`the engine holds no gazetteer ${base} to change`);
    const { gazetteer } = held;
    // Half-changed, it is no version at all.
    held = null;
    for (const change of changes) applyGazetteerChange(gazetteer, change);
    held = { token, gazetteer };
  }
  if (held?.token !== token) throw new Error(`the engine holds no gazetteer ${token}`);
  return held.gazetteer;
}
