import { describe, expect, it } from 'vitest';
import { formatIptablesSave } from './format-iptables-save.ts';
import { parseIptablesSave } from './parse-iptables-save.ts';
import { renderedText, withRenderedText } from './rendered-text.ts';

describe('withRenderedText / renderedText', () => {
  it('attaches a once-only text builder that formatIptablesSave uses, invisible to keys and copies', () => {
    const text = '*nat\n:KUBE-SERVICES - [0:0]\nCOMMIT\n';
    const ruleset = parseIptablesSave(text);
    expect(renderedText(ruleset)).toBeUndefined();
    let calls = 0;
    const withText = withRenderedText(ruleset, () => {
      calls++;
      return text;
    });
    expect(withText).toBe(ruleset);
    expect(Object.keys(withText)).toEqual(Object.keys(parseIptablesSave(text)));
    expect(formatIptablesSave(withText)).toBe(text);
    expect(renderedText(withText)).toBe(text);
    expect(calls).toBe(1);
    expect(renderedText({ ...withText })).toBeUndefined();
    expect(JSON.stringify(withText)).toBe(JSON.stringify(parseIptablesSave(text)));
  });

  it('does not skip the shape checks of formatIptablesSave', () => {
    const bad = withRenderedText({ tables: 'x' } as never, () => 'text');
    expect(() => formatIptablesSave(bad)).toThrow(/tables/);
  });
});
