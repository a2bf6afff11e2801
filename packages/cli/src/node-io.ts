import { readFile, writeFile } from 'node:fs/promises';
import type { Io } from './context.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The real process's I/O: stdout/stderr, files, standard input for `-`, TTY detection and the environment.
 *
 * @example
 * ```ts
 * process.exitCode = await main(process.argv.slice(2), nodeIo());
 * ```
 */
export function nodeIo(): Io {
  return {
    out: (text) => {
      process.stdout.write(`${text}\n`);
    },
    err: (text) => {
      process.stderr.write(`${text}\n`);
    },
    readFile: (path) => (path === '-' ? readStdin() : readFile(path, 'utf8')),
    writeFile: (path, text) => writeFile(path, text, 'utf8'),
    isTty: process.stdout.isTTY === true,
    env: process.env,
  };
}
