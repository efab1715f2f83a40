// Benchmark, not a timed test: 1,000 packets in flight over a 500-object document, against the
// floor of the same drawing — a minimal page that animates 1,000 dots the same way (one SVG path
// of round-capped dots, rewritten on every requestAnimationFrame). Both run in the same headless
// Chromium, one after the other, and the figures are printed side by side. The goal is a p95
// frame interval within 1.5 times the floor's; the only assertion is a loose ceiling that a real
// regression (work per frame growing with the document) would cross.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDist, launchBrowser, screenshot } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await serveDist();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const FRAME_MS = 1000 / 60;
const GOAL_RATIO = 1.5;
/** Loose ceiling for the app's p95 frame interval: a frame budget several times over. */
const CEILING_MS = 200;

/**
 * Records requestAnimationFrame intervals for `ms` milliseconds in the page, and the work each
 * frame did (the `sim-frame` measures around the drawing code).
 */
function recordFrames(page, ms) {
  return page.evaluate(
    (ms) =>
      new Promise((done) => {
        performance.clearMeasures('sim-frame');
        const times = [];
        const start = performance.now();
        const frame = (t) => {
          times.push(t);
          if (t - start < ms) requestAnimationFrame(frame);
          else
            done({
              intervals: times.slice(1).map((t, i) => t - times[i]),
              work: performance.getEntriesByName('sim-frame').map((e) => e.duration),
            });
        };
        requestAnimationFrame(frame);
      }),
    ms,
  );
}

function quantiles(xs) {
  const sorted = [...xs].sort((a, b) => a - b);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  return { p50: q(0.5), p95: q(0.95) };
}

function summary({ intervals, work }) {
  const dropped = intervals.reduce((n, d) => n + Math.max(0, Math.round(d / FRAME_MS) - 1), 0);
  return { frames: intervals.length, ...quantiles(intervals), dropped, work: quantiles(work) };
}

const line = (name, s) =>
  `${name.padEnd(44)} frames ${String(s.frames).padStart(4)}  interval p50 ${s.p50.toFixed(1).padStart(5)} ms  p95 ${s.p95.toFixed(1).padStart(5)} ms  dropped ${String(s.dropped).padStart(3)}  ` +
  `work per frame p50 ${s.work.p50.toFixed(2).padStart(5)} ms  p95 ${s.work.p95.toFixed(2).padStart(5)} ms`;

/** The floor: 1,000 dots moving along straight lines, drawn as one path per frame. */
const FLOOR = `<!doctype html><html><body style="margin:0">
<svg width="1280" height="800"><path id="dots" fill="none" stroke="#e8590c" stroke-width="7" stroke-linecap="round" d="M0 0"/></svg>
<script>
const n = 1000, el = document.getElementById('dots');
const legs = Array.from({ length: n }, (_, i) => [((i * 37) % 1200), ((i * 53) % 760), ((i * 71) % 1200), ((i * 29) % 760)]);
let t0 = null;
function frame(now) {
  performance.mark('sim-frame');
  if (t0 === null) t0 = now;
  const s = ((now - t0) / 3000) % 1;
  let d = '';
  for (let i = 0; i < n; i++) {
    const [x0, y0, x1, y1] = legs[i];
    const f = (s + i / n) % 1;
    d += 'M' + (x0 + (x1 - x0) * f).toFixed(1) + ' ' + (y0 + (y1 - y0) * f).toFixed(1) + 'h0';
  }
  el.setAttribute('d', d);
  performance.measure('sim-frame', 'sim-frame');
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);
</script></body></html>`;

test('animation cost: 1,000 packets over a 500-object document against a 1,000-dot floor', async () => {
  const bin = process.env.VPCPLAY_BIN ?? 'target/debug/vpcplay';
  assert.ok(existsSync(bin), `build the CLI first: ${bin}`);
  const doc = JSON.parse(execFileSync(bin, ['gen', '--objects', '500', '--seed', '7'], { encoding: 'utf8' }));
  // The flow whose trace is longest, so the packets cross the canvas.
  let flow = null;
  let longest = 0;
  const file = join(mkdtempSync(join(tmpdir(), 'vpcplay-')), 'generated.json');
  writeFileSync(file, JSON.stringify(doc));
  for (const f of doc.flows) {
    // Exit 1 means blocked, which is still a trace.
    const run = spawnSync(bin, ['trace', file, '--from', f.request.from, '--to', f.request.to, '--json'], { encoding: 'utf8' });
    const hops = run.stdout ? JSON.parse(run.stdout).hops.length : 0;
    if (hops > longest) [flow, longest] = [f, hops];
  }
  assert.ok(flow, 'the generated document has a flow');

  // The floor first, in its own page.
  const floorPage = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await floorPage.setContent(FLOOR);
  await floorPage.waitForTimeout(300);
  const floor = summary(await recordFrames(floorPage, 900));
  await floorPage.context().close();

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript((text) => localStorage.setItem('vpcplay.document', text), JSON.stringify(doc));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await page.locator('[data-object-id]').first().waitFor({ timeout: 30_000 });
  const drawn = await page.locator('[data-panel="canvas"] [data-object-id]').count();
  await page.click('[data-tab="request"]');
  await page.fill('[data-field="from"]', flow.request.from);
  await page.fill('[data-field="to"]', flow.request.to);
  await page.click('[data-action="batch-1000"]');
  await page.locator('[data-panel="batch"]').waitFor();
  // Measure while the stream is full: every packet has left and none has arrived yet.
  const inFlight = () => page.evaluate(() => (document.querySelector('[data-batch-stream]').getAttribute('d').match(/M/g) || []).length);
  await page.waitForFunction(() => (document.querySelector('[data-batch-stream]').getAttribute('d').match(/M/g) || []).length > 950, null, { timeout: 10_000, polling: 'raf' });
  const [app, flying] = await Promise.all([recordFrames(page, 900), inFlight()]);
  const measured = summary(app);
  await screenshot(page, 'animation-benchmark');
  const hops = await page.locator('[data-panel="batch"]').textContent();

  console.log(`benchmark: animation, ${drawn} drawn objects, ~${flying} packets in flight (${flow.request.from} → ${flow.request.to}, ${longest} hops)`);
  console.log(`benchmark: ${line('floor (1,000 dots, one path, same drawing)', floor)}`);
  console.log(`benchmark: ${line('vpcplay batch stream', measured)}`);
  console.log(
    `benchmark: p95 frame interval ${(measured.p95 / floor.p95).toFixed(2)}× the floor's, p95 work per frame ${(measured.work.p95 / floor.work.p95).toFixed(2)}× (goal: interval p95 ≤ ${GOAL_RATIO}×)`,
  );
  assert.ok(flying >= 900, `${flying} packets in flight`);
  assert.ok(hops.includes('1000 requests'));
  assert.ok(measured.p95 < CEILING_MS, `p95 frame interval ${measured.p95.toFixed(1)} ms, above the ${CEILING_MS} ms ceiling`);
  assert.deepEqual(errors, []);
  await context.close();
});
