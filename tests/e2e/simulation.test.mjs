// Sending requests as a person does: compose one, watch the packet travel, read the trace, run the
// saved flows of every example, send a batch, ask who can reach an object, and see what an edit
// changed. Examples are opened by link (`?example=NAME`), which never touches the saved work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { serveDist, launchBrowser, openPage, screenshot } from './harness.mjs';

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

/** Opens an example by link and waits for its objects. */
async function openExample(name, options) {
  const opened = await openPage(browser, `${server.url}?example=${name}`, options);
  await opened.page.locator('.status', { hasText: 'opened the example' }).waitFor({ timeout: 30_000 });
  return opened;
}

/** Fills a composer field by its stable name. */
async function fill(page, field, value) {
  await page.fill(`[data-panel="composer"] [data-field="${field}"]`, value);
}

/** The packet's position on screen. */
async function packetAt(page) {
  const box = await page.locator('[data-packet]').boundingBox();
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** The index of the hop marked current in the trace panel. */
async function currentHop(page) {
  return Number(await page.locator('[data-panel="trace"] .hop.current').getAttribute('data-hop-index'));
}

/** Waits until hop `n` is the current one, and returns it. */
async function expectHop(page, n) {
  await page.locator(`[data-panel="trace"] .hop.current[data-hop-index="${n}"]`).waitFor({ timeout: 5_000 });
  return currentHop(page);
}

test('a delivered request: composed, traced hop by hop, the packet moves, step back and forward', async () => {
  const { page, problems } = await openExample('lattice-service');
  await page.click('[data-tab="request"]');
  await fill(page, 'from', 'i-client');
  await fill(page, 'to', 'checkout.example.com');
  await page.selectOption('[data-field="protocol"]', 'https');
  await fill(page, 'path', '/cart');
  await fill(page, 'headers', 'X-Beta: YES');
  // Enter in a field sends, as the Send button does.
  await page.press('[data-panel="composer"] [data-field="path"]', 'Enter');
  const verdict = page.locator('[data-panel="trace"] [data-verdict]');
  await verdict.waitFor();
  assert.equal(await verdict.getAttribute('data-verdict'), 'delivered');
  assert.match(await verdict.textContent(), /Delivered to i-v2/);
  const hops = page.locator('[data-panel="trace"] [data-hop-index]');
  assert.ok((await hops.count()) >= 8, `${await hops.count()} hops`);
  const text = await page.locator('[data-panel="trace"] .hops').textContent();
  for (const expected of ['i-client', 'checkout.example.com', 'svc-checkout', 'tg-v2', 'i-v2']) {
    assert.ok(text.includes(expected), `the hops mention ${expected}`);
  }
  // The header kept the case it was typed in, and rule links go to the AWS documentation.
  assert.ok(await page.locator('[data-panel="trace"] a.cite[href^="https://docs.aws.amazon.com/"]').count() > 3);

  // The packet travels over the canvas.
  const start = await packetAt(page);
  await page.screenshot({ path: 'tests/e2e/artifacts/sim-1-delivered-moving.png' });
  await page.waitForFunction(() => !document.querySelector('[data-action="play"]').hidden, null, { timeout: 20_000 });
  const end = await packetAt(page);
  assert.ok(Math.hypot(end.x - start.x, end.y - start.y) > 100, `the packet moved from ${JSON.stringify(start)} to ${JSON.stringify(end)}`);
  await page.locator('[data-mark="delivered"][data-mark-at="i-v2"]').waitFor();
  await screenshot(page, 'sim-2-delivered');

  // Step back then forward lands on the same hop, and the packet with it.
  const last = await currentHop(page);
  await page.click('[data-action="step-back"]');
  assert.equal(await expectHop(page, last - 1), last - 1);
  const back = await packetAt(page);
  await page.click('[data-action="step-back"]');
  assert.equal(await expectHop(page, last - 2), last - 2);
  await page.click('[data-action="step-forward"]');
  assert.equal(await expectHop(page, last - 1), last - 1);
  assert.deepEqual(await packetAt(page), back, 'the packet is back where it was');
  await page.click('[data-action="step-forward"]');
  assert.equal(await expectHop(page, last), last);

  // Selecting a hop selects its component on the canvas.
  await page.click('[data-panel="trace"] [data-hop-index="0"] .hop-head');
  assert.equal(await expectHop(page, 0), 0);
  await page.locator('[data-object-id="i-client"].selected').waitFor();
  assert.deepEqual(problems, [], 'no console errors or uncaught exceptions');
});

test('a blocked flow stops at the component that blocks it, with the reason and the deciding statement', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { page, problems } = await openExample('service-network', { colorScheme });
    await page.click('[data-tab="flows"]');
    await page.click('[data-flow-name="anonymous call from batch is denied"] [data-action="run-flow"]');
    const verdict = page.locator('[data-panel="trace"] [data-verdict]');
    await verdict.waitFor();
    assert.equal(await verdict.getAttribute('data-verdict'), 'blocked');
    assert.match(await verdict.textContent(), /Blocked at sn-shop/);
    assert.equal(await page.locator('[data-panel="trace"] [data-reason]').getAttribute('data-reason'), 'lattice_service_network_auth_denied');
    assert.match(await page.locator('[data-panel="trace"] .verdict-detail').textContent(), /no statement allows/);
    // The policy hop says why the allow did not apply.
    assert.match(await page.locator('[data-panel="trace"] .hops').textContent(), /condition `StringEquals` on `aws:PrincipalOrgID`.*does not hold/);
    // The packet stops at the blocking component, which is marked with the reason.
    const mark = page.locator('[data-mark="blocked"][data-mark-at="sn-shop"]');
    await mark.waitFor({ timeout: 20_000 });
    assert.match(await mark.textContent(), /lattice_service_network_auth_denied/);
    const packet = await packetAt(page);
    const frame = await page.locator('[data-object-id="sn-shop"] > .frame').boundingBox();
    assert.ok(packet.x >= frame.x && packet.x <= frame.x + frame.width && packet.y >= frame.y && packet.y <= frame.y + frame.height, 'the packet rests on sn-shop');
    assert.equal(await page.locator('[data-flow-name="anonymous call from batch is denied"]').getAttribute('data-flow-result'), 'pass');
    await screenshot(page, `sim-3-blocked-${colorScheme}`);
    assert.deepEqual(problems, [], 'no console errors or uncaught exceptions');
    await page.context().close();
  }
});

test('run all marks every flow of every example with its expected result', async () => {
  const names = (await readdir('static/examples')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
  assert.ok(names.length >= 7);
  for (const name of names) {
    const { page, problems } = await openExample(name);
    await page.click('[data-tab="flows"]');
    const rows = page.locator('[data-flow-name]');
    const n = await rows.count();
    assert.ok(n >= 1, `${name} has flows`);
    await page.click('[data-action="run-all-flows"]');
    await page.locator('.status', { hasText: 'ran every flow' }).waitFor();
    const results = await rows.evaluateAll((els) => els.map((e) => [e.dataset.flowName, e.dataset.flowResult]));
    for (const [flow, result] of results) {
      assert.equal(result, 'pass', `${name}: flow “${flow}”`);
    }
    await screenshot(page, `sim-flows-${name}`);
    assert.deepEqual(problems, [], `${name}: no console errors`);
    await page.context().close();
  }
});

test('a 1,000-request batch streams over the canvas and counts near the configured weights', async () => {
  const { page, problems } = await openExample('lattice-service');
  await page.click('[data-tab="request"]');
  await fill(page, 'from', 'i-client');
  await fill(page, 'to', 'checkout.example.com');
  await page.selectOption('[data-field="protocol"]', 'https');
  await fill(page, 'path', '/cart/items');
  await page.click('[data-action="batch-1000"]');
  await page.locator('[data-panel="batch"]').waitFor();
  // Packets in flight: the stream holds many dots at once.
  await page.waitForFunction(() => (document.querySelector('[data-batch-stream]').getAttribute('d').match(/M/g) || []).length > 200, null, { timeout: 10_000 });
  await screenshot(page, 'sim-4-batch-streaming');
  const count = async (id) => Number(await page.locator(`[data-panel="batch"] tr[data-counter="${id}"]`).first().getAttribute('data-count'));
  const v1 = await count('tg-v1');
  const v2 = await count('tg-v2');
  assert.equal(v1 + v2, 1000);
  assert.ok(Math.abs(v1 / 10 - 80) <= 5, `tg-v1 got ${v1 / 10}% for a weight of 80`);
  assert.ok(Math.abs(v2 / 10 - 20) <= 5, `tg-v2 got ${v2 / 10}% for a weight of 20`);
  assert.equal(await page.locator('[data-panel="batch"] tr[data-counter="tg-v1"]').getAttribute('data-weight'), '80');
  await page.waitForFunction(() => document.querySelector('[data-batch-arrived]').textContent === '1000', null, { timeout: 20_000 });
  await screenshot(page, 'sim-5-batch-done');
  assert.deepEqual(problems, [], 'no console errors or uncaught exceptions');
});

test('the composer refuses nonsense next to the field, and the app keeps working', async () => {
  const { page, problems } = await openExample('lattice-service');
  await page.click('[data-tab="request"]');
  const error = (field) => page.locator(`[data-panel="composer"] [data-error-for="${field}"]`).textContent();
  await page.click('[data-action="send"]');
  assert.match(await error('from'), /choose where the request starts/);
  assert.match(await error('to'), /give a destination/);
  await fill(page, 'from', 'i-client');
  await fill(page, 'to', 'nowhere');
  await fill(page, 'port', '70000');
  await fill(page, 'headers', 'X-Beta YES');
  await page.click('[data-action="send"]');
  assert.match(await error('to'), /`nowhere` is not an object of this topology/);
  assert.match(await error('port'), /port 70000 is out of range/);
  assert.match(await error('headers'), /line 1: `X-Beta YES` is not `Name: value`/);
  assert.equal(await page.locator('[data-field="port"]').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('[data-panel="trace"] [data-verdict]').count(), 0, 'nothing was sent');
  await screenshot(page, 'sim-6-refused');
  // Fixed, it sends.
  await fill(page, 'to', 'checkout.example.com');
  await fill(page, 'port', '443');
  await fill(page, 'headers', 'X-Beta: YES');
  await fill(page, 'path', '/cart');
  await page.selectOption('[data-field="protocol"]', 'https');
  await page.click('[data-action="send"]');
  await page.locator('[data-panel="trace"] [data-verdict="delivered"]').waitFor();
  assert.equal(await error('port'), '');
  assert.deepEqual(problems, [], 'no console errors or uncaught exceptions');
});

test('save as flow is undoable; an edit that changes a verdict flags the flow; who can reach', async () => {
  const { page, problems } = await openExample('service-network');
  await page.click('[data-tab="request"]');
  await fill(page, 'from', 'i-web');
  await fill(page, 'to', 'svc-inventory');
  await page.click('[data-action="send"]');
  await page.locator('[data-panel="trace"] [data-verdict]').waitFor();
  await page.click('[data-action="save-flow"]');
  await page.fill('[data-field="flow-name"]', 'anonymous web call');
  await page.click('[data-action="save-flow-confirm"]');
  await page.click('[data-tab="flows"]');
  await page.locator('[data-flow-name="anonymous web call"]').waitFor();
  await page.click('[data-action="undo"]');
  await page.locator('[data-flow-name="anonymous web call"]').waitFor({ state: 'detached' });
  await page.click('[data-action="redo"]');
  await page.locator('[data-flow-name="anonymous web call"]').waitFor();

  // Run all, then remove the web VPC's association: the signed call is newly blocked.
  await page.click('[data-action="run-all-flows"]');
  await page.locator('[data-flow-name="signed call from the web tier"][data-flow-result="pass"]').waitFor();
  const link = page.locator('[data-link="vpc-web->sn-shop"], [data-link="sn-shop->vpc-web"]').first();
  await link.focus();
  await page.keyboard.press('Delete');
  const changed = page.locator('[data-flow-name="signed call from the web tier"][data-flow-change="newly-blocked"]');
  await changed.waitFor();
  assert.equal(await changed.getAttribute('data-flow-result'), 'fail');
  await page.locator('.status', { hasText: 'this edit changed' }).waitFor();
  await screenshot(page, 'sim-7-what-changed');
  await page.click('[data-action="undo"]');
  await page.locator('[data-flow-name="signed call from the web tier"][data-flow-change="newly-allowed"]').waitFor();

  // Who can reach the inventory instance?
  await page.click('[data-object-id="i-inv"] > .frame');
  await page.click('[data-tab="flows"]');
  await page.click('[data-action="who-can-reach"]');
  const rows = page.locator('[data-panel="reach"] [data-reach-source]');
  await rows.first().waitFor();
  assert.ok((await rows.count()) >= 2);
  assert.ok((await page.locator('[data-reach-mark]').count()) >= 2, 'sources are marked on the canvas');
  await screenshot(page, 'sim-8-who-can-reach');
  assert.deepEqual(problems, [], 'no console errors or uncaught exceptions');
});

test('an example opened by link never touches the saved work', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const own = JSON.stringify({ version: 1, name: 'Mine', vpcs: [{ id: 'vpc-mine', cidrs: ['10.9.0.0/16'], position: { x: 40, y: 40 } }] });
  await context.addInitScript((text) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('vpcplay.document', text);
      sessionStorage.setItem('seeded', '1');
    }
  }, own);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}?example=gateway-endpoint`);
  await page.locator('[data-object-id="vpc-app"]').waitFor({ timeout: 30_000 });
  await page.locator('[data-object-id="i-app"] > .frame').click();
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => localStorage.getItem('vpcplay.document')), own, 'the saved work is untouched');
  await screenshot(page, 'sim-9-linked-example');
  await page.click('[data-action="back-to-mine"]');
  await page.locator('[data-object-id="vpc-mine"]').waitFor({ timeout: 30_000 });
  // A link to no example says so and opens the reader's own work.
  await page.goto(`${server.url}?example=no-such-thing`);
  await page.locator('.status-error', { hasText: 'there is no example named `no-such-thing`' }).waitFor({ timeout: 30_000 });
  await page.locator('[data-object-id="vpc-mine"]').waitFor();
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('vpcplay.document')));
  assert.equal(saved.name, 'Mine');
  assert.deepEqual(saved.vpcs.map((v) => v.id), ['vpc-mine']);
  assert.deepEqual(errors, []);
  await context.close();
});
