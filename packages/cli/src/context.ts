import type { Cluster } from '@podnet/cluster';
import type { CliFlags } from './args.ts';
import type { Colors } from './output.ts';

/** Where the command writes and reads: injectable so that tests can run it in-process. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Reads a file, or standard input for `-`. */
  readonly readFile: (path: string) => Promise<string>;
  /** Writes a file (for `--out`). */
  readonly writeFile: (path: string, text: string) => Promise<void>;
  /** True when standard output is a terminal (colour, progress). */
  readonly isTty: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** What every command gets: its arguments, the I/O, colours, and the cluster loader. */
export interface CommandContext {
  readonly positionals: readonly string[];
  readonly flags: CliFlags;
  readonly io: Io;
  readonly c: Colors;
  /** The cluster of `--cluster FILE` (`-` for stdin), or the bundled example. Cached per path. */
  readonly loadCluster: (path?: string) => Promise<Cluster>;
  /** Prints a value as JSON (stable key order as built) on standard output. */
  readonly json: (value: unknown) => void;
}

/** A `podnet` command: returns the exit code (0 fine, 1 findings or a failed trace, 2 bad input). */
export type Command = (ctx: CommandContext) => Promise<number>;
