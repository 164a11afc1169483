// The benchmark's own unit tests (the generator and the statistics); the repository's
// vitest.config.ts does not look under bench/. Run: npx vitest run --config bench/vitest.config.ts
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['bench/**/*.test.ts'],
    environment: 'node',
  },
});
