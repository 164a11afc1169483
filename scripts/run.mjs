// Handing the terminal to a child process for good: its output is ours, its exit code is ours.
import { spawn } from 'node:child_process';

/**
 * Run `command` with our stdio and exit with its exit code once it ends. Ctrl+C reaches the
 * child directly (same process group), so we only wait; SIGTERM is passed on.
 * @param {string} command
 * @param {string[]} args
 * @param {import('node:child_process').SpawnOptions} [options]
 */
export function runAndExit(command, args, options = {}) {
  const child = spawn(command, args, { stdio: 'inherit', ...options });
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('error', (error) => {
    console.error(`Could not run ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
