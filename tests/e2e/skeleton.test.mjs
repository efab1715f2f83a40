// The walking skeleton, as a person uses it: the page loads, the VPC shows the label the core
// computed, and it follows the mouse and the arrow keys.
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

const vpcSelector = '[data-object-id="vpc-1"]';

test('the VPC can be dragged with the mouse and moved with the keyboard', async () => {
  const { page, problems } = await openPage(browser, server.url);
  const vpc = page.locator(vpcSelector);
  await vpc.waitFor({ state: 'visible', timeout: 20_000 });

  await assert.doesNotReject(
    vpc.getByText('10.0.0.0/16 · 65,536 addresses').waitFor({ timeout: 5_000 }),
    'the VPC shows the address count computed by the core',
  );

  const before = await vpc.boundingBox();
  await screenshot(page, 'skeleton-before-drag');
  const grab = { x: before.x + 40, y: before.y + 40 };
  await page.mouse.move(grab.x, grab.y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) {
    await page.mouse.move(grab.x + 25 * i, grab.y + 12 * i);
  }
  await page.mouse.up();
  const after = await vpc.boundingBox();
  assert.ok(Math.abs(after.x - before.x - 250) < 1, `moved right by 250 px (was ${after.x - before.x})`);
  assert.ok(Math.abs(after.y - before.y - 120) < 1, `moved down by 120 px (was ${after.y - before.y})`);

  await vpc.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Shift+ArrowUp');
  const keyed = await vpc.boundingBox();
  assert.ok(Math.abs(keyed.x - after.x + 10) < 1, 'ArrowLeft moves 10 px left');
  assert.ok(Math.abs(keyed.y - after.y + 50) < 1, 'Shift+ArrowUp moves 50 px up');

  const shot = await screenshot(page, 'skeleton-after-drag');
  assert.deepEqual(problems, [], 'no console errors or uncaught exceptions');
  console.log(`screenshot: ${shot}`);
});

test('the VPC stays on the canvas when dragged past its edge', async () => {
  const { page, problems } = await openPage(browser, server.url, { colorScheme: 'dark' });
  const vpc = page.locator(vpcSelector);
  await vpc.waitFor({ state: 'visible', timeout: 20_000 });
  const canvas = await page.locator('[data-panel="canvas"]').boundingBox();
  const box = await vpc.boundingBox();
  await page.mouse.move(box.x + 20, box.y + 20);
  await page.mouse.down();
  await page.mouse.move(box.x - 400, box.y - 400, { steps: 5 });
  await page.mouse.up();
  const moved = await vpc.boundingBox();
  // The canvas keeps a small margin inside its sheet: the frame stays wholly visible.
  const dx = moved.x - canvas.x;
  const dy = moved.y - canvas.y;
  assert.ok(dx >= 0 && dx <= 5 && dy >= 0 && dy <= 5, `pinned to the top-left corner (offset ${dx}, ${dy})`);
  await screenshot(page, 'skeleton-dark-theme');
  assert.deepEqual(problems, []);
});
