import { describe, expect, it } from 'vitest';
import { proxyModesDoc } from './proxy-modes-doc.ts';

// Node APIs are loaded at run time so the library's `types: []` setting stays intact.
interface Fs {
  readFileSync(path: string, encoding: 'utf8'): string;
  writeFileSync(path: string, data: string): void;
  existsSync(path: string): boolean;
}
interface Proc {
  readonly env: Record<string, string | undefined>;
}

describe('docs/proxy-modes.md', () => {
  it('is the generated text (UPDATE_DOCS=1 rewrites it)', async () => {
    const fsName = 'node:fs';
    const fs = (await import(/* @vite-ignore */ fsName)) as Fs;
    const urlName = 'node:url';
    const url = (await import(/* @vite-ignore */ urlName)) as { fileURLToPath(u: string): string };
    const proc = (globalThis as unknown as { process: Proc }).process;
    const here = (import.meta as unknown as { url: string }).url;
    const path = url
      .fileURLToPath(here)
      .replace(/packages[\\/]proxy[\\/]src[\\/]modes[\\/][^\\/]+$/, 'docs/proxy-modes.md');
    const text = proxyModesDoc();
    if (proc.env.UPDATE_DOCS === '1') fs.writeFileSync(path, text);
    expect(fs.existsSync(path)).toBe(true);
    expect(fs.readFileSync(path, 'utf8')).toBe(text);
  });

  it('shows every mode and the packet table', () => {
    const text = proxyModesDoc();
    expect(text).toContain('-A KUBE-SERVICES -m comment --comment "demo/web:http cluster IP"');
    expect(text).toContain('add element ip kube-proxy service-ips { 10.96.0.20 . tcp . 80 : goto service-');
    expect(text).toContain('TCP  10.96.0.20:80 rr');
    expect(text).toMatch(
      /\| pod → ClusterIP \(10\.244\.1\.9 → 10\.96\.0\.20:80\) \| DNAT 10\.244\.1\.5:8080 \(0\.5\), 10\.244\.2\.7:8080 \(0\.5\) \|/,
    );
  });
});
