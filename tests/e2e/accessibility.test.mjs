// Accessibility as a checker sees it: axe-core (from the npm registry, injected into the page)
// runs over the whole app in light and dark themes, on each side-panel tab, with a trace, a
// batch and the flows on screen. Zero violations of WCAG 2.1 A/AA, best practices and the
// experimental rules (among them: an accessible name starts with the visible text).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { serveDist, launchBrowser, openPage, screenshot } from './harness.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
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

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice', 'experimental'];

/** Runs axe over the page; returns the violations as `rule: target, …` lines. */
async function audit(page) {
  const result = await page.evaluate(
    async (tags) => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
      return {
        violations: r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`),
        incomplete: r.incomplete.map((v) => `${v.id}: ${v.nodes.length}`),
      };
    },
    TAGS,
  );
  return result;
}

for (const colorScheme of ['light', 'dark']) {
  test(`no axe violations in the ${colorScheme} theme, on every tab, with a trace and flows shown`, async () => {
    const { page, problems } = await openPage(browser, `${server.url}?example=service-network`, { colorScheme });
    await page.locator('.status', { hasText: 'opened the example' }).waitFor({ timeout: 30_000 });
    await page.addScriptTag({ path: axePath });
    const found = [];
    const check = async (where) => {
      const { violations, incomplete } = await audit(page);
      console.log(`axe, ${colorScheme}, ${where}: ${violations.length} violations; needs review: ${incomplete.join(', ') || 'none'}`);
      found.push(...violations.map((v) => `${where}: ${v}`));
    };
    await page.click('[data-object-id="sn-shop"] > .frame');
    await check('inspector');
    await page.click('[data-tab="flows"]');
    await page.click('[data-flow-name="anonymous call from batch is denied"] [data-action="run-flow"]');
    await page.locator('[data-mark="blocked"]').waitFor({ timeout: 20_000 });
    await check('trace');
    await page.click('[data-tab="flows"]');
    await page.click('[data-action="run-all-flows"]');
    await page.locator('[data-flow-result]').first().waitFor();
    await check('flows');
    await page.click('[data-tab="request"]');
    await page.click('[data-action="batch-100"]');
    await page.locator('[data-panel="batch"]').waitFor();
    await check('batch');
    await screenshot(page, `accessibility-${colorScheme}`);
    assert.deepEqual(found, [], 'axe finds no violations');
    assert.deepEqual(problems, [], 'no console errors or uncaught exceptions');
    await page.context().close();
  });
}
