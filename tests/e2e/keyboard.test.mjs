// The keyboard after any kind of selection: arrow keys move what is selected whether it was
// clicked or drawn around with the marquee, focus follows a clicked object, and every edit says
// what it did in the status line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
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

const frame = (page, id) => page.locator(`[data-object-id="${id}"] > .frame`).boundingBox();

test('arrow keys move a marquee selection and a clicked one; Ctrl+D and Delete say what they did', async () => {
  const { page, problems } = await openPage(browser, `${server.url}?example=lattice-service`);
  await page.locator('.status', { hasText: 'opened the example' }).waitFor({ timeout: 30_000 });
  const a = await frame(page, 'tg-v1');
  const b = await frame(page, 'tg-v2');
  // Draw a marquee around both target groups, from the empty space above-left of the first.
  const canvas = await page.locator('[data-panel="canvas"]').boundingBox();
  const left = Math.min(a.x, b.x) - 6;
  const top = Math.min(a.y, b.y) - 6;
  const right = Math.max(a.x + a.width, b.x + b.width) + 6;
  const bottom = Math.max(a.y + a.height, b.y + b.height) + 6;
  assert.ok(left > canvas.x && top > canvas.y);
  await page.mouse.move(left, top);
  await page.mouse.down();
  await page.mouse.move(right, bottom, { steps: 6 });
  await page.mouse.up();
  await page.locator('[data-object-id="tg-v1"].selected').waitFor();
  await page.locator('[data-object-id="tg-v2"].selected').waitFor();
  await page.keyboard.press('ArrowRight');
  await page.locator('.status', { hasText: 'moved 2 objects' }).waitFor();
  const a2 = await frame(page, 'tg-v1');
  const b2 = await frame(page, 'tg-v2');
  assert.ok(a2.x > a.x + 4 && b2.x > b.x + 4, 'both moved right');

  // A click selects one object and gives it the keyboard.
  await page.click('[data-object-id="i-client"] > .frame');
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-object-id') === 'i-client');
  const before = await frame(page, 'i-client');
  await page.keyboard.press('ArrowDown');
  await page.locator('.status', { hasText: 'moved 1 object' }).waitFor();
  assert.ok((await frame(page, 'i-client')).y > before.y + 4, 'the clicked object moved down');

  await page.keyboard.press('Control+d');
  await page.locator('.status', { hasText: 'duplicated 1 object' }).waitFor();
  await page.keyboard.press('Delete');
  await page.locator('.status', { hasText: 'deleted 1 object' }).waitFor();
  await screenshot(page, 'keyboard-moves');
  assert.deepEqual(problems, [], 'no console errors or uncaught exceptions');
});

test('in a narrow window every toolbar action stays on screen and usable', async () => {
  for (const width of [800, 640]) {
    const context = await browser.newContext({ viewport: { width, height: 700 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.locator('[data-object-id]').first().waitFor({ timeout: 30_000 });
    const actions = page.locator('.toolbar > [data-action]:not([type="file"])');
    const n = await actions.count();
    assert.ok(n >= 10, `${n} toolbar actions`);
    for (let i = 0; i < n; i++) {
      const el = actions.nth(i);
      const box = await el.boundingBox();
      const name = await el.getAttribute('data-action');
      assert.ok(box, `${name} is shown at ${width} px`);
      assert.ok(box.x >= 0 && box.x + box.width <= width + 0.5, `${name} is inside the ${width} px window (x ${box.x.toFixed(0)}..${(box.x + box.width).toFixed(0)})`);
      // Nothing covers it: the element under its middle is the action itself.
      const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest('[data-action]')?.getAttribute('data-action'), [box.x + box.width / 2, box.y + box.height / 2]);
      assert.equal(hit, name, `${name} can be clicked at ${width} px`);
    }
    await screenshot(page, `narrow-${width}`);
    await context.close();
  }
});

test('paste, Ctrl+D and Enter on a palette item put the new object in free space', async () => {
  const { page, problems } = await openPage(browser, `${server.url}?example=lattice-service`);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.locator('.status', { hasText: 'opened the example' }).waitFor({ timeout: 30_000 });

  /** Pairs of objects whose frames overlap on screen, other than a container and what it holds. */
  const overlaps = () =>
    page.evaluate(() => {
      const nodes = [...document.querySelectorAll('[data-panel="canvas"] [data-object-id]')].map((g) => ({
        id: g.getAttribute('data-object-id'),
        r: g.querySelector(':scope > .frame').getBoundingClientRect(),
      }));
      const holds = (a, b) =>
        a.width * a.height > b.width * b.height + 1 &&
        a.left <= b.left + 0.5 && a.top <= b.top + 0.5 && a.right >= b.right - 0.5 && a.bottom >= b.bottom - 0.5;
      const out = [];
      for (let i = 0; i < nodes.length; i++) {
        for (let j = i + 1; j < nodes.length; j++) {
          const [a, b] = [nodes[i], nodes[j]];
          if (holds(a.r, b.r) || holds(b.r, a.r)) continue;
          const x = a.r.left < b.r.right - 0.5 && b.r.left < a.r.right - 0.5;
          const y = a.r.top < b.r.bottom - 0.5 && b.r.top < a.r.bottom - 0.5;
          if (x && y) out.push(`${a.id}/${b.id}`);
        }
      }
      return out;
    });
  const before = await overlaps();

  // Ctrl+D on a target group: the copy takes the nearest free place, not +24 px on top.
  await page.click('[data-object-id="tg-v1"] > .frame', { position: { x: 30, y: 8 } });
  await page.keyboard.press('Control+d');
  await page.locator('.status', { hasText: 'duplicated 1 object' }).waitFor();
  assert.deepEqual(await overlaps(), before, 'the duplicate overlaps nothing');

  // Copy and paste the client instance (pasted into its own subnet).
  await page.click('[data-object-id="i-client"] > .frame', { position: { x: 30, y: 8 } });
  await page.keyboard.press('Control+c');
  await page.locator('.status', { hasText: 'copied 1 object' }).waitFor();
  await page.keyboard.press('Control+v');
  await page.locator('.status', { hasText: 'pasted 1 object' }).waitFor();
  await page.keyboard.press('Control+v');
  await page.locator('.status', { hasText: 'pasted 1 object' }).waitFor();
  assert.deepEqual(await overlaps(), before, 'the pasted copies overlap nothing');

  // Enter on the palette's service network, twice: neither lands on the other or on anything.
  for (let i = 0; i < 2; i++) {
    await page.locator('[data-palette-kind="service_network"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('.status', { hasText: 'placed a service network' }).waitFor();
  }
  assert.deepEqual(await overlaps(), before, 'objects placed from the keyboard overlap nothing');
  await screenshot(page, 'keyboard-free-space');
  assert.deepEqual(problems, [], 'no console errors or uncaught exceptions');
});

test('an object\'s context menu does what the keyboard does, opened by the mouse or the keyboard', async () => {
  const { page, problems } = await openPage(browser, `${server.url}?example=lattice-service`);
  await page.locator('.status', { hasText: 'opened the example' }).waitFor({ timeout: 30_000 });
  const menu = page.locator('.context-menu[role="menu"]');

  // Right button on an object: its menu, the first item focused; Escape gives the keyboard back.
  await page.click('[data-object-id="i-client"] > .frame', { button: 'right', position: { x: 30, y: 8 } });
  await menu.waitFor();
  assert.equal(await menu.getAttribute('data-menu-for'), 'i-client');
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-menu-action') === 'rename');
  await screenshot(page, 'context-menu');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-menu-action') === 'duplicate');
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-object-id') === 'i-client');

  // Shift+F10 on the focused object opens it too; "Send a request from here" fills the composer.
  await page.keyboard.press('Shift+F10');
  await menu.waitFor();
  await page.click('[data-menu-action="send-from"]');
  await page.locator('#side-request:not([hidden])').waitFor();
  assert.equal(await page.inputValue('[data-panel="composer"] [data-field="from"]'), 'i-client');

  // Duplicate from the menu is one undoable edit, in free space.
  await page.click('[data-object-id="tg-v1"] > .frame', { button: 'right', position: { x: 30, y: 8 } });
  await page.click('[data-menu-action="duplicate"]');
  await page.locator('.status', { hasText: 'duplicated 1 object' }).waitFor();
  // Who can reach this? from the menu lists the sources.
  await page.click('[data-object-id="tg-v1"] > .frame', { button: 'right', position: { x: 30, y: 8 } });
  await page.click('[data-menu-action="reach"]');
  await page.locator('[data-panel="reach"] [data-reach-source]').first().waitFor({ timeout: 10_000 });
  // Delete from the menu, then Undo.
  const count = await page.locator('[data-panel="canvas"] [data-object-id]').count();
  await page.click('[data-object-id="i-client"] > .frame', { button: 'right', position: { x: 30, y: 8 } });
  await page.click('[data-menu-action="delete"]');
  await page.locator('.status', { hasText: 'deleted 1 object' }).waitFor();
  assert.equal(await page.locator('[data-panel="canvas"] [data-object-id]').count(), count - 1);
  // A click outside closes an open menu without doing anything.
  await page.click('[data-object-id="tg-v2"] > .frame', { button: 'right', position: { x: 30, y: 8 } });
  await menu.waitFor();
  await page.mouse.click(5, 790);
  await menu.waitFor({ state: 'detached' });
  assert.equal(await page.locator('[data-panel="canvas"] [data-object-id]').count(), count - 1);
  assert.deepEqual(problems, [], 'no console errors or uncaught exceptions');
});
