// Regression tests for the hardening findings on the query functions (docs/quality.md, open findings of session
// 1): a bigint or other non-string anywhere in a request gave a bare TypeError (`toUpperCase is not a function`,
// `Do not know how to serialize a BigInt`); every one is now a coded ClusterError that names the value.
import { describe, expect, it } from 'vitest';
import { lessonSpec } from '../test/lesson.ts';
import { ClusterError } from './cluster-error.ts';
import { defineCluster } from './define-cluster.ts';
import { render } from './render.ts';
import { resolve } from './resolve.ts';
import { trace } from './trace.ts';
import {
  withNodeCidrMaskSize,
  withoutNode,
  withoutPod,
  withoutService,
  withPodCidr,
  withServiceCidr,
} from './what-if.ts';

const c = defineCluster(lessonSpec());

function codeOf(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(ClusterError);
    return `${(error as ClusterError).code}: ${(error as ClusterError).message}`;
  }
  return 'no error';
}

describe('resolve refuses non-string input with a coded error', () => {
  it.each([
    [false, 'INVALID_TYPE: record type must be a name such as "A", "AAAA" or "SRV", got false'],
    [5, 'INVALID_TYPE: record type must be a name such as "A", "AAAA" or "SRV", got 5'],
    [1n, 'INVALID_TYPE: record type must be a name such as "A", "AAAA" or "SRV", got 1n'],
    ['', 'INVALID_TYPE: record type must be a name such as "A", "AAAA" or "SRV", got ""'],
  ])('type %s', (type, want) => {
    expect(codeOf(() => resolve(c, 'default/web-1', 'web', type as never))).toBe(want);
  });

  it('a bigint pod', () => {
    expect(codeOf(() => resolve(c, 1n as never, 'web'))).toBe(
      'UNKNOWN_POD: no pod 1n in the cluster (use "namespace/name")',
    );
  });

  it('a bigint name, a bad resolver, null options', () => {
    expect(codeOf(() => resolve(c, 'default/web-1', 1n as never))).toMatch(/^INVALID_NAME: .* got 1n$/);
    expect(codeOf(() => resolve(c, 'default/web-1', 'web', 'A', { resolver: 'bsd' as never }))).toMatch(
      /^INVALID_OPTIONS: resolver must be "glibc" or "musl", got "bsd"$/,
    );
    expect(codeOf(() => resolve(c, 'default/web-1', 'web', 'A', null as never))).toMatch(/^INVALID_OPTIONS/);
  });

  it('a record type in any case still works', () => {
    expect(resolve(c, 'default/web-1', 'kubernetes.default', 'a').addresses).toEqual(['10.96.0.1']);
  });
});

describe('render names a bigint in the request instead of crashing', () => {
  it.each([
    [{ node: 1n, artefact: 'ip-route' }, 'UNKNOWN_NODE: render: no node 1n'],
    [{ node: 1n, artefact: 'iptables-save' }, 'UNKNOWN_NODE: render: no node 1n'],
    [{ pod: 1n, artefact: 'ip-route' }, 'UNKNOWN_POD: render: no pod 1n'],
    [{ pod: 1n, artefact: 'resolv.conf' }, 'UNKNOWN_POD: render: no pod 1n'],
    [{ artefact: 1n }, 'UNKNOWN_ARTEFACT: render: unknown artefact 1n'],
  ])('%o', (request, want) => {
    expect(codeOf(() => render(c, request as never)).startsWith(want)).toBe(true);
  });
});

describe('trace names a bigint in the request instead of crashing', () => {
  it.each([
    [{ from: 1n, to: 'web' }, 'INVALID_REQUEST: trace: from must be a pod or node name, got 1n'],
    [{ from: 'default/web-1', to: 1n }, 'INVALID_REQUEST: trace: to must be a pod, IP or name, got 1n'],
    [{ from: 'default/web-1', to: 'web', port: 1n }, 'INVALID_REQUEST: trace: port 1n is not a port number'],
    [
      { from: 'default/web-1', to: 'web', protocol: 1n },
      'INVALID_REQUEST: trace: protocol 1n is not TCP, UDP or SCTP',
    ],
    [
      { from: 'default/web-1', to: 'web', endpoint: 1n },
      'INVALID_REQUEST: trace: endpoint must be a pod ("namespace/name") or "ip:port", got 1n',
    ],
    [
      { from: 'default/web-1', to: 'web', resolver: 1n },
      'INVALID_REQUEST: trace: resolver must be "glibc" or "musl", got 1n',
    ],
  ])('%o', (request, want) => {
    expect(codeOf(() => trace(c, request as never))).toBe(want);
  });

  it('an endpoint that is no candidate is named in the error', () => {
    expect(codeOf(() => trace(c, { from: 'shop/api-1', to: 'web.default', endpoint: 'shop/db-0' }))).toBe(
      'UNKNOWN_ENDPOINT: trace: "shop/db-0" is not a candidate endpoint',
    );
  });
});

describe('what-if helpers name a bigint', () => {
  it.each([
    [() => withoutNode(c, 1n as never), 'UNKNOWN_NODE: withoutNode: no node 1n'],
    [() => withoutPod(c, 1n as never), 'UNKNOWN_POD: withoutPod: no pod 1n'],
    [() => withoutService(c, 1n as never), 'UNKNOWN_SERVICE: withoutService: no service 1n'],
  ])('%#', (call, want) => {
    expect(codeOf(call)).toBe(want);
  });
});

describe('what-if helpers that change CIDRs check the cluster first', () => {
  it.each([
    ['withPodCidr', () => withPodCidr(undefined as never, '10.0.0.0/16')],
    ['withNodeCidrMaskSize', () => withNodeCidrMaskSize(null as never, 24)],
    ['withServiceCidr', () => withServiceCidr(undefined as never, '10.96.0.0/12')],
  ])('%s on a non-cluster: NOT_A_CLUSTER, not a TypeError', (_name, call) => {
    expect(codeOf(call)).toMatch(/^NOT_A_CLUSTER: /);
  });
});
