// The first visit, as a person sees it: the page loads with one VPC whose label the core
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
    vpc.locator('text.subtitle', { hasText: '10.0.0.0/16 · 65,536 addresses' }).waitFor({ timeout: 5_000 }),
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

test('the shortcut overlay opens with ? and closes with Escape', async () => {
  const { page, problems } = await openPage(browser, server.url, { colorScheme: 'dark' });
  await page.locator(vpcSelector).waitFor({ state: 'visible', timeout: 20_000 });
  // The dialog takes the keyboard and gives it back to the object that had it.
  await page.locator(vpcSelector).focus();
  const owner = () => page.evaluate(() => document.activeElement?.getAttribute('data-object-id') ?? document.activeElement?.getAttribute('data-action'));
  const had = await owner();
  assert.ok(had, 'an object has the keyboard');
  await page.keyboard.press('?');
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor({ timeout: 3_000 });
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-action') === 'close-shortcuts');
  await screenshot(page, 'skeleton-dark-theme-shortcuts');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached', timeout: 3_000 });
  await page.waitForFunction((had) => document.activeElement?.getAttribute('data-object-id') === had, had);
  assert.deepEqual(problems, []);
});
