import type { Result } from '@podnet/ip';
import { describe, expectTypeOf, it } from 'vitest';
import type { CniError } from './cni-error.ts';
import { hostLocalAllocate } from './host-local-allocate.ts';
import type { HostLocalStore } from './host-local-store.ts';
import type { NetConfList } from './net-conf-list-schema.ts';
import { parseNetConfList, safeParseNetConfList } from './parse-net-conf-list.ts';

describe('types', () => {
  it('parsers return typed lists and Results', () => {
    expectTypeOf(parseNetConfList('{}')).toEqualTypeOf<NetConfList>();
    expectTypeOf(safeParseNetConfList('{}', { mode: 'libcni' })).toEqualTypeOf<
      Result<NetConfList, CniError>
    >();
    expectTypeOf(parseNetConfList('{}').plugins[0]!.type).toEqualTypeOf<string>();
    // @ts-expect-error only 'spec' and 'libcni' are modes
    parseNetConfList('{}', { mode: 'strict' });
  });
  it('host-local returns a result and a store', () => {
    const out = hostLocalAllocate({}, undefined, 'c', 'eth0');
    expectTypeOf(out.store).toEqualTypeOf<HostLocalStore>();
    expectTypeOf(out.result.ips[0]!.address).toEqualTypeOf<string>();
  });
});
