// The gallery as a visitor uses it: open it from the toolbar, open every example from its card,
// run all its flows in the browser and check each verdict against its expectation; compare the
// concepts; play one round of predict-then-reveal.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
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

async function openGallery(page) {
  await page.click('[data-action="gallery"]');
  await page.locator('[data-panel="gallery"] .card').first().waitFor({ timeout: 20_000 });
}

test('every example opens from the gallery and all its flows reach their expected verdicts', async () => {
  const files = (await readdir('static/examples')).filter((f) => f.endsWith('.json')).sort();
  assert.ok(files.length >= 9, `${files.length} examples`);
  const { page, problems } = await openPage(browser, server.url);
  await page.locator('[data-object-id]').first().waitFor({ timeout: 30_000 });
  await openGallery(page);
  assert.equal(await page.locator('[data-panel="gallery"] .card').count(), files.length, 'one card per example');
  assert.equal(await page.locator('[data-panel="gallery"] .concepts tbody tr').count(), 7, 'seven concepts compared');
  await screenshot(page, 'gallery');
  for (const file of files) {
    const stem = file.slice(0, -5);
    const doc = JSON.parse(await readFile(`static/examples/${file}`, 'utf8'));
    if (!(await page.locator('[data-panel="gallery"]').isVisible())) await openGallery(page);
    await page.click(`[data-panel="gallery"] .card[data-example="${stem}"]`);
    await page.locator('.status', { hasText: `opened the example “${doc.name}”` }).waitFor({ timeout: 20_000 });
    // No label runs past its object's frame.
    const overflowing = await page.locator('[data-panel="canvas"] [data-object-id]').evaluateAll((nodes) =>
      nodes.flatMap((g) => {
        const width = Number(g.querySelector(':scope > .frame').getAttribute('width'));
        return [...g.querySelectorAll(':scope > text.title, :scope > text.subtitle')]
          .filter((t) => Number(t.getAttribute('x')) + t.getComputedTextLength() > width + 0.5)
          .map((t) => `${g.dataset.objectId}: “${t.textContent}”`);
      }),
    );
    assert.deepEqual(overflowing, [], `${stem}: labels fit their objects`);
    await page.click('[data-tab="flows"]');
    await page.click('[data-action="run-all-flows"]');
    await page.locator('.status', { hasText: 'ran every flow' }).waitFor();
    const results = await page.locator('[data-flow-name]').evaluateAll((els) => els.map((e) => [e.dataset.flowName, e.dataset.flowResult]));
    assert.equal(results.length, doc.flows.length, `${stem}: every flow is listed`);
    for (const [flow, result] of results) {
      assert.equal(result, 'pass', `${stem}: flow “${flow}”`);
    }
    await screenshot(page, `gallery-${stem}`);
  }
  assert.deepEqual(problems, [], 'no console errors or uncaught exceptions');
});

test('predict, then reveal: the reader picks a component, the packet answers', async () => {
  // The first example with a flow that asks for a prediction.
  let found = null;
  for (const file of (await readdir('static/examples')).filter((f) => f.endsWith('.json')).sort()) {
    const doc = JSON.parse(await readFile(`static/examples/${file}`, 'utf8'));
    const flow = doc.flows.find((f) => f.predict);
    if (flow) {
      found = { stem: file.slice(0, -5), flow, doc };
      break;
    }
  }
  assert.ok(found, 'an example asks for a prediction');
  const { page, problems } = await openPage(browser, `${server.url}?example=${found.stem}`);
  await page.locator('.status', { hasText: 'opened the example' }).waitFor({ timeout: 30_000 });
  await page.click('[data-tab="flows"]');
  await page.click(`[data-flow-name="${found.flow.name}"] [data-action="predict-flow"]`);
  await page.locator('.status', { hasText: 'where will' }).waitFor();
  // Pick the right component: where the expectation says the request ends.
  const answer = found.flow.expect.at ?? found.flow.expect.target;
  await page.click(`[data-object-id="${answer}"] > .frame`);
  await page.locator('[data-predict-result="pending"]').waitFor();
  // The verdict stays hidden until the packet arrives.
  assert.equal(await page.locator('[data-panel="trace"] [data-verdict]').isVisible(), false, 'the answer is not shown yet');
  await page.locator('[data-predict-result="right"]').waitFor({ timeout: 20_000 });
  assert.ok(await page.locator('[data-panel="trace"] [data-verdict]').isVisible(), 'the verdict explains the answer');
  await screenshot(page, 'gallery-predict-right');
  // A wrong pick says so.
  await page.click('[data-tab="flows"]');
  await page.click(`[data-flow-name="${found.flow.name}"] [data-action="predict-flow"]`);
  await page.click(`[data-object-id="${found.flow.request.from}"] > .frame`);
  await page.locator('[data-predict-result="wrong"]').waitFor({ timeout: 20_000 });
  await screenshot(page, 'gallery-predict-wrong');
  assert.deepEqual(problems, [], 'no console errors or uncaught exceptions');
});
