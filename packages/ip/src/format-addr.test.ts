import { describe, expect, it } from 'vitest';
import { formatAddr } from './format-addr.ts';
import { parseAddr } from './parse-addr.ts';

describe('formatAddr', () => {
  // RFC 5952 §4 and §5, the 7-case table of the reference note §1.3.
  it.each([
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // §4.2.3 leftmost of equal runs
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // §4.2.2 never a single zero field
    ['2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1'], // §4.1, §4.3
    ['2001:db8:0:0:0:1:0:0', '2001:db8::1:0:0'], // §4.2.3 longest run
    ['0:0:0:0:0:0:0:0', '::'],
    ['::ffff:c000:201', '::ffff:192.0.2.1'], // §5
    ['fe80::1%eth0', 'fe80::1%eth0'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['1:0:0:0:0:0:0:0', '1::'],
    ['1:0:0:2:0:0:0:3', '1:0:0:2::3'],
    ['0:0:1:0:0:0:0:0', '0:0:1::'],
    ['::ffff:0:0', '::ffff:0.0.0.0'],
    ['::ffff:1:0:0', '::ffff:1:0:0'], // not mapped
    ['::1:0:ffff:102:304', '::1:0:ffff:102:304'], // not mapped: w1 is not zero
    ['1::ffff:102:304', '1::ffff:102:304'], // not mapped: w0 is not zero
    ['::fffe:102:304', '::fffe:102:304'], // not mapped: w2 is not 0xffff
    ['::ffff:1.2.3.4%eth0', '::ffff:1.2.3.4%eth0'],
    ['1:0:2:0:3:0:4:0', '1:0:2:0:3:0:4:0'], // §4.2.2 single zeros stay
    ['1:2:3:4:5:6:0:0', '1:2:3:4:5:6::'],
    ['1:0:0:2:3:0:0:0', '1:0:0:2:3::'],
    ['64:ff9b::1.2.3.4', '64:ff9b::102:304'], // only ::ffff:0:0/96 is dotted
    ['::1.2.3.4', '::102:304'],
    ['abcd:ef01:2345:6789:abcd:ef01:2345:6789', 'abcd:ef01:2345:6789:abcd:ef01:2345:6789'],
  ])('%s → %s', (input, expected) => {
    expect(formatAddr(parseAddr(input))).toBe(expected);
  });

  it('prints IPv4 as a dotted quad', () => {
    expect(formatAddr(parseAddr('192.168.0.1'))).toBe('192.168.0.1');
    expect(formatAddr(parseAddr('255.255.255.255'))).toBe('255.255.255.255');
  });
});
