import { describe, expect, it } from 'vitest';
import { formatAddr } from '../format-addr.ts';
import { parseAddr } from '../parse-addr.ts';
import { commonBits, fillAddr, isFilled, isMasked, maskAddr, samePrefix, wordMask } from './words.ts';

const A = parseAddr;

describe('word helpers', () => {
  it('wordMask keeps the top n bits, clamped to 0..32', () => {
    expect(
      [wordMask(-1), wordMask(0), wordMask(1), wordMask(31), wordMask(32), wordMask(33)].map((m) => m >>> 0),
    ).toEqual([0, 0, 0x80000000, 0xfffffffe, 0xffffffff, 0xffffffff]);
  });

  it('isMasked / isFilled / commonBits work for IPv4 as well as IPv6', () => {
    expect(isMasked(A('10.0.0.0'), 8)).toBe(true);
    expect(isMasked(A('10.0.0.1'), 8)).toBe(false);
    expect(isMasked(A('10.0.0.1'), 32)).toBe(true);
    expect(isFilled(A('10.255.255.255'), 8)).toBe(true);
    expect(isFilled(A('10.255.255.254'), 8)).toBe(false);
    expect(isFilled(A('0.0.0.0'), 32)).toBe(true);
    expect(commonBits(A('10.0.0.0'), A('10.0.0.0'))).toBe(32);
    expect(commonBits(A('10.0.0.0'), A('10.128.0.0'))).toBe(8);
    expect(commonBits(A('0.0.0.0'), A('128.0.0.0'))).toBe(0);
    expect(commonBits(A('::'), A('::'))).toBe(128);
    expect(commonBits(A('::'), A('8000::'))).toBe(0);
    expect(commonBits(A('::'), A('0:0:0:1::'))).toBe(63);
    expect(commonBits(A('::'), A('::1:0:0'))).toBe(95);
    expect(commonBits(A('::'), A('::1'))).toBe(127);
    expect(isFilled(A('::ffff:ffff:ffff:ffff'), 64)).toBe(true);
    expect(isFilled(A('::fffe:ffff:ffff:ffff'), 64)).toBe(false);
    expect(isFilled(A('::ffff:ffff:ffff:fffe'), 64)).toBe(false);
    expect(isMasked(A('0:0:0:1::'), 64)).toBe(true);
    expect(isMasked(A('0:0:0:1::1'), 64)).toBe(false);
    expect(isMasked(A('0:0:0:1:1::'), 64)).toBe(false);
    expect(isMasked(A('0:1::'), 32)).toBe(true);
    expect(isMasked(A('0:1::'), 31)).toBe(false);
  });

  it('maskAddr / fillAddr / samePrefix per word', () => {
    expect(formatAddr(maskAddr(A('10.1.2.3'), 16))).toBe('10.1.0.0');
    expect(formatAddr(fillAddr(A('10.1.2.3'), 16))).toBe('10.1.255.255');
    expect(formatAddr(maskAddr(A('1:2:3:4:5:6:7:8'), 80))).toBe('1:2:3:4:5::');
    expect(formatAddr(fillAddr(A('1:2:3:4:5:6:7:8'), 80))).toBe('1:2:3:4:5:ffff:ffff:ffff');
    expect(formatAddr(maskAddr(A('fe80::1%eth0'), 128))).toBe('fe80::1');
    expect(samePrefix(A('10.1.0.0'), A('10.1.255.255'), 16)).toBe(true);
    expect(samePrefix(A('10.1.0.0'), A('10.2.0.0'), 16)).toBe(false);
    expect(samePrefix(A('1:2:3:4::'), A('1:2:3:4:ffff::'), 64)).toBe(true);
    expect(samePrefix(A('1:2:3:4::'), A('1:2:3:5::'), 64)).toBe(false);
    expect(samePrefix(A('1:2:3:4::'), A('1:2:3:4::1'), 112)).toBe(true);
    expect(samePrefix(A('1:2:3:4::'), A('1:2:3:4::1'), 128)).toBe(false);
    expect(samePrefix(A('1:2:3:4::'), A('1:2:3:4:0:1::'), 80)).toBe(true);
    expect(samePrefix(A('1:2:3:4::'), A('1:2:3:4:0:1::'), 96)).toBe(false);
  });
});
