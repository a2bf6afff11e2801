import { cni, safeLoadCluster } from '@podnet/cluster';
import { UsageError } from '../args.ts';
import type { Command } from '../context.ts';

/** What `validate` decided the file is. */
export type InputKind = 'cni-conflist' | 'cni-conf' | 'cluster';

/**
 * Tells a CNI network configuration (`.conflist` with `plugins`, or a single-plugin `.conf`) from a cluster
 * spec or Kubernetes objects.
 *
 * @example
 * ```ts
 * detectKind('{"cniVersion":"1.0.0","name":"n","plugins":[]}'); // 'cni-conflist'
 * ```
 */
export function detectKind(text: string): InputKind {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{')) return 'cluster';
  try {
    const value: unknown = JSON.parse(trimmed);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const record = value as Record<string, unknown>;
      if (Array.isArray(record.plugins)) return 'cni-conflist';
      if (typeof record.type === 'string' && 'cniVersion' in record) return 'cni-conf';
    }
  } catch {
    // not JSON: the cluster loader reports it
  }
  return 'cluster';
}

/**
 * `podnet validate FILE`: checks a cluster spec, Kubernetes objects, or a CNI `.conflist`/`.conf` and prints
 * every problem with its path. Exits 0 when valid, 2 when not.
 *
 * @example
 * ```sh
 * podnet validate /etc/cni/net.d/10-bridge.conflist
 * ```
 */
export const validateCommand: Command = async (ctx) => {
  const file = ctx.positionals[0] ?? ctx.flags.cluster;
  if (!file) throw new UsageError('validate needs a FILE (or - for standard input)');
  const text = await ctx.io.readFile(file);
  const kind = detectKind(text);
  const result =
    kind === 'cni-conflist'
      ? cni.safeParseNetConfList(text)
      : kind === 'cni-conf'
        ? cni.safeParseNetConf(text)
        : safeLoadCluster(text);
  const name = file === '-' ? '<stdin>' : file;
  if (result.ok) {
    if (ctx.flags.json) ctx.json({ file: name, kind, valid: true });
    else ctx.io.out(`${ctx.c.green('valid')} ${name} (${kind})`);
    return 0;
  }
  const error = result.error as Error & { code?: string; path?: readonly (string | number)[] };
  const path = error.path && error.path.length > 0 ? error.path.join('.') : '';
  if (ctx.flags.json) {
    ctx.json({
      file: name,
      kind,
      valid: false,
      error: { code: error.code ?? 'INVALID', message: error.message, path: error.path ?? [] },
    });
  } else {
    ctx.io.err(`podnet: ${name}: ${path ? `${path}: ` : ''}${error.message} [${error.code ?? 'INVALID'}]`);
  }
  return 2;
};
