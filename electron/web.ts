/**
 * Browser mode: `node dist/main/web.js [--project DIR] [--data-dir DIR] [--port N]` serves the
 * app on 127.0.0.1 and prints one line, `Spanwise browser mode: <url>`, holding the token.
 */
import { fileURLToPath } from 'node:url';
import { startHttpServer } from './http';
import { launchOptions } from './paths';
import { createService } from './service';

async function main(): Promise<void> {
  const launch = launchOptions(process.argv.slice(2), process.env);
  const service = await createService({ dataDir: launch.dataDir, projectDir: launch.projectDir, mode: 'browser' });
  const server = await startHttpServer({
    dispatch: (method, args) => service.dispatch(method, args),
    onEvent: (listener) => service.onEvent(listener),
    rendererDir: fileURLToPath(new URL('../renderer/', import.meta.url)),
    port: launch.port,
  }).catch(async (error: unknown) => {
    await service.close();
    throw error;
  });
  console.log(`Spanwise browser mode: ${server.url}`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    // Saves in flight finish and the project lock is released before the process ends.
    Promise.all([server.close(), service.close()]).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Spanwise browser mode: could not shut down cleanly', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Spanwise browser mode could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
