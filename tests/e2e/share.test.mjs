// Sharing as people do it: a link made in one browser opens in another with the same topology
// and the same trace, beside the reader's own saved work; broken links say what is wrong, open
// nothing, and the app and its saved work stay as they were.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
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

async function fresh(own) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  if (own) {
    await context.addInitScript((text) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('vpcplay.document', text);
        sessionStorage.setItem('seeded', '1');
      }
    }, own);
  }
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return { context, page, errors };
}

/** Every drawn object with its frame, as the canvas shows it. */
const drawn = (page) =>
  page.locator('[data-panel="canvas"] [data-object-id] > .frame').evaluateAll((els) =>
    els.map((e) => {
      const id = e.parentElement.getAttribute('data-object-id');
      return [id, e.getAttribute('width'), e.getAttribute('height'), e.parentElement.getAttribute('transform')];
    }).sort(),
  );

/** Runs a flow and returns its verdict and hop texts. */
async function traceOf(page, flow) {
  await page.click('[data-tab="flows"]');
  await page.click(`[data-flow-name="${flow}"] [data-action="run-flow"]`);
  await page.locator('[data-panel="trace"] [data-verdict]').waitFor();
  return page.locator('[data-panel="trace"]').evaluate((el) => ({
    verdict: el.querySelector('[data-verdict]').textContent,
    hops: [...el.querySelectorAll('[data-hop-index]')].map((h) => h.textContent),
  }));
}

test('a link copied in one browser opens the same topology and trace in a fresh one', async () => {
  const a = await fresh();
  await a.page.goto(`${server.url}?example=service-network`);
  await a.page.locator('.status', { hasText: 'opened the example' }).waitFor({ timeout: 30_000 });
  // An edit before sharing travels with the link.
  await a.page.click('[data-object-id="i-web"] > .frame');
  await a.page.keyboard.press('ArrowRight');
  await a.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await a.page.click('[data-action="share"]');
  await a.page.locator('.status', { hasText: /a link of \d+ characters/ }).waitFor();
  const link = await a.page.locator('[data-share-link]').inputValue();
  const copied = await a.page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, link, 'the link is on the clipboard');
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#2[A-Za-z0-9_-]+$/);
  console.log(`share: the service-network example is a link of ${link.length} characters`);
  await screenshot(a.page, 'share-1-link');
  const shapes = await drawn(a.page);
  const trace = await traceOf(a.page, 'anonymous call from batch is denied');

  const own = JSON.stringify({ version: 1, name: 'Mine', vpcs: [{ id: 'vpc-mine', cidrs: ['10.9.0.0/16'], position: { x: 40, y: 40 } }] });
  const b = await fresh(own);
  await b.page.goto(link);
  await b.page.locator('.status', { hasText: 'opened the shared topology' }).waitFor({ timeout: 30_000 });
  assert.deepEqual(await drawn(b.page), shapes, 'the same objects in the same places');
  assert.deepEqual(await traceOf(b.page, 'anonymous call from batch is denied'), trace, 'the same trace');
  assert.deepEqual(JSON.parse(await b.page.evaluate(() => localStorage.getItem('vpcplay.document'))), JSON.parse(own), "the reader's own work is untouched");
  await screenshot(b.page, 'share-2-opened');
  // The reader's own work is one click away, and still there after a reload.
  await b.page.click('[data-action="back-to-mine"]');
  await b.page.locator('[data-object-id="vpc-mine"]').waitFor({ timeout: 30_000 });
  await b.page.reload();
  await b.page.locator('[data-object-id="vpc-mine"]').waitFor({ timeout: 30_000 });
  assert.deepEqual(a.errors, []);
  assert.deepEqual(b.errors, []);
  await a.context.close();
  await b.context.close();
});

test('broken links say what is wrong, open nothing, and leave the saved work alone', async () => {
  const own = JSON.stringify({ version: 1, name: 'Mine', vpcs: [{ id: 'vpc-mine', cidrs: ['10.9.0.0/16'], position: { x: 40, y: 40 } }] });
  const a = await fresh();
  await a.page.goto(`${server.url}?example=lattice-service`);
  await a.page.locator('.status', { hasText: 'opened the example' }).waitFor({ timeout: 30_000 });
  await a.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await a.page.click('[data-action="share"]');
  const good = (await a.page.locator('[data-share-link]').inputValue()).split('#')[1];
  await a.context.close();
  // Mutations of a good fragment, and plain nonsense.
  let seed = 7;
  const rand = (n) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const broken = ['', '9abc', 'x', '1', '1!!!', good.slice(0, good.length / 2), `${good}AAAA`, '1' + 'A'.repeat(300000)];
  for (let i = 0; i < 24; i++) {
    const at = 1 + rand(good.length - 1);
    broken.push(good.slice(0, at) + alphabet[rand(alphabet.length)] + good.slice(at + 1));
  }
  const b = await fresh(own);
  let refused = 0;
  for (const [n, fragment] of broken.entries()) {
    // A new query each time: a full load, as when a link is opened from elsewhere.
    await b.page.goto(`${server.url}?n=${n}#${fragment}`);
    await b.page.locator('[data-object-id]').first().waitFor({ timeout: 30_000 });
    const status = await b.page.locator('.status-line').textContent();
    if (fragment === '') {
      assert.ok(!status.includes('cannot be opened'), 'an empty fragment is no link');
      continue;
    }
    // A mutation may still be a valid document; then it opens as a shared topology.
    if (status.includes('opened the shared topology')) continue;
    assert.match(status, /this link cannot be opened: .+\. Your own topology is shown instead/, `#${fragment.slice(0, 40)}…: ${status}`);
    refused++;
    assert.ok(await b.page.locator('[data-object-id="vpc-mine"]').count(), 'the own topology is shown');
    const saved = await b.page.evaluate(() => localStorage.getItem('vpcplay.document'));
    assert.deepEqual(JSON.parse(saved), JSON.parse(own), 'the saved work is intact');
  }
  console.log(`share: ${refused} of ${broken.length - 1} broken links refused with a reason`);
  assert.ok(refused >= broken.length - 6, `${refused} refused`);
  await screenshot(b.page, 'share-3-broken');
  assert.deepEqual(b.errors, []);
  await b.context.close();
});
