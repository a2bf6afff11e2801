import { type Cluster, defineCluster, loadCluster } from '@podnet/cluster';
import type { Io } from './context.ts';
import { exampleCluster } from './example-cluster.ts';

/** Input larger than this gets a progress line on standard error while the cluster is built. */
const PROGRESS_BYTES = 256 * 1024;

/** A file that could not be read or understood; the CLI prints `podnet: FILE: message` and exits 2. */
export class InputError extends Error {
  readonly code: string;
  readonly file: string;
  readonly path: readonly (string | number)[];
  constructor(file: string, code: string, message: string, path: readonly (string | number)[] = []) {
    super(message);
    this.name = 'InputError';
    this.file = file;
    this.code = code;
    this.path = path;
  }
}

/**
 * Builds the cluster of a `--cluster` argument: a compact spec or Kubernetes objects, YAML or JSON, from a file
 * or standard input (`-`); the bundled example when no path is given.
 *
 * @example
 * ```ts
 * const cluster = await loadInput(undefined, io); // the bundled example
 * ```
 */
export async function loadInput(path: string | undefined, io: Io): Promise<Cluster> {
  if (path === undefined) return defineCluster(exampleCluster);
  const name = path === '-' ? '<stdin>' : path;
  let text: string;
  try {
    text = await io.readFile(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(name, 'READ_FAILED', `cannot read: ${reason}`);
  }
  if (text.length > PROGRESS_BYTES && io.isTty) io.err(`podnet: building the cluster of ${name}…`);
  try {
    return loadCluster(text);
  } catch (error) {
    if (error instanceof Error && typeof (error as { code?: unknown }).code === 'string') {
      const coded = error as Error & { code: string; path?: readonly (string | number)[] };
      throw new InputError(name, coded.code, coded.message, coded.path ?? []);
    }
    throw error;
  }
}
