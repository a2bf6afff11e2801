// Opens the built documentation site in a real headless browser (Debian's chromium, driven by playwright-core)
// and checks that the example page shows the cluster diagram and the trace table. Run by `pnpm test` after
// `vitepress build`; .ci/run installs chromium.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const root = fileURLToPath(new URL('../.vitepress/dist/', import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

function serve(): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let path = normalize(join(root, decodeURIComponent(url.pathname)));
    if (!path.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
    if (!existsSync(path) && existsSync(`${path}.html`)) path = `${path}.html`;
    if (!existsSync(path)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
    res.end(readFileSync(path));
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

describe.skipIf(!existsSync(CHROMIUM))('the documentation site in a headless browser', () => {
  let server: Server;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    server = await serve();
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((done) => server?.close(done));
  });

  it('shows the example cluster diagram, rendered', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/example.html`, { waitUntil: 'load' });
    const img = page.locator('img.cluster-diagram');
    await img.waitFor();
    const size = await img.evaluate((el: HTMLImageElement) => ({ w: el.naturalWidth, h: el.naturalHeight }));
    expect(size.w).toBeGreaterThan(100);
    expect(size.h).toBeGreaterThan(50);
    const svg = await (await page.request.get(`${base}/diagrams/example.svg`)).text();
    expect(svg).toContain('<svg');
    expect(svg).toContain('node01');
  });

  it('shows the trace table, ending with delivery to a pod', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/example.html`, { waitUntil: 'load' });
    const rows = page.locator('.trace-table table tbody tr');
    expect(await rows.count()).toBeGreaterThan(5);
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText() is the rendered text a reader sees
    const text = await page.locator('.trace-table').innerText();
    expect(text).toContain('KUBE-SVC-');
    expect(text).toMatch(/deliver/);
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText() is the rendered text a reader sees
    expect(await page.locator('h1').first().innerText()).toContain('example cluster');
  });

  it('renders a guide with its code and output blocks', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/guides/pod-networking.html`, { waitUntil: 'load' });
    expect(await page.locator('pre').count()).toBeGreaterThan(4);
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText() is the rendered text a reader sees
    expect(await page.locator('main').innerText()).toContain('via 192.168.1.12');
  });
});
