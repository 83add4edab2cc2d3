/**
 * The browser example end to end in the system Chromium (playwright-core, never a downloaded browser):
 * the assets are prepared (signed + encrypted model, a tampered copy, fitted guards), the page is built
 * with Vite and served on loopback, then the clean model verifies and classifies sample, uploaded and
 * drawn digits, out-of-distribution input is refused, and the tampered model is refused before loading.
 * Screenshots of the verified and the tampered states go to `screenshots/` (git-ignored).
 */
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build, type PreviewServer, preview } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { APP_DIR, prepareAssets } from '../scripts/prepare-model';

const SHOTS = join(APP_DIR, 'screenshots');
let server: PreviewServer;
let browser: Browser;
let page: Page;
let labels: number[];
const pageErrors: string[] = [];

beforeAll(async () => {
  ({ sampleLabels: labels } = await prepareAssets());
  await build({ root: APP_DIR, logLevel: 'error', configFile: join(APP_DIR, 'vite.config.ts') });
  server = await preview({
    root: APP_DIR,
    configFile: join(APP_DIR, 'vite.config.ts'),
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(server.resolvedUrls?.local[0] as string);
  await page.waitForSelector('body[data-ready="true"]');
  await mkdir(SHOTS, { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const state = (selector: string) => page.$eval(selector, (el) => (el as HTMLElement).dataset.state);
const text = (selector: string) => page.$eval(selector, (el) => el.textContent ?? '');
const classifyNow = () =>
  page.evaluate(() => (window as never as { modelsecDemo: { classify(): Promise<string> } }).modelsecDemo.classify());

describe('browser-app', () => {
  test('the signed model verifies in the browser and classifies sample, uploaded and drawn digits', async () => {
    await page.click('#load-clean');
    await page.waitForFunction(() =>
      ['verified', 'refused'].includes(document.getElementById('status')?.dataset.state ?? ''),
    );
    expect(await state('#status')).toBe('verified');
    expect(await text('#status')).toMatch(/signature valid .* scan clean/);
    expect(await text('#evidence')).toMatch(/sha256 sha256:[0-9a-f]{64}/);

    let correct = 0;
    for (const [i, label] of labels.entries()) {
      await page.evaluate(
        (k) => (window as never as { modelsecDemo: { showSample(i: number): void } }).modelsecDemo.showSample(k),
        i,
      );
      const result = await classifyNow();
      if (result === `Digit ${label}` || result.startsWith(`Digit ${label} (`)) correct++;
    }
    expect(correct).toBeGreaterThanOrEqual(labels.length - 1);

    // Upload: a PNG of the first sample digit, made in the page, goes through the file input.
    const png = await page.evaluate(async () => {
      const c = document.createElement('canvas');
      c.width = c.height = 28;
      c.getContext('2d')?.drawImage(document.getElementById('pad') as HTMLCanvasElement, 0, 0, 28, 28);
      return c.toDataURL('image/png').split(',')[1] as string;
    });
    await page.evaluate(() =>
      (window as never as { modelsecDemo: { showSample(i: number): void } }).modelsecDemo.showSample(0),
    );
    await page.setInputFiles('#upload', {
      name: 'digit.png',
      mimeType: 'image/png',
      buffer: Buffer.from(png, 'base64'),
    });
    await page.waitForFunction(() => document.getElementById('result')?.dataset.state !== undefined);
    expect(await text('#result')).toMatch(/^Digit \d|^Input refused|^Unable/);

    // Drawing with the mouse: a vertical stroke.
    await page.click('#clear');
    const box = await (await page.$('#pad'))?.boundingBox();
    if (!box) throw new Error('no pad');
    await page.mouse.move(box.x + 140, box.y + 50);
    await page.mouse.down();
    for (let y = 50; y <= 230; y += 10) await page.mouse.move(box.x + 140, box.y + y);
    await page.mouse.up();
    await page.click('#classify');
    await page.waitForFunction(() => (document.getElementById('result')?.textContent ?? '') !== '');
    expect(['answered', 'abstained', 'refused']).toContain(await state('#result'));

    // A sample digit for the screenshot of the verified state.
    await page.evaluate(() =>
      (window as never as { modelsecDemo: { showSample(i: number): void } }).modelsecDemo.showSample(0),
    );
    expect(await classifyNow()).toMatch(new RegExp(`^Digit ${labels[0]}`));
    await page.screenshot({ path: join(SHOTS, 'verified.png'), fullPage: true });
  }, 120_000);

  test('out-of-distribution input is refused by the guards before the model answers', async () => {
    const noise = Array.from({ length: 784 }, (_, i) => ((i * 7919) % 256) / 255);
    await page.evaluate(
      (p) => (window as never as { modelsecDemo: { showPixels(p: number[]): void } }).modelsecDemo.showPixels(p),
      noise,
    );
    expect(await classifyNow()).toBe('Input refused: anomalous_input');
    expect(await text('#findings')).toMatch(/robustZAnomaly/);
  });

  test('the tampered model is refused before onnxruntime loads it', async () => {
    await page.click('#load-tampered');
    await page.waitForFunction(() => document.getElementById('status')?.dataset.state === 'refused');
    expect(await text('#status')).toMatch(/Refused: IntegrityError digest_mismatch: .*The model was not loaded\./);
    expect(await page.$eval('#classify', (b) => (b as HTMLButtonElement).disabled)).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'tampered.png'), fullPage: true });
    for (const f of ['verified.png', 'tampered.png']) expect((await stat(join(SHOTS, f))).size).toBeGreaterThan(10_000);
    expect(pageErrors).toEqual([]);
  });
});
