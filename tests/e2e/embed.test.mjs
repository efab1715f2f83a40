// Embedding, as a documentation site does it: the example page carries one playground in a frame
// (`?embed`) and one as the <vpc-playground> element; both draw, play their flow and show the
// verdict; a step in the link stops the packet at that hop; broken input says what is wrong in the
// frame; the light viewer loads without the playground's own download.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { serveDist, launchBrowser, screenshot, distDir } from './harness.mjs';

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

async function fresh({ reducedMotion = 'no-preference' } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion });
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  context.on('request', (r) => requests.push(r.url()));
  return { context, page, errors, requests };
}

/** What one viewer shows, read from its shadow root. */
const state = (viewer) =>
  viewer.evaluate((el) => {
    const r = el.shadowRoot;
    const packet = r.querySelector('[data-packet]');
    const verdict = r.querySelector('[data-verdict]');
    const message = r.querySelector('[data-message]');
    return {
      state: el.dataset.state,
      objects: r.querySelectorAll('[data-object-id]').length,
      packet: packet.hasAttribute('hidden') ? null : [Number(packet.getAttribute('cx')), Number(packet.getAttribute('cy'))],
      verdict: verdict.hidden ? null : verdict.dataset.verdict,
      verdictText: verdict.textContent,
      hops: r.querySelectorAll('[data-hop-index]').length,
      current: r.querySelector('[data-hop-index][aria-current]')?.dataset.hopIndex ?? null,
      message: message.hidden ? null : message.textContent,
      open: r.querySelector('[data-open]').hidden ? null : r.querySelector('[data-open]').href,
      viewBox: r.querySelector('svg').getAttribute('viewBox'),
    };
  });

/** Samples the packet while it plays: the positions seen, until the verdict shows. */
async function watch(viewer, timeout = 20000) {
  const seen = new Set();
  const t0 = Date.now();
  let s;
  do {
    s = await state(viewer);
    if (s.packet) seen.add(s.packet.join(','));
    if (s.verdict) break;
    await new Promise((ok) => setTimeout(ok, 60));
  } while (Date.now() - t0 < timeout);
  return { seen, last: s };
}

test('the documentation page shows both playgrounds, and each plays its flow', async () => {
  const { context, page, errors, requests } = await fresh();
  await page.goto(`${server.url}docs-example.html`);
  const framed = page.frameLocator('#framed').locator('vpc-playground');
  const element = page.locator('#element');
  const [a, b] = await Promise.all([watch(framed), watch(element)]);

  // The frame: the gateway endpoint's flow plays to its end and is delivered.
  assert.equal(a.last.state, 'ready');
  assert.ok(a.last.objects >= 5, `the frame draws the topology (${a.last.objects} objects)`);
  assert.ok(a.seen.size >= 3, `the packet moved in the frame (${a.seen.size} positions)`);
  assert.equal(a.last.verdict, 'delivered');
  assert.equal(Number(a.last.current), a.last.hops - 1, 'the frame stops at the last hop');
  assert.match(a.last.open, /\/#1[A-Za-z0-9_-]+$/, 'the frame links to the playground');

  // The element: step="9" plays up to the ninth hop and stops there.
  assert.equal(b.last.state, 'ready');
  assert.ok(b.last.objects >= 8, `the element draws the topology (${b.last.objects} objects)`);
  assert.ok(b.seen.size >= 2, `the packet moved in the element (${b.seen.size} positions)`);
  assert.equal(b.last.verdict, 'delivered');
  assert.equal(b.last.current, '8', 'step=9 lands on the ninth hop');
  assert.ok(b.last.hops > 9);
  await page.waitForTimeout(1500);
  assert.equal((await state(element)).current, '8', 'and stays there');

  // One wasm download serves the page, however many viewers; the playground's is never fetched.
  const wasm = requests.filter((u) => u.endsWith('.wasm'));
  assert.ok(wasm.every((u) => u.endsWith('/embed/viewer_bg.wasm')), wasm.join(' '));
  assert.ok(wasm.length <= 2, `the viewer's wasm is fetched once per document (${wasm.length})`);
  await screenshot(page, 'embed-docs-page');

  // Play again runs the element's flow on to its end.
  await element.evaluate((el) => el.shadowRoot.querySelector('[data-action=play]').click());
  const c = await watch(element);
  await page.waitForFunction(
    () => {
      const r = document.querySelector('#element').shadowRoot;
      return r.querySelector('[data-action=play]').textContent === 'Play';
    },
    null,
    { timeout: 20000 },
  );
  const end = await state(element);
  assert.equal(Number(end.current), end.hops - 1, 'Play goes on to the end');
  assert.ok(c.seen.size >= 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('?embed on the playground opens the light viewer at the hop the link names', async () => {
  const { context, page, errors, requests } = await fresh();
  await page.goto(`${server.url}?embed&example=gateway-endpoint&flow=app+reads+a+report&step=2`);
  await page.waitForURL(/\/embed\/\?embed&example=gateway-endpoint/);
  const viewer = page.locator('vpc-playground');
  const { last } = await watch(viewer);
  assert.equal(last.current, '1', 'step=2 is the second hop');
  assert.equal(last.verdict, 'delivered');
  assert.equal(last.message, null);
  const box = await viewer.boundingBox();
  assert.ok(box.height >= 790 && box.width >= 1270, `the viewer fills the frame (${box.width}×${box.height})`);
  // The playground never started: the redirect comes before its script (the browser may have
  // begun fetching what the page preloads; the snippets link to embed/ directly).
  assert.ok(requests.some((u) => u.endsWith('/embed/viewer_bg.wasm')));
  assert.equal(await page.evaluate(() => document.querySelector('[data-panel]')), null);
  await screenshot(page, 'embed-deep-link');

  // Pan and zoom move the view, Fit brings the whole drawing back.
  const before = last.viewBox;
  const svg = viewer.locator('svg');
  const sb = await svg.boundingBox();
  await page.mouse.move(sb.x + sb.width / 2, sb.y + sb.height / 2);
  await page.mouse.wheel(0, -400);
  const zoomed = (await state(viewer)).viewBox;
  assert.notEqual(zoomed, before, 'the wheel zooms');
  assert.ok(Number(zoomed.split(' ')[2]) < Number(before.split(' ')[2]), 'zooming in shows less');
  await page.mouse.down();
  await page.mouse.move(sb.x + sb.width / 2 + 120, sb.y + sb.height / 2 + 40, { steps: 4 });
  await page.mouse.up();
  const panned = (await state(viewer)).viewBox;
  assert.notEqual(panned.split(' ').slice(0, 2).join(), zoomed.split(' ').slice(0, 2).join(), 'dragging pans');
  assert.equal(panned.split(' ')[2], zoomed.split(' ')[2], 'panning keeps the zoom');
  await viewer.evaluate((el) => el.shadowRoot.querySelector('[data-action=fit]').click());
  assert.equal((await state(viewer)).viewBox, before);

  // Clicking a hop goes to it.
  await viewer.evaluate((el) => el.shadowRoot.querySelector('[data-hop-index="3"]').click());
  assert.equal((await state(viewer)).current, '3');
  assert.deepEqual(errors, []);
  await context.close();
});

test('"Open in the playground" carries the topology, and the viewer opens such links too', async () => {
  const { context, page, errors } = await fresh({ reducedMotion: 'reduce' });
  await page.goto(`${server.url}embed/?example=service-network&flow=${encodeURIComponent('signed call from the web tier')}`);
  const viewer = page.locator('vpc-playground');
  const { last } = await watch(viewer);
  assert.ok(last.verdict, `with reduced motion the flow still plays to its verdict: ${JSON.stringify(last)}`);
  assert.ok(last.open);
  const objects = last.objects;

  // The same topology through the link's fragment, in the viewer…
  const fragment = new URL(last.open).hash;
  await page.goto(`${server.url}embed/${fragment}`);
  await page.waitForFunction(() => document.querySelector('vpc-playground')?.dataset.state === 'ready');
  assert.equal((await state(viewer)).objects, objects);

  // …and in the playground itself, as a document of its own.
  await page.goto(last.open);
  await page.locator('[data-panel="canvas"] [data-object-id]').first().waitFor();
  assert.equal(await page.locator('[data-panel="canvas"] [data-object-id]').count(), objects);
  assert.deepEqual(errors, []);
  await context.close();
});

test('broken input shows what is wrong inside the frame, never a blank or a crash', async () => {
  const { context, page, errors } = await fresh();
  await page.goto(`${server.url}embed/`);
  await page.waitForFunction(() => document.querySelector('vpc-playground')?.dataset.state === 'error');
  const cases = [
    ['no source', {}, /Nothing to show/],
    ['404', { src: '../examples/no-such-example.json' }, /could not be loaded: the server answered 404/],
    ['not JSON', { src: 'data:application/json,{"version": 1, "vpcs": [' }, /not a topology document/],
    ['unknown flow', { src: '../examples/gateway-endpoint.json', flow: 'no such flow' }, /no flow named “no such flow”.*app reads a report/],
    ['step past the end', { src: '../examples/gateway-endpoint.json', flow: 'app reads a report', step: '99' }, /Step “99” is out of range: this flow has \d+ hops/],
    ['damaged link', { topology: '1AAAA!' }, /does not hold a topology/],
    ['step without a flow', { src: '../examples/gateway-endpoint.json', step: '2' }, /A step needs a flow/],
  ];
  await page.evaluate((cases) => {
    document.body.replaceChildren();
    document.body.style.overflow = 'auto';
    for (const [name, attrs] of cases) {
      const el = document.createElement('vpc-playground');
      el.id = 'case-' + name.replace(/\W+/g, '-');
      el.setAttribute('height', '160px');
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      document.body.append(el);
    }
  }, cases.map(([n, a]) => [n, a]));
  for (const [name, , want] of cases) {
    const viewer = page.locator(`#case-${name.replace(/\W+/g, '-')}`);
    await page.waitForFunction(
      (id) => {
        const el = document.getElementById(id);
        return el.dataset.state === 'error' || (el.dataset.state === 'ready' && !el.shadowRoot.querySelector('[data-message]').hidden);
      },
      `case-${name.replace(/\W+/g, '-')}`,
      { timeout: 10000 },
    );
    const s = await state(viewer);
    assert.match(s.message ?? '', want, `${name}: ${s.message}`);
  }
  await screenshot(page, 'embed-broken-input');
  assert.deepEqual(errors.filter((e) => !/404/.test(e)), []);
  await context.close();
});

test('the embed bundle stays small (printed)', () => {
  const dir = join(distDir, 'embed');
  const files = readdirSync(dir).filter((f) => f.endsWith('.wasm') || f.endsWith('.js'));
  let total = 0;
  for (const f of files) {
    const br = brotliCompressSync(readFileSync(join(dir, f)), {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length;
    total += br;
    console.log(`embed bundle: ${f} ${br} bytes brotli`);
  }
  console.log(`embed bundle: total ${total} bytes brotli (wasm + JS; budget 180000)`);
  assert.ok(total <= 180000, `the embed bundle is ${total} bytes`);
});
