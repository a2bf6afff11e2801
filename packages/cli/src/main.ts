import { exampleCluster } from './example-cluster.ts';

/** Where the command writes: injectable so that tests can capture it. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/**
 * Runs the `podnet` command with the given arguments and returns its exit code
 * (0 fine, 1 findings or a failed trace, 2 bad input).
 *
 * @example
 * ```ts
 * const code = await main(['demo'], { out: console.log, err: console.error });
 * ```
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [command = 'help'] = argv;
  switch (command) {
    case 'demo': {
      const spec = exampleCluster;
      io.out(
        `cluster ${spec.name}: ${spec.nodes.length} nodes, ${spec.pods.length} pods, ${spec.services.length} services`,
      );
      io.out(
        `pod CIDR ${spec.podCidr}, service CIDR ${spec.serviceCidr}, CNI ${spec.cni.plugin}, kube-proxy ${spec.proxy.mode}`,
      );
      for (const node of spec.nodes) {
        const pods = spec.pods
          .filter((pod) => pod.node === node.name)
          .map((pod) => `${pod.namespace}/${pod.name}`);
        io.out(`  ${node.name} ${node.ip}: ${pods.join(', ')}`);
      }
      return 0;
    }
    case 'help':
    case '--help':
    case '-h':
      io.out('usage: podnet <command> [options]\n\ncommands:\n  demo    model the bundled example cluster');
      return 0;
    default:
      io.err(`podnet: unknown command "${command}" (try podnet --help)`);
      return 2;
  }
}
