import { describe, expect, it } from 'vitest';
import { validateDns1035Label } from './validate-dns1035-label.ts';
import { validateDns1123Label } from './validate-dns1123-label.ts';
import { validateDns1123Subdomain } from './validate-dns1123-subdomain.ts';

// Good/bad tables from kubernetes staging/src/k8s.io/apimachinery/pkg/util/validation/validation_test.go
// (TestIsDNS1123Label, TestIsDNS1123Subdomain, TestIsDNS1035Label); messages from validation.go.
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

describe('validateDns1123Label — TestIsDNS1123Label', () => {
  it.each([
    'a',
    'ab',
    'abc',
    'a1',
    'a-1',
    'a--1--2--b',
    '0',
    '01',
    '012',
    '1a',
    '1-a',
    '1--a--b--2',
    'a'.repeat(63),
  ])('accepts %s', (v) => expect(validateDns1123Label(v)).toEqual([]));
  it.each([
    '',
    'A',
    'ABC',
    'aBc',
    'A1',
    'A-1',
    '1-A',
    '-',
    'a-',
    '-a',
    '1-',
    '-1',
    '_',
    'a_',
    '_a',
    'a_b',
    '1_',
    '_1',
    '1_2',
    '.',
    'a.',
    '.a',
    'a.b',
    '1.',
    '.1',
    '1.2',
    ' ',
    'a ',
    ' a',
    'a b',
    '1 ',
    ' 1',
    '1 2',
  ])('rejects %j', (v) => expect(validateDns1123Label(v).length).toBeGreaterThan(0));
  it('words the errors as Kubernetes does', () => {
    expect(validateDns1123Label('My_Name')).toEqual([LABEL_MSG]);
    expect(validateDns1123Label('a.b')).toEqual(['must not contain dots']);
    expect(validateDns1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
    expect(validateDns1123Label('A'.repeat(64))).toEqual(['must be no more than 63 characters', LABEL_MSG]);
  });
});

describe('validateDns1123Subdomain — TestIsDNS1123Subdomain', () => {
  it.each([
    'a',
    'ab',
    'abc',
    'a1',
    'a-1',
    'a--1--2--b',
    '0',
    '01',
    '012',
    '1a',
    '1-a',
    '1--a--b--2',
    'a.a',
    'ab.a',
    'abc.a',
    'a1.a',
    'a-1.a',
    'a--1--2--b.a',
    'a.1',
    'ab.1',
    'abc.1',
    'a1.1',
    'a-1.1',
    'a--1--2--b.1',
    '0.a',
    '01.a',
    '012.a',
    '1a.a',
    '1-a.a',
    '1--a--b--2',
    '0.1',
    '01.1',
    '012.1',
    '1a.1',
    '1-a.1',
    '1--a--b--2.1',
    'a.b.c.d.e',
    'aa.bb.cc.dd.ee',
    '1.2.3.4.5',
    '11.22.33.44.55',
    'a'.repeat(253),
  ])('accepts %s', (v) => expect(validateDns1123Subdomain(v)).toEqual([]));
  it.each([
    '',
    'A',
    'ABC',
    'aBc',
    'A1',
    'A-1',
    '1-A',
    '-',
    'a-',
    '-a',
    '1-',
    '-1',
    '_',
    'a_',
    '_a',
    'a_b',
    '1_',
    '_1',
    '1_2',
    '.',
    'a.',
    '.a',
    'a..b',
    '1.',
    '.1',
    '1..2',
    ' ',
    'a ',
    ' a',
    'a b',
    '1 ',
    ' 1',
    '1 2',
    'A.a',
    'aB.a',
    'ab.A',
    'A1.a',
    'a1.A',
    'A.1',
    'aB.1',
    'A1.1',
    '1A.1',
    '0.A',
    '01.A',
    '012.A',
    '1A.a',
    '1a.A',
    'A.B.C.D.E',
    'AA.BB.CC.DD.EE',
    'a.B.c.d.e',
    'aa.bB.cc.dd.ee',
    'a@b',
    'a,b',
    'a_b',
    'a;b',
    'a:b',
    'a%b',
    'a?b',
    'a$b',
    'a'.repeat(254),
  ])('rejects %j', (v) => expect(validateDns1123Subdomain(v).length).toBeGreaterThan(0));
  it('words the errors as Kubernetes does', () => {
    expect(validateDns1123Subdomain('-bad')).toEqual([SUBDOMAIN_MSG]);
    expect(validateDns1123Subdomain('a'.repeat(254))).toEqual(['must be no more than 253 characters']);
    // Labels over 63 characters are not rejected (kubernetes issue #8202).
    expect(validateDns1123Subdomain(`${'a'.repeat(64)}.com`)).toEqual([]);
  });
});

describe('validateDns1035Label — TestIsDNS1035Label', () => {
  it.each(['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', 'a'.repeat(63)])('accepts %s', (v) =>
    expect(validateDns1035Label(v)).toEqual([]),
  );
  it.each([
    '0',
    '01',
    '012',
    '1a',
    '1-a',
    '1--a--b--2',
    '',
    'A',
    'ABC',
    'aBc',
    'A1',
    'A-1',
    '1-A',
    '-',
    'a-',
    '-a',
    '1-',
    '-1',
    '_',
    'a_',
    '_a',
    'a_b',
    '1_',
    '_1',
    '1_2',
    '.',
    'a.',
    '.a',
    'a.b',
    '1.',
    '.1',
    '1.2',
    ' ',
    'a ',
    ' a',
    'a b',
    '1 ',
    ' 1',
    '1 2',
    'a'.repeat(64),
  ])('rejects %j', (v) => expect(validateDns1035Label(v).length).toBeGreaterThan(0));
  it('words the errors as Kubernetes does', () => {
    expect(validateDns1035Label('1svc')).toEqual([DNS1035_MSG]);
    expect(validateDns1035Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
  });
  it('never throws on non-strings', () => {
    expect(validateDns1035Label(null as never).length).toBeGreaterThan(0);
    expect(validateDns1123Label(undefined as never).length).toBeGreaterThan(0);
    expect(validateDns1123Subdomain(42 as never).length).toBeGreaterThan(0);
  });
});

describe('validators — lengths count UTF-8 bytes (Go len)', () => {
  it('63 bytes fit a label, 64 do not, whatever the characters', () => {
    // 'é' is 2 bytes in UTF-8: 32 of them are 64 bytes
    expect(validateDns1123Label('é'.repeat(32))[0]).toBe('must be no more than 63 characters');
    expect(validateDns1123Label('é'.repeat(31))).toEqual([LABEL_MSG]);
    expect(validateDns1035Label('é'.repeat(32))[0]).toBe('must be no more than 63 characters');
    expect(validateDns1035Label(`${'a'.repeat(61)}€`)[0]).toBe('must be no more than 63 characters');
    expect(validateDns1035Label(`${'a'.repeat(60)}€`)).toEqual([DNS1035_MSG]);
    // a surrogate pair (U+1F600) is 4 bytes
    expect(validateDns1123Label(`${'a'.repeat(60)}\u{1F600}`)[0]).toBe('must be no more than 63 characters');
    expect(validateDns1123Label(`${'a'.repeat(59)}\u{1F600}`)).toEqual([LABEL_MSG]);
    expect(validateDns1123Subdomain(`${'a'.repeat(251)}€`)[0]).toBe('must be no more than 253 characters');
    expect(validateDns1123Subdomain(`${'a'.repeat(250)}€`)).toEqual([SUBDOMAIN_MSG]);
  });

  it('labels at the limit: 63 accepted, 64 refused; subdomain: 253 accepted', () => {
    expect(validateDns1123Label('a'.repeat(63))).toEqual([]);
    expect(validateDns1035Label(`a${'1'.repeat(62)}`)).toEqual([]);
    const sub253 = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
    expect(sub253.length).toBe(253);
    expect(validateDns1123Subdomain(sub253)).toEqual([]);
    expect(validateDns1123Subdomain(`${sub253}d`)).toEqual(['must be no more than 253 characters']);
  });

  it('non-strings are validated as the empty string', () => {
    expect(validateDns1035Label(null as never)).toEqual([DNS1035_MSG]);
    expect(validateDns1123Label(undefined as never)).toEqual([LABEL_MSG]);
    expect(validateDns1123Subdomain(42 as never)).toEqual([SUBDOMAIN_MSG]);
  });
});
