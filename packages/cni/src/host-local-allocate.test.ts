import { describe, expect, it } from 'vitest';
import { CniError } from './cni-error.ts';
import { hostLocalAllocate } from './host-local-allocate.ts';
import { hostLocalRelease } from './host-local-release.ts';
import { emptyHostLocalStore, type HostLocalStore } from './host-local-store.ts';

const ipamFor = (subnets: readonly string[]) => ({
  type: 'host-local',
  ranges: [subnets.map((subnet) => ({ subnet }))],
});

function storeWith(ipmap: Record<string, string>, setKey: string, lastIP: string): HostLocalStore {
  const reserved: Record<string, { containerId: string; ifname: string }> = {};
  for (const [ip, id] of Object.entries(ipmap)) reserved[ip] = { containerId: id, ifname: 'eth0' };
  return { reserved, lastReserved: lastIP === '' ? {} : { [setKey]: lastIP } };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

// containernetworking/plugins plugins/ipam/host-local/backend/allocator/allocator_test.go
// "should allocate ips in round robin" — the table (subnets, ipmap, lastIP) → expected address.
describe('hostLocalAllocate — allocator_test.go round-robin table', () => {
  const cases: {
    subnets: string[];
    setKey: string;
    ipmap: Record<string, string>;
    lastIP: string;
    expect: string;
  }[] = [
    { subnets: ['10.0.0.0/29'], setKey: '10.0.0.1-10.0.0.6', ipmap: {}, lastIP: '', expect: '10.0.0.2' },
    {
      subnets: ['2001:db8:1::0/64'],
      setKey: '2001:db8:1::1-2001:db8:1:0:ffff:ffff:ffff:ffff',
      ipmap: {},
      lastIP: '',
      expect: '2001:db8:1::2',
    },
    { subnets: ['10.0.0.0/30'], setKey: '10.0.0.1-10.0.0.2', ipmap: {}, lastIP: '', expect: '10.0.0.2' },
    {
      subnets: ['10.0.0.0/29'],
      setKey: '10.0.0.1-10.0.0.6',
      ipmap: { '10.0.0.2': 'id' },
      lastIP: '',
      expect: '10.0.0.3',
    },
    {
      subnets: ['10.0.0.0/29'],
      setKey: '10.0.0.1-10.0.0.6',
      ipmap: {},
      lastIP: '10.0.0.5',
      expect: '10.0.0.6',
    },
    {
      subnets: ['10.0.0.0/29'],
      setKey: '10.0.0.1-10.0.0.6',
      ipmap: { '10.0.0.4': 'id', '10.0.0.5': 'id' },
      lastIP: '10.0.0.3',
      expect: '10.0.0.6',
    },
    {
      subnets: ['10.0.0.0/29'],
      setKey: '10.0.0.1-10.0.0.6',
      ipmap: { '10.0.0.6': 'id' },
      lastIP: '10.0.0.5',
      expect: '10.0.0.2',
    },
    {
      subnets: ['10.0.0.0/29'],
      setKey: '10.0.0.1-10.0.0.6',
      ipmap: { '10.0.0.2': 'id' },
      lastIP: '10.0.0.128',
      expect: '10.0.0.3',
    },
    {
      subnets: ['10.0.0.0/29'],
      setKey: '10.0.0.1-10.0.0.6',
      ipmap: { '10.0.0.2': 'id', '10.0.0.4': 'id', '10.0.0.5': 'id', '10.0.0.6': 'id' },
      lastIP: '10.0.0.3',
      expect: '10.0.0.3',
    },
    {
      subnets: ['10.0.0.0/30', '10.0.1.0/30'],
      setKey: '10.0.0.1-10.0.0.2,10.0.1.1-10.0.1.2',
      ipmap: {},
      lastIP: '',
      expect: '10.0.0.2',
    },
    {
      subnets: ['10.0.0.0/30', '10.0.1.0/30'],
      setKey: '10.0.0.1-10.0.0.2,10.0.1.1-10.0.1.2',
      ipmap: {},
      lastIP: '10.0.0.2',
      expect: '10.0.1.2',
    },
    {
      subnets: ['10.0.0.0/30', '10.0.1.0/30', '10.0.2.0/30'],
      setKey: '10.0.0.1-10.0.0.2,10.0.1.1-10.0.1.2,10.0.2.1-10.0.2.2',
      ipmap: {},
      lastIP: '10.0.2.2',
      expect: '10.0.0.2',
    },
  ];
  cases.forEach((tc, idx) => {
    it(`case ${idx}: ${tc.subnets.join(',')} last=${tc.lastIP || '-'} → ${tc.expect}`, () => {
      const { result } = hostLocalAllocate(
        ipamFor(tc.subnets),
        storeWith(tc.ipmap, tc.setKey, tc.lastIP),
        'ID',
        'eth0',
      );
      expect(result.ips).toHaveLength(1);
      expect(result.ips[0]!.address.split('/')[0]).toBe(tc.expect);
    });
  });
});

describe('hostLocalAllocate — allocator_test.go behaviours', () => {
  const ipam = ipamFor(['192.168.1.0/29']);

  it('does not allocate the broadcast address (192.168.1.2…6 then exhaustion)', () => {
    let store: HostLocalStore | undefined;
    for (let i = 2; i < 7; i++) {
      const out = hostLocalAllocate(ipam, store, `ID${i}`, 'eth0');
      expect(out.result.ips[0]).toEqual({ address: `192.168.1.${i}/29`, gateway: '192.168.1.1' });
      store = out.store;
    }
    expect(() => hostLocalAllocate(ipam, store, 'ID8', 'eth0')).toThrowError(
      /no IP addresses available in range set: 192\.168\.1\.1-192\.168\.1\.6/,
    );
    try {
      hostLocalAllocate(ipam, store, 'ID8', 'eth0');
    } catch (error) {
      expect(error).toBeInstanceOf(CniError);
      expect((error as CniError).code).toBe('NO_ADDRESSES_AVAILABLE');
    }
  });

  it('allocates in a round-robin fashion after release', () => {
    const a = hostLocalAllocate(ipam, undefined, 'ID', 'eth0');
    expect(a.result.ips[0]!.address).toBe('192.168.1.2/29');
    const released = hostLocalRelease(a.store, 'ID', 'eth0');
    const b = hostLocalAllocate(ipam, released, 'ID', 'eth0');
    expect(b.result.ips[0]!.address).toBe('192.168.1.3/29');
  });

  it('allocates a requested IP and refuses it when taken', () => {
    const a = hostLocalAllocate(ipam, undefined, 'ID', 'eth0', { requestedIps: ['192.168.1.5'] });
    expect(a.result.ips[0]!.address).toBe('192.168.1.5/29');
    expect(() =>
      hostLocalAllocate(ipam, a.store, 'ID', 'eth0', { requestedIps: ['192.168.1.5'] }),
    ).toThrowError('requested IP address 192.168.1.5 is not available in range set 192.168.1.1-192.168.1.6');
  });

  it('rejects a requested IP outside rangeStart..rangeEnd or equal to the gateway', () => {
    const narrow = { type: 'host-local', subnet: '192.168.1.0/29', rangeEnd: '192.168.1.4' };
    expect(() =>
      hostLocalAllocate(narrow, undefined, 'ID', 'eth0', { requestedIps: ['192.168.1.5'] }),
    ).toThrow(CniError);
    const late = { type: 'host-local', subnet: '192.168.1.0/29', rangeStart: '192.168.1.3' };
    expect(() => hostLocalAllocate(late, undefined, 'ID', 'eth0', { requestedIps: ['192.168.1.2'] })).toThrow(
      CniError,
    );
    expect(() =>
      hostLocalAllocate(ipam, undefined, 'ID', 'eth0', { requestedIps: ['192.168.1.1/29'] }),
    ).toThrowError("requested ip 192.168.1.1 is subnet's gateway");
  });

  it('returns a meaningful error when out of ips (table "when out of ips")', () => {
    const full: [string[], string, Record<string, string>][] = [
      [['10.0.0.0/30'], '', { '10.0.0.2': 'id' }],
      [
        ['10.0.0.0/29'],
        '',
        { '10.0.0.2': 'id', '10.0.0.3': 'id', '10.0.0.4': 'id', '10.0.0.5': 'id', '10.0.0.6': 'id' },
      ],
      [['10.0.0.0/30', '10.0.1.0/30'], '', { '10.0.0.2': 'id', '10.0.1.2': 'id' }],
    ];
    for (const [subnets, , ipmap] of full) {
      expect(() => hostLocalAllocate(ipamFor(subnets), storeWith(ipmap, '', ''), 'ID', 'eth0')).toThrowError(
        /no IP addresses available in range set/,
      );
    }
  });

  it('uses an explicit rangeStart even when it is the network address (newAllocatorWithMultiRanges)', () => {
    const multi = {
      type: 'host-local',
      ranges: [
        [
          { subnet: '192.168.1.0/30', rangeStart: '192.168.1.0', rangeEnd: '192.168.1.3' },
          { subnet: '192.168.2.0/30', rangeStart: '192.168.2.0', rangeEnd: '192.168.2.3' },
        ],
      ],
    };
    const first = hostLocalAllocate(multi, undefined, 'A', 'eth0');
    expect(first.result.ips[0]!.address).toBe('192.168.1.0/30');
    // After the last IP of the first range, the next range's rangeStart comes next.
    const store: HostLocalStore = {
      reserved: {},
      lastReserved: { '192.168.1.0-192.168.1.3,192.168.2.0-192.168.2.3': '192.168.1.3' },
    };
    expect(hostLocalAllocate(multi, store, 'B', 'eth0').result.ips[0]!.address).toBe('192.168.2.0/30');
  });
});

describe('hostLocalAllocate — API contract', () => {
  it('returns the result shape the issue asks for (CIDR address, gateway, ipam.routes)', () => {
    const ipam = {
      type: 'host-local',
      subnet: '10.1.0.0/16',
      gateway: '10.1.0.1',
      routes: [{ dst: '0.0.0.0/0' }, { dst: '192.168.0.0/16', gw: '10.1.0.254' }],
    };
    const { result, store } = hostLocalAllocate(ipam, emptyHostLocalStore(), 'c1', 'eth0');
    expect(result).toEqual({
      ips: [{ address: '10.1.0.2/16', gateway: '10.1.0.1' }],
      routes: [{ dst: '0.0.0.0/0' }, { dst: '192.168.0.0/16', gw: '10.1.0.254' }],
    });
    expect(JSON.parse(JSON.stringify(store))).toEqual(store);
    expect(store.reserved['10.1.0.2']).toEqual({ containerId: 'c1', ifname: 'eth0' });
  });

  it('never mutates the store it is given', () => {
    const ipam = ipamFor(['10.0.0.0/24']);
    const s0 = deepFreeze(emptyHostLocalStore());
    const a = hostLocalAllocate(ipam, s0, 'c1', 'eth0');
    const before = JSON.stringify(a.store);
    deepFreeze(a.store);
    const b = hostLocalAllocate(ipam, a.store, 'c2', 'eth0');
    expect(JSON.stringify(a.store)).toBe(before);
    expect(s0).toEqual({ reserved: {}, lastReserved: {} });
    expect(b.result.ips[0]!.address).toBe('10.0.0.3/24');
    const released = hostLocalRelease(b.store, 'c1', 'eth0');
    expect(Object.keys(b.store.reserved)).toEqual(['10.0.0.2', '10.0.0.3']);
    expect(Object.keys(released.reserved)).toEqual(['10.0.0.3']);
  });

  it('throws DUPLICATE_ALLOCATION for a repeated allocation of the same container and ifname', () => {
    const ipam = ipamFor(['10.0.0.0/24']);
    const a = hostLocalAllocate(ipam, undefined, 'c1', 'eth0');
    expect(() => hostLocalAllocate(ipam, a.store, 'c1', 'eth0')).toThrowError(
      '10.0.0.2 has been allocated to c1, duplicate allocation is not allowed',
    );
    try {
      hostLocalAllocate(ipam, a.store, 'c1', 'eth0');
    } catch (error) {
      expect((error as CniError).code).toBe('DUPLICATE_ALLOCATION');
    }
    // another interface of the same container is fine
    expect(hostLocalAllocate(ipam, a.store, 'c1', 'net1').result.ips[0]!.address).toBe('10.0.0.3/24');
  });

  it('one store serves several ipam configs (one per node)', () => {
    const n1 = ipamFor(['10.244.1.0/24']);
    const n2 = ipamFor(['10.244.2.0/24']);
    let store = hostLocalAllocate(n1, undefined, 'a', 'eth0').store;
    store = hostLocalAllocate(n2, store, 'b', 'eth0').store;
    const c = hostLocalAllocate(n1, store, 'c', 'eth0');
    expect(c.result.ips[0]!.address).toBe('10.244.1.3/24');
    const d = hostLocalAllocate(n2, c.store, 'd', 'eth0');
    expect(d.result.ips[0]!.address).toBe('10.244.2.3/24');
  });

  it('allocates one IP per range set, dual-stack, IPv6 canonical lower case', () => {
    const ipam = {
      type: 'host-local',
      ranges: [[{ subnet: '10.10.0.0/16' }], [{ subnet: '2001:DB8:1::/64', rangeStart: '2001:DB8:1::10' }]],
    };
    const { result } = hostLocalAllocate(ipam, undefined, 'c1', 'eth0');
    expect(result.ips).toEqual([
      { address: '10.10.0.2/16', gateway: '10.10.0.1' },
      { address: '2001:db8:1::10/64', gateway: '2001:db8:1::1' },
    ]);
  });

  it('fails with the range index when a later set is exhausted, leaving the store untouched', () => {
    const ipam = { type: 'host-local', ranges: [[{ subnet: '10.0.0.0/24' }], [{ subnet: '10.1.0.0/30' }]] };
    const s = hostLocalAllocate(ipam, undefined, 'a', 'eth0').store;
    expect(() => hostLocalAllocate(ipam, s, 'b', 'eth0')).toThrowError(
      /^failed to allocate for range 1: no IP/,
    );
  });

  it('reports requested IPs that fit no range set', () => {
    expect(() =>
      hostLocalAllocate(ipamFor(['10.0.0.0/24']), undefined, 'a', 'eth0', { requestedIps: ['10.9.9.9'] }),
    ).toThrowError('failed to allocate all requested IPs: 10.9.9.9');
  });

  it('rejects bad arguments with CniError, never a TypeError', () => {
    const ipam = ipamFor(['10.0.0.0/24']);
    for (const bad of [null, 42, 'x', [], { type: 'host-local' }]) {
      expect(() => hostLocalAllocate(bad, undefined, 'a', 'eth0')).toThrow(CniError);
    }
    expect(() => hostLocalAllocate(ipam, undefined, '', 'eth0')).toThrow(CniError);
    expect(() => hostLocalAllocate(ipam, 5 as never, 'a', 'eth0')).toThrow(CniError);
  });
});

// containernetworking/plugins plugins/ipam/host-local/dns.go (parseResolvConf) and host_local_test.go
describe('hostLocalAllocate — resolvConf', () => {
  it('turns the resolv.conf text into result.dns', () => {
    const text =
      'nameserver 192.0.2.0\nnameserver 192.0.2.2\n# comment\n;comment\nsearch example.com example.net\ndomain example.com\noptions four\noptions one two three\n';
    const { result } = hostLocalAllocate(
      { type: 'host-local', subnet: '10.1.2.0/24', resolvConf: '/etc/resolv.conf' },
      undefined,
      'c',
      'eth0',
      {
        resolvConfText: text,
      },
    );
    expect(result.dns).toEqual({
      nameservers: ['192.0.2.0', '192.0.2.2'],
      domain: 'example.com',
      search: ['example.com', 'example.net'],
      options: ['four', 'one', 'two', 'three'],
    });
  });
});

// Hardening finding: a bigint containerId or ifname (`1n`, `[1n]`) used to reach JSON.stringify in the
// error message and throw `TypeError: Do not know how to serialize a BigInt`. host-local requires both
// to be non-empty strings; the error is coded, names the value safely and carries the argument's path.
describe('hostLocalAllocate — containerId and ifname must be non-empty strings', () => {
  const ipam = { type: 'host-local', subnet: '10.1.0.0/16' };
  const errorOf = (containerId: unknown, ifname: unknown): CniError => {
    try {
      hostLocalAllocate(ipam, emptyHostLocalStore(), containerId as string, ifname as string);
    } catch (error) {
      return error as CniError;
    }
    throw new Error('expected an error');
  };
  it('refuses bigint, arrays, symbols, objects and empty strings with a path', () => {
    const cases: [unknown, unknown, string, string][] = [
      [1n, 'eth0', 'containerId', 'containerId must be a string, got 1n'],
      [[1n], 'eth0', 'containerId', 'containerId must be a string, got an array'],
      ['c1', 1n, 'ifname', 'ifname must be a string, got 1n'],
      ['c1', [1n], 'ifname', 'ifname must be a string, got an array'],
      ['c1', Symbol('x'), 'ifname', 'ifname must be a string, got a symbol'],
      [{ toString: 1 }, 'eth0', 'containerId', 'containerId must be a string, got an object'],
      [null, 'eth0', 'containerId', 'containerId must be a string, got null'],
      ['', 'eth0', 'containerId', 'containerId must be a non-empty string'],
      ['c1', '', 'ifname', 'ifname must be a non-empty string'],
    ];
    for (const [containerId, ifname, key, message] of cases) {
      const error = errorOf(containerId, ifname);
      expect(error).toBeInstanceOf(CniError);
      expect(error.code).toBe('INVALID_ARGUMENT');
      expect(error.path).toEqual([key]);
      expect(error.message).toBe(message);
    }
  });
  it('refuses junk stores and options with coded errors', () => {
    const getter = Object.defineProperty({}, 'requestedIps', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(() => hostLocalAllocate(ipam, undefined, 'c1', 'eth0', getter)).toThrowError(
      expect.objectContaining({ code: 'INVALID_VALUE', path: ['requestedIps'] }) as never,
    );
    expect(() => hostLocalAllocate(ipam, undefined, 'c1', 'eth0', null as never)).not.toThrow();
    expect(() =>
      hostLocalAllocate(ipam, { reserved: { '10.1.0.2': null } } as never, 'c1', 'eth0'),
    ).toThrowError(
      expect.objectContaining({ code: 'INVALID_STORE', path: ['reserved', '10.1.0.2'] }) as never,
    );
    expect(() => hostLocalAllocate(ipam, 5 as never, 'c1', 'eth0')).toThrowError(
      expect.objectContaining({ code: 'INVALID_STORE' }) as never,
    );
    expect(() =>
      hostLocalAllocate(ipam, undefined, 'c1', 'eth0', { requestedIps: [Symbol('x')] as never }),
    ).toThrowError(CniError);
  });
});
