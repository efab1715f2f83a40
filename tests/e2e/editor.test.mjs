// The editor as a person uses it: build a small Lattice topology from the palette, connect it,
// make a mistake and see it refused, undo and redo, reload, export, clear and import.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
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

/** Drags a palette item onto the canvas at (x, y), relative to the canvas's top-left corner. */
async function place(page, kind, x, y) {
  const canvas = await page.locator('[data-panel="canvas"]').boundingBox();
  const item = page.locator(`[data-palette-kind="${kind}"]`);
  await item.scrollIntoViewIfNeeded();
  const from = await item.boundingBox();
  await page.mouse.move(from.x + 24, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(canvas.x + x, canvas.y + y, { steps: 8 });
  await page.mouse.up();
}

/** Drags from one object's connection handle onto another object. */
async function connect(page, from, to) {
  const handle = await page.locator(`[data-object-id="${from}"] > .handle`).boundingBox();
  const target = await page.locator(`[data-object-id="${to}"] > .frame`).boundingBox();
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + 30, target.y + target.height / 2, { steps: 8 });
  await page.mouse.up();
}

async function ids(page) {
  return page.locator('[data-panel="canvas"] [data-object-id]').evaluateAll((els) =>
    els.map((e) => e.getAttribute('data-object-id')).sort(),
  );
}

/** Waits until the saved service `id` has left the height `y`. */
function waitForPosition(page, id, y) {
  return page.waitForFunction(([id, y]) =>
    JSON.parse(localStorage.getItem('vpcplay.document')).services.find((s) => s.id === id).position.y !== y, [id, y]);
}

async function links(page) {
  return page.locator('[data-link]').evaluateAll((els) => els.map((e) => e.getAttribute('data-link')).sort());
}

async function exportDocument(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="export"]')]);
  const path = await download.path();
  return { path, text: await readFile(path, 'utf8') };
}

test('build, connect, validate, undo, reload, export and import', async () => {
  const { page, problems } = await openPage(browser, server.url);
  await page.locator('[data-object-id="vpc-1"]').waitFor({ timeout: 20_000 });

  // From an empty canvas.
  await page.click('[data-action="clear"]');
  assert.deepEqual(await ids(page), []);

  await place(page, 'vpc', 60, 60);
  await page.locator('[data-object-id="vpc-1"]').waitFor();
  await place(page, 'subnet', 100, 120);
  await page.locator('[data-object-id="subnet-1"]').waitFor();
  await place(page, 'instance', 130, 170);
  await place(page, 'service_network', 520, 40);
  await place(page, 'service', 520, 220);
  await place(page, 'target_group', 520, 400);
  assert.deepEqual(await ids(page), ['i-1', 'sn-1', 'subnet-1', 'svc-1', 'tg-1', 'vpc-1']);
  // Containment follows the model: the instance landed in the subnet, the subnet in the VPC.
  const inspectorText = await page.locator('[data-panel="inspector"]').textContent();
  assert.match(inspectorText, /Target group/);
  await screenshot(page, 'editor-1-placed');

  await connect(page, 'vpc-1', 'sn-1');
  await connect(page, 'svc-1', 'sn-1');
  await connect(page, 'svc-1', 'tg-1');
  await connect(page, 'tg-1', 'i-1');
  assert.deepEqual(await links(page), ['svc-1->sn-1', 'svc-1->tg-1', 'tg-1->i-1', 'vpc-1->sn-1']);
  await screenshot(page, 'editor-2-connected');

  // A connection the model does not have is refused, with the reason.
  await connect(page, 'subnet-1', 'sn-1');
  await assert.doesNotReject(
    page.locator('.status-error', { hasText: 'does not connect to a service network' }).waitFor({ timeout: 3_000 }),
  );
  assert.equal((await links(page)).length, 4);

  // An invalid CIDR is refused as it is typed, in the core's words, and changes nothing.
  await page.locator('[data-object-id="vpc-1"] > .frame').click({ position: { x: 200, y: 10 } });
  const cidrs = page.locator('[data-panel="inspector"] [data-field="cidrs"] input');
  await cidrs.fill('10.0.0.0/33');
  await assert.doesNotReject(
    page.locator('[data-field="cidrs"] .field-error', { hasText: '`10.0.0.0/33` is not a CIDR block' }).waitFor({ timeout: 3_000 }),
  );
  await screenshot(page, 'editor-3-invalid-cidr');
  await cidrs.press('Enter');
  assert.match(await page.locator('[data-object-id="vpc-1"]').textContent(), /10\.0\.0\.0\/16/);
  // A valid one is taken when committed.
  await cidrs.fill('10.20.0.0/16');
  await cidrs.press('Enter');
  await page.locator('[data-object-id="vpc-1"]', { hasText: '10.20.0.0/16' }).waitFor({ timeout: 3_000 });

  // Undo and redo, with the keyboard and the toolbar.
  await page.locator('[data-panel="canvas"]').focus();
  await page.keyboard.press('Control+z');
  await page.locator('[data-object-id="vpc-1"]', { hasText: '10.0.0.0/16' }).waitFor({ timeout: 3_000 });
  await page.keyboard.press('Control+z');
  assert.deepEqual(await links(page), ['svc-1->sn-1', 'svc-1->tg-1', 'vpc-1->sn-1']);
  await page.keyboard.press('Control+Shift+z');
  assert.deepEqual(await links(page), ['svc-1->sn-1', 'svc-1->tg-1', 'tg-1->i-1', 'vpc-1->sn-1']);
  await page.click('[data-action="undo"]');
  await page.click('[data-action="redo"]');
  await page.keyboard.press('Control+y');
  await page.locator('[data-object-id="vpc-1"]', { hasText: '10.20.0.0/16' }).waitFor({ timeout: 3_000 });

  // Containment follows the model: an instance dragged into another subnet moves there.
  await place(page, 'subnet', 340, 110);
  await page.locator('[data-object-id="subnet-2"]').waitFor();
  const inst = await page.locator('[data-object-id="i-1"] > .frame').boundingBox();
  const home = await page.locator('[data-object-id="subnet-2"] > .frame').boundingBox();
  await page.mouse.move(inst.x + 60, inst.y + 10);
  await page.mouse.down();
  await page.mouse.move(home.x + 16 + 60, home.y + 44 + 10, { steps: 8 });
  await page.mouse.up();
  const subnetOf = () => page.evaluate(() =>
    JSON.parse(localStorage.getItem('vpcplay.document')).instances.find((i) => i.id === 'i-1').subnet);
  assert.equal(await subnetOf(), 'subnet-2');
  assert.deepEqual(await links(page), ['svc-1->sn-1', 'svc-1->tg-1', 'tg-1->i-1', 'vpc-1->sn-1']);
  await screenshot(page, 'editor-3b-moved-between-subnets');

  // Reload: the work is still there.
  const before = await ids(page);
  await page.reload();
  await page.locator('[data-object-id="vpc-1"]').waitFor({ timeout: 20_000 });
  assert.deepEqual(await ids(page), before);
  assert.equal((await links(page)).length, 4);

  // Export, clear, import: the same document comes back.
  const first = await exportDocument(page);
  assert.match(first.text, /^\{\n  "version": 1,/);
  await page.click('[data-action="clear"]');
  assert.deepEqual(await ids(page), []);
  await page.setInputFiles('[data-action="import-file"]', first.path);
  await page.locator('[data-object-id="tg-1"]').waitFor({ timeout: 5_000 });
  const second = await exportDocument(page);
  assert.equal(second.text, first.text);
  await screenshot(page, 'editor-4-imported');

  assert.deepEqual(problems, [], 'no console errors or uncaught exceptions');
});

test('a corrupt saved document is reported and kept, never a crash', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('vpcplay.document', '{"version": 1, "vpcs": [{"id": "v", "cidrs": ["nope"]}');
      sessionStorage.setItem('seeded', '1');
    }
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await page.locator('.status-error', { hasText: 'could not be read' }).waitFor({ timeout: 20_000 });
  const kept = await page.evaluate(() => localStorage.getItem('vpcplay.document.unreadable'));
  assert.match(kept, /"nope"/);
  await screenshot(page, 'editor-corrupt-storage');
  assert.deepEqual(errors, []);
  await context.close();
});

test('marquee, snapping, renaming, panning and zooming', async () => {
  const { page, problems } = await openPage(browser, server.url);
  await page.locator('[data-object-id="vpc-1"]').waitFor({ timeout: 20_000 });
  await page.click('[data-action="clear"]');
  await place(page, 'service_network', 80, 60);
  await place(page, 'service', 80, 200);
  await place(page, 'target_group', 520, 60);
  await page.locator('[data-object-id="tg-1"]').waitFor();
  const selected = () => page.locator('[data-panel="canvas"] .selected').evaluateAll((els) =>
    els.map((e) => e.getAttribute('data-object-id')).sort());
  const canvas = await page.locator('[data-panel="canvas"]').boundingBox();

  // A marquee from the empty background selects what it wholly encloses, and only that.
  await page.mouse.move(canvas.x + 20, canvas.y + 20);
  await page.mouse.down();
  await page.mouse.move(canvas.x + 340, canvas.y + 300, { steps: 10 });
  await page.locator('[data-panel="canvas"] .marquee').waitFor();
  await screenshot(page, 'editor-5-marquee');
  await page.mouse.up();
  assert.deepEqual(await selected(), ['sn-1', 'svc-1']);
  assert.equal(await page.locator('[data-panel="canvas"] .marquee').count(), 0, 'the marquee goes away');

  // With Shift it adds to the selection; a plain click on the background clears it.
  await page.keyboard.down('Shift');
  await page.mouse.move(canvas.x + 490, canvas.y + 20);
  await page.mouse.down();
  await page.mouse.move(canvas.x + 760, canvas.y + 160, { steps: 6 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  assert.deepEqual(await selected(), ['sn-1', 'svc-1', 'tg-1']);
  await page.mouse.click(canvas.x + canvas.width - 30, canvas.y + canvas.height - 30);
  assert.deepEqual(await selected(), []);

  // Moved objects snap to the 10 px grid; with Alt held they go exactly where they are put.
  const positionOf = (id) => page.evaluate((id) =>
    JSON.parse(localStorage.getItem('vpcplay.document')).services.find((s) => s.id === id).position, id);
  const drag = async (id, dx, dy) => {
    const frame = await page.locator(`[data-object-id="${id}"] > .frame`).boundingBox();
    await page.mouse.move(frame.x + 60, frame.y + 10);
    await page.mouse.down();
    await page.mouse.move(frame.x + 60 + dx, frame.y + 10 + dy, { steps: 5 });
    await page.mouse.up();
  };
  assert.deepEqual(await positionOf('svc-1'), { x: 60, y: 180 });
  await drag('svc-1', 33, 18);
  await waitForPosition(page, 'svc-1', 180);
  assert.deepEqual(await positionOf('svc-1'), { x: 90, y: 200 });
  await page.keyboard.down('Alt');
  await drag('svc-1', 7, 3);
  await page.keyboard.up('Alt');
  await waitForPosition(page, 'svc-1', 200);
  assert.deepEqual(await positionOf('svc-1'), { x: 97, y: 203 });
  await page.mouse.click(canvas.x + canvas.width - 30, canvas.y + canvas.height - 30);

  // A badge names its findings on hover; a double-click renames.
  const badgeTitle = await page.locator('[data-object-id="tg-1"] .badge title').textContent();
  assert.match(badgeTitle, /target group `tg-1` of type `instance` needs a `vpc`/);
  const sn = await page.locator('[data-object-id="sn-1"] > .frame').boundingBox();
  await page.mouse.dblclick(sn.x + 90, sn.y + 30);
  const name = page.locator('[data-panel="inspector"] [data-field="name"] input');
  await page.waitForFunction(() => document.activeElement?.closest('[data-field="name"]'));
  await page.keyboard.type('edge network');
  await page.keyboard.press('Enter');
  await page.locator('[data-object-id="sn-1"]', { hasText: 'edge network' }).waitFor({ timeout: 3_000 });
  assert.equal(await name.inputValue(), 'edge network');
  await page.mouse.click(canvas.x + canvas.width - 30, canvas.y + canvas.height - 30);

  // The wheel pans; Ctrl+wheel zooms; Space+drag pans without selecting.
  const transform = () => page.locator('[data-panel="canvas"] .viewport').getAttribute('transform');
  const start = await transform();
  await page.mouse.move(canvas.x + 400, canvas.y + 300);
  await page.mouse.wheel(0, 120);
  await page.waitForFunction((t) => document.querySelector('.viewport').getAttribute('transform') !== t, start);
  const panned = await transform();
  assert.match(panned, /^scale\(1\) translate\(-?\d+(\.\d+)? -120\)$/, panned);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -120);
  await page.keyboard.up('Control');
  await page.waitForFunction((t) => document.querySelector('.viewport').getAttribute('transform') !== t, panned);
  assert.doesNotMatch(await transform(), /^scale\(1\)/, 'Ctrl+wheel zooms');
  const zoomed = await transform();
  await page.locator('[data-panel="canvas"]').focus();
  await page.keyboard.down(' ');
  await page.mouse.move(canvas.x + canvas.width - 60, canvas.y + canvas.height - 60);
  await page.mouse.down();
  await page.mouse.move(canvas.x + canvas.width - 160, canvas.y + canvas.height - 110, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.up(' ');
  assert.notEqual(await transform(), zoomed, 'Space+drag pans');
  assert.deepEqual(await selected(), [], 'panning selects nothing');
  assert.deepEqual(problems, [], 'no console errors or uncaught exceptions');
});

test('a file that is not a topology is refused with its reason, and the work stays', async () => {
  const { page, problems } = await openPage(browser, server.url);
  await page.locator('[data-object-id="vpc-1"]').waitFor({ timeout: 20_000 });
  const before = await ids(page);
  const open = async (name, text) => {
    await page.setInputFiles('[data-action="import-file"]', {
      name,
      mimeType: 'application/json',
      buffer: Buffer.from(text),
    });
    const status = page.locator('.status-error', { hasText: name });
    await status.waitFor({ timeout: 20_000 });
    return status.textContent();
  };
  assert.match(await open('notes.txt', 'VPC 10.0.0.0/16\n'), /`notes\.txt` is not a topology this playground can open: the document is not valid JSON: .* line 1, column 1/);
  assert.match(await open('future.json', '{"version": 99}'), /version 99, newer than this vpcplay reads/);
  assert.match(await open('typo.json', '{"version": 1, "vpcs": [{"id": "v", "cidr": "10.0.0.0/16"}]}'), /unknown field `cidr`.*`\/vpcs\/0\/cidr`/);
  const started = Date.now();
  const huge = `{"version": 1, "name": "${'x'.repeat(17 * 1024 * 1024)}"}`;
  assert.match(await open('huge.json', huge), /bytes, more than the limit of 16777216 bytes/);
  console.log(`a 17 MiB file: handing it to the page and its refusal took ${Date.now() - started} ms`);
  assert.deepEqual(await ids(page), before, 'the work on the canvas is untouched');
  await screenshot(page, 'editor-refused-import');
  assert.deepEqual(problems, [], 'no console errors or uncaught exceptions');
});

test('a full storage is reported once, stays on screen, and the work is saved when there is room', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    window.storageFull = true;
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (key === 'vpcplay.document' && window.storageFull) throw new DOMException('quota exceeded', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await page.locator('[data-object-id="vpc-1"]').waitFor({ timeout: 20_000 });
  await page.locator('.status-error', { hasText: "the browser's storage is full" }).waitFor({ timeout: 5_000 });
  const banner = page.locator('[data-banner="unsaved"]');
  await banner.waitFor({ timeout: 5_000 });
  // Editing goes on: place an object, undo it, place it again; the status line does not repeat
  // the message on every change, and the banner stays.
  await place(page, 'service_network', 600, 80);
  await page.locator('[data-object-id="sn-1"]').waitFor({ timeout: 5_000 });
  await page.keyboard.press('Control+z');
  await page.locator('[data-object-id="sn-1"]').waitFor({ state: 'detached', timeout: 5_000 });
  assert.doesNotMatch(await page.locator('.status').textContent(), /storage is full/);
  await place(page, 'service_network', 600, 80);
  await page.locator('[data-object-id="sn-1"]').waitFor({ timeout: 5_000 });
  assert.ok(await banner.isVisible(), 'the banner stays while nothing can be saved');
  assert.match(await banner.textContent(), /storage is full.*kept in this tab/);
  assert.equal(await page.evaluate(() => localStorage.getItem('vpcplay.document')), null, 'nothing saved yet');
  await screenshot(page, 'editor-storage-full');
  // Room again: the kept work is saved without another edit, and the banner goes.
  await page.evaluate(() => { window.storageFull = false; });
  await banner.waitFor({ state: 'detached', timeout: 10_000 });
  await page.locator('.status', { hasText: 'saved again' }).waitFor({ timeout: 5_000 });
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('vpcplay.document')));
  assert.deepEqual(saved.service_networks.map((n) => n.id), ['sn-1'], 'the change made while storage was full is saved');
  assert.deepEqual(errors, []);
  await context.close();
});

test('copy and paste a VPC with its contents, with the keyboard', async () => {
  const { page, problems } = await openPage(browser, server.url);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.locator('[data-object-id="vpc-1"]').waitFor({ timeout: 20_000 });
  await place(page, 'subnet', 140, 130);
  await page.locator('[data-object-id="subnet-1"]').waitFor();
  await place(page, 'instance', 170, 180);
  await page.locator('[data-object-id="i-1"]').waitFor();
  const vpc = await page.locator('[data-object-id="vpc-1"] > .frame').boundingBox();
  await page.mouse.click(vpc.x + 120, vpc.y + 12);
  await page.keyboard.press('Control+c');
  await page.locator('.status', { hasText: 'copied 1 object with their contents' }).waitFor({ timeout: 5_000 });
  await page.keyboard.press('Control+v');
  await page.locator('[data-object-id="i-2"]').waitFor({ timeout: 5_000 });
  assert.deepEqual(await ids(page), ['i-1', 'i-2', 'subnet-1', 'subnet-2', 'vpc-1', 'vpc-2']);
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('vpcplay.document')));
  assert.equal(saved.subnets[1].vpc, 'vpc-2');
  assert.equal(saved.instances[1].subnet, 'subnet-2');
  assert.notDeepEqual(saved.vpcs[1].cidrs, saved.vpcs[0].cidrs, 'the copy has its own address block');
  const [a, b] = [await page.locator('[data-object-id="vpc-1"] > .frame').boundingBox(), await page.locator('[data-object-id="vpc-2"] > .frame').boundingBox()];
  assert.ok(b.x >= a.x + a.width, 'the copy lands beside the original');
  assert.ok(Math.abs(b.y - a.y) < 2, 'at the same height');
  await page.locator('[data-panel="inspector"]', { hasText: 'vpc-2' }).waitFor();
  assert.match(await page.locator('[data-panel="diagnostics"], .diagnostics').first().textContent(), /No problems/);
  await screenshot(page, 'editor-6-pasted-vpc');
  // Cut takes the copy away again; Undo brings it back.
  await page.keyboard.press('Control+x');
  await page.locator('[data-object-id="vpc-2"]').waitFor({ state: 'detached', timeout: 5_000 });
  assert.deepEqual(await ids(page), ['i-1', 'subnet-1', 'vpc-1']);
  await page.keyboard.press('Control+z');
  await page.locator('[data-object-id="vpc-2"]').waitFor({ timeout: 5_000 });
  // Text fields keep their own clipboard: copying in the name field copies text, not objects.
  await page.mouse.click(vpc.x + 120, vpc.y + 12);
  await page.locator('[data-panel="inspector"] [data-field="name"] input').fill('primary');
  await page.locator('[data-panel="inspector"] [data-field="name"] input').press('Control+a');
  await page.locator('[data-panel="inspector"] [data-field="name"] input').press('Control+c');
  assert.doesNotMatch(await page.locator('.status').textContent(), /copied/);
  assert.deepEqual(problems, [], 'no console errors or uncaught exceptions');
});

test('a connection is selected by clicking its line and removed with Delete', async () => {
  const { page, problems } = await openPage(browser, server.url);
  await page.locator('[data-object-id="vpc-1"]').waitFor({ timeout: 20_000 });
  await place(page, 'service_network', 640, 120);
  await page.locator('[data-object-id="sn-1"]').waitFor();
  await connect(page, 'vpc-1', 'sn-1');
  await page.locator('[data-link="vpc-1->sn-1"]').waitFor({ timeout: 5_000 });
  // Click the middle of the line.
  const mid = await page.locator('[data-link="vpc-1->sn-1"] line.link-hit').evaluate((l) => {
    const r = l.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  });
  await page.mouse.click(mid.x, mid.y);
  await page.locator('.status', { hasText: 'selected the association connection `vpc-1` → `sn-1`' }).waitFor({ timeout: 5_000 });
  assert.equal(await page.locator('[data-link="vpc-1->sn-1"].selected').count(), 1);
  await screenshot(page, 'editor-7-connection-selected');
  await page.keyboard.press('Delete');
  await page.locator('[data-link="vpc-1->sn-1"]').waitFor({ state: 'detached', timeout: 5_000 });
  assert.deepEqual(await ids(page), ['sn-1', 'vpc-1'], 'the objects stay');
  await page.locator('.status', { hasText: 'removed the association' }).waitFor();
  await page.keyboard.press('Control+z');
  await page.locator('[data-link="vpc-1->sn-1"]').waitFor({ timeout: 5_000 });
  // From the keyboard: lines take focus (Tab reaches them after the objects), and Delete removes it.
  await page.locator('[data-link="vpc-1->sn-1"]').focus();
  assert.equal(await page.locator('[data-link="vpc-1->sn-1"].selected').count(), 1);
  await page.keyboard.press('Delete');
  await page.locator('[data-link="vpc-1->sn-1"]').waitFor({ state: 'detached', timeout: 5_000 });
  assert.deepEqual(problems, [], 'no console errors or uncaught exceptions');
});

test('every example opens from the toolbar, drawn without overlaps, and Undo returns', async () => {
  const { page, problems } = await openPage(browser, server.url);
  await page.locator('[data-object-id="vpc-1"]').waitFor({ timeout: 20_000 });
  const options = await page.locator('[data-action="examples"] option').evaluateAll((os) =>
    os.map((o) => ({ value: o.value, label: o.textContent })).filter((o) => o.value));
  const files = (await readdir('static/examples')).filter((f) => f.endsWith('.json'));
  assert.equal(options.length, files.length, 'the menu lists every example');
  for (const { value, label } of options) {
    await page.selectOption('[data-action="examples"]', value);
    await page.locator('.status', { hasText: `opened the example “${label}”` }).waitFor({ timeout: 5_000 });
    assert.equal(await page.locator('[data-action="examples"]').inputValue(), '', 'the menu resets');
    const drawn = await page.locator('[data-panel="canvas"] [data-object-id]').count();
    assert.ok(drawn >= 3, `${value} draws its objects (${drawn})`);
    await screenshot(page, `example-${value.replace('.json', '')}`);
  }
  // Each example opened as one step: one undo per example brings back the starting topology.
  await page.locator('[data-panel="canvas"]').focus();
  for (let i = 0; i < options.length; i++) await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelectorAll('[data-panel="canvas"] [data-object-id]').length === 1);
  assert.deepEqual(await ids(page), ['vpc-1']);
  assert.deepEqual(problems, [], 'no console errors or uncaught exceptions');
});

test('text that cannot be applied stays on screen until fixed or discarded, across selections', async () => {
  const { page, problems } = await openPage(browser, `${server.url}?example=auth-layers`);
  await page.locator('.status', { hasText: 'opened the example' }).waitFor({ timeout: 30_000 });
  const select = async (id) => {
    await page.click(`[data-object-id="${id}"] > .frame`, { position: { x: 30, y: 8 } });
    await page.locator('[data-panel="inspector"]', { hasText: id }).waitFor();
  };
  await select('svc-payments');
  const policy = page.locator('[data-panel="inspector"] [data-field="auth_policy"] textarea.policy');
  const saved = await policy.inputValue();
  const broken = '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", ';
  await policy.fill(broken);
  // Leaving the field tries to apply it: refused, marked, kept.
  await select('vpc-client');
  await select('svc-payments');
  assert.equal(await policy.inputValue(), broken, 'the broken policy text came back with its object');
  await page.locator('[data-panel="inspector"] [data-draft="auth_policy"]').waitFor();
  assert.notEqual((await page.locator('[data-panel="inspector"] [data-field="auth_policy"] #field-auth_policy-error').textContent()).trim(), '');
  // An address field the same way, and the document itself never took either.
  await select('vpc-client');
  const cidr = page.locator('[data-panel="inspector"] [data-field="cidrs"] input, [data-panel="inspector"] [data-field="cidr"] input').first();
  const cidrBefore = await cidr.inputValue();
  await cidr.fill('10.0.0.0/33');
  await cidr.press('Enter');
  await select('svc-payments');
  await select('vpc-client');
  assert.equal(await cidr.inputValue(), '10.0.0.0/33');
  await screenshot(page, 'editor-kept-drafts');
  // Discard brings back what the document holds.
  await page.locator('[data-panel="inspector"] [data-draft] [data-action="discard-draft"]').first().click();
  assert.equal(await cidr.inputValue(), cidrBefore);
  await select('svc-payments');
  await page.locator('[data-panel="inspector"] [data-draft="auth_policy"] [data-action="discard-draft"]').click();
  assert.equal(await policy.inputValue(), saved);
  await page.locator('[data-panel="inspector"] [data-draft]').waitFor({ state: 'detached' });
  assert.deepEqual(problems, [], 'no console errors or uncaught exceptions');
});
