import { createRng, detectDrift } from '@modelsec/monitor';
import { expect, test } from 'vitest';
import { page } from 'vitest/browser';

function normal(n: number, mean: number, seed: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => mean + rng.normal());
}

async function pixels(base64: string): Promise<Uint8ClampedArray> {
  const img = new Image();
  img.src = `data:image/png;base64,${base64}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
  ctx.drawImage(img, 0, 0);
  return ctx.getImageData(0, 0, canvas.width, canvas.height).data;
}

test('the HTML drift report renders its plots in Chromium (screenshot shows both series)', async () => {
  const report = detectDrift(
    { income: normal(400, 0, 1), score: normal(400, 5, 2), segment: normal(400, 0, 3).map((v) => (v > 0 ? 'a' : 'b')) },
    {
      income: normal(400, 0.8, 4),
      score: normal(400, 5, 5),
      segment: normal(400, 0.5, 6).map((v) => (v > 0 ? 'a' : 'b')),
    },
  );
  const doc = new DOMParser().parseFromString(report.toHTML(), 'text/html');
  const style = document.createElement('style');
  style.textContent = doc.querySelector('style')?.textContent ?? '';
  document.head.append(style);
  document.body.innerHTML = doc.body.innerHTML;

  const svgs = [...document.querySelectorAll<SVGSVGElement>('svg.ms-plot')];
  expect(svgs.map((s) => s.dataset.plot)).toEqual(['histogram', 'ecdf', 'histogram', 'ecdf', 'bars']);
  for (const svg of svgs) {
    const box = svg.getBoundingClientRect();
    expect(box.width).toBeGreaterThan(300);
    expect(box.height).toBeGreaterThan(150);
  }
  const curve = document.querySelector<SVGPathElement>('path.ecdf-current') as SVGPathElement;
  expect(curve.getTotalLength()).toBeGreaterThan(200);
  const bars = [...document.querySelectorAll<SVGRectElement>('svg[data-plot="histogram"] rect')].filter(
    (r) => r.getBBox().height > 1,
  );
  expect(bars.length).toBeGreaterThan(10);

  const shot = await page.screenshot({ save: false });
  const data = await pixels(shot);
  let current = 0;
  let reference = 0;
  for (let i = 0; i < data.length; i += 4) {
    const [r, g, b] = [data[i] as number, data[i + 1] as number, data[i + 2] as number];
    if (r > 180 && g < 80 && b < 80) current++; // #dc2626
    if (Math.abs(r - 100) < 25 && Math.abs(g - 116) < 25 && Math.abs(b - 139) < 25) reference++; // #64748b
  }
  expect(current).toBeGreaterThan(500);
  expect(reference).toBeGreaterThan(500);
});
