/**
 * The page: buttons load the clean or the tampered model (`secure-model.ts` does the checks), a
 * 280×280 pad (drawn with mouse or touch, or filled from an uploaded image or a sample digit) is
 * scaled to MNIST's 28×28, and the result and findings are shown. `window.modelsecDemo` exposes the
 * same actions for the Playwright test.
 */
import { classify, type LoadedModel, loadModel } from './secure-model';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const pad = $<HTMLCanvasElement>('pad');
const ctx = pad.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D;
const status = $('status');
const result = $('result');
const RELEASE = new URL('release/', document.baseURI).href;
let loaded: LoadedModel | undefined;

function clearPad() {
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, pad.width, pad.height);
}
clearPad();

function list(id: string, items: string[]) {
  const ul = $(id);
  ul.replaceChildren(
    ...(items.length ? items : ['none']).map((text) => {
      const li = document.createElement('li');
      li.textContent = text;
      return li;
    }),
  );
}

async function load(which: 'clean' | 'tampered') {
  loaded = undefined;
  $<HTMLButtonElement>('classify').disabled = true;
  status.className = '';
  status.dataset.state = 'loading';
  status.textContent = `Downloading and checking the ${which} model…`;
  delete result.dataset.state;
  result.textContent = '-';
  list('findings', []);
  clearPad();
  const outcome = await loadModel(RELEASE, which);
  if (outcome.ok) {
    loaded = outcome.loaded;
    const e = outcome.loaded.evidence;
    status.className = status.dataset.state = 'verified';
    status.textContent = `Verified: signature valid (signer ${e.signer.slice(0, 16)}…), scan ${e.scan.verdict}; model loaded.`;
    list('evidence', [`sha256 ${e.sha256}`, `OMS root ${e.rootDigest}`, `${e.bytes} bytes, ${e.scan.format}`]);
    $<HTMLButtonElement>('classify').disabled = false;
  } else {
    status.className = status.dataset.state = 'refused';
    status.textContent = `Refused: ${outcome.message}. The model was not loaded.`;
    list('evidence', [`error code ${outcome.code}`]);
  }
  return status.dataset.state;
}

/** The pad scaled to 28×28, pixel/255 (white ink on black, like MNIST). */
function pixels(): Float32Array {
  const small = document.createElement('canvas');
  small.width = small.height = 28;
  const s = small.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D;
  s.drawImage(pad, 0, 0, 28, 28);
  const rgba = s.getImageData(0, 0, 28, 28).data;
  return Float32Array.from({ length: 784 }, (_, i) => (rgba[i * 4] as number) / 255);
}

function show(p: Float32Array) {
  const img = ctx.createImageData(28, 28);
  p.forEach((v, i) => {
    img.data.set([v * 255, v * 255, v * 255, 255], i * 4);
  });
  const small = document.createElement('canvas');
  small.width = small.height = 28;
  (small.getContext('2d') as CanvasRenderingContext2D).putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(small, 0, 0, pad.width, pad.height);
}

async function run() {
  if (!loaded) return undefined;
  const r = await classify(loaded, pixels());
  if (r.ok) {
    const { digit, scores } = r.answer;
    result.dataset.state = typeof digit === 'number' ? 'answered' : 'abstained';
    result.textContent =
      typeof digit === 'number'
        ? `Digit ${digit} (${Object.entries(scores ?? {})
            .map(([k, v]) => `${k}: ${v}`)
            .join(', ')})`
        : `${digit}`;
    list('findings', r.findings);
  } else {
    result.dataset.state = 'refused';
    result.textContent = `Input refused: ${r.code}`;
    list('findings', [`${r.rule || 'guard'}: ${r.message}`]);
  }
  return result.textContent;
}

// Drawing.
let drawing = false;
pad.addEventListener('pointerdown', (e) => {
  drawing = true;
  ctx.beginPath();
  ctx.moveTo(e.offsetX, e.offsetY);
});
pad.addEventListener('pointermove', (e) => {
  if (!drawing) return;
  ctx.strokeStyle = '#fff';
  ctx.lineWidth = 22;
  ctx.lineCap = ctx.lineJoin = 'round';
  ctx.lineTo(e.offsetX, e.offsetY);
  ctx.stroke();
});
for (const end of ['pointerup', 'pointerleave']) pad.addEventListener(end, () => (drawing = false));

// Upload: the image is drawn onto the pad (scaled), then classified like a drawing.
$<HTMLInputElement>('upload').addEventListener('change', async (e) => {
  const file = (e.target as HTMLInputElement).files?.[0];
  if (!file) return;
  const bitmap = await createImageBitmap(file);
  clearPad();
  ctx.drawImage(bitmap, 0, 0, pad.width, pad.height);
  await run();
});

const samples = (await (await fetch(`${RELEASE}samples.json`)).json()) as { label: number; pixels: number[] }[];
$('samples').replaceChildren(
  ...samples.map((s, i) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = `Sample ${i + 1}`;
    b.addEventListener('click', () => {
      show(Float32Array.from(s.pixels, (v) => v / 255));
      void run();
    });
    return b;
  }),
);
$('load-clean').addEventListener('click', () => void load('clean'));
$('load-tampered').addEventListener('click', () => void load('tampered'));
$('clear').addEventListener('click', clearPad);
$('classify').addEventListener('click', () => void run());

/** Hooks for the end-to-end test (the same actions as the buttons). */
Object.assign(window, {
  modelsecDemo: {
    load,
    classify: run,
    showSample: (i: number) => show(Float32Array.from(samples[i]?.pixels ?? [], (v) => v / 255)),
    showPixels: (p: number[]) => show(Float32Array.from(p)),
    sampleLabels: samples.map((s) => s.label),
  },
});
document.body.dataset.ready = 'true';
