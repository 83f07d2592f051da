import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

import { DEMO_PASSWORD } from './platform';

export const WORKSPACE = resolve(__dirname, '../../..');
/** The demo data `npm start` loads. */
export const DEMO_FILE = join(WORKSPACE, 'deploy/local/demo/power-list-demo.json');

/** The console is served from dist/web: the browser tests need it built. */
export function requireConsoleBuild(): void {
  if (!existsSync(join(WORKSPACE, 'dist/web/index.html'))) throw new Error('dist/web is missing: build the console first (npx nx run web:build)');
}

/**
 * Loads the demo data exactly as `npm start` does — the launcher's own loader, through the gateway,
 * signing in as each tenant's administrator — and answers its summary per tenant alias.
 */
export async function loadDemoData<T>(gatewayUrl: string, issuer: string): Promise<Record<string, T>> {
  const script = [
    `import { loadPowerList } from ${JSON.stringify(pathToFileURL(join(WORKSPACE, 'deploy/local/lib/demo.mjs')).href)};`,
    `const r = await loadPowerList({ gatewayUrl: ${JSON.stringify(gatewayUrl)}, issuer: ${JSON.stringify(issuer)}, file: ${JSON.stringify(DEMO_FILE)}, passwordOf: () => ${JSON.stringify(DEMO_PASSWORD)} });`,
    'console.log(JSON.stringify(r));',
  ].join('\n');
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: WORKSPACE, timeout: 150_000 });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Record<string, T>;
}

/** Debian's chromium: the browser tests never download one. */
export const CHROMIUM = '/usr/bin/chromium';

export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); these tests never download a browser`);
}

/**
 * Debian's chromium, headless, with a throwaway profile; `cleanups` gets what closes it and deletes
 * the profile.
 */
export async function launchBrowser(cleanups: (() => unknown)[], options: { acceptDownloads?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  requireChromium();
  const profileDir = mkdtempSync(join(tmpdir(), 'qinglian-chromium-'));
  cleanups.push(() => rmSync(profileDir, { recursive: true, force: true }));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    ...(options.acceptDownloads ? { acceptDownloads: true } : {}),
    viewport: { width: 1280, height: 800 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  cleanups.push(() => context.close());
  context.setDefaultTimeout(20_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

/**
 * Script errors, console errors (a CSP refusal among them) and server failures go to `problems`, for
 * each test to assert there were none. Expected, and left out: the signed-out console asking
 * /api/v1/me and getting 401, and the dev realm's login page (a stand-in for Keycloak) having no icon.
 */
export function collectProblems(context: BrowserContext, page: Page, realmOrigin: string, problems: string[]): void {
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const { url } = msg.location();
    if (/status of 401/.test(msg.text()) && url.endsWith('/api/v1/me')) return;
    if (url === `${realmOrigin}/favicon.ico`) return;
    problems.push(`console: ${msg.text()} (${msg.location().url})`);
  });
  context.on('response', (res) => {
    if (res.status() >= 500) problems.push(`HTTP ${res.status()} ${res.request().method()} ${res.url()}`);
  });
}
