// Images of the canvas as people save them: SVG and PNG, as shown and the whole topology, in
// the light and the dark theme. Each file is a standalone picture: it parses, names the objects,
// carries the theme's background, and a PNG is dense and not one flat colour.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { serveDist, launchBrowser, openPage, artifactsDir } from './harness.mjs';

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

/** Chooses `value` in the toolbar's image menu and returns the downloaded file's name and bytes. */
async function save(page, value) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.selectOption('[data-action="export-image"]', value),
  ]);
  const bytes = await readFile(await download.path());
  await page.locator('.status', { hasText: download.suggestedFilename() }).waitFor();
  return { name: download.suggestedFilename(), bytes };
}

/** What the page's own parser and canvas make of an image: its size and how many colours. */
function inspect(page, bytes, type) {
  return page.evaluate(async ([b64, type]) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([data], { type }));
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    const colours = new Map();
    for (let i = 0; i < px.length; i += 4 * 7) {
      const key = (px[i] << 16) | (px[i + 1] << 8) | px[i + 2];
      colours.set(key, (colours.get(key) ?? 0) + 1);
    }
    const [corner] = [[px[0], px[1], px[2]]];
    URL.revokeObjectURL(url);
    return { width: img.naturalWidth, height: img.naturalHeight, colours: colours.size, corner };
  }, [bytes.toString('base64'), type]);
}

const rgb = (text) => text.match(/\d+/g).slice(0, 3).map(Number);

for (const colorScheme of ['light', 'dark']) {
  test(`the canvas saves as SVG and PNG, as shown and whole, in the ${colorScheme} theme`, async () => {
    const { page, problems } = await openPage(browser, `${server.url}?example=lattice-service`, { colorScheme });
    await page.locator('.status', { hasText: 'opened the example' }).waitFor({ timeout: 30_000 });
    const ids = await page.locator('[data-panel="canvas"] [data-object-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-object-id')));
    assert.ok(ids.length >= 5, `${ids.length} objects drawn`);
    const background = rgb(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
    // How the canvas paints each object's frame and title, with nothing selected, to compare
    // with the files.
    const painted = await page.locator('[data-panel="canvas"] [data-object-id]').evaluateAll((els) =>
      Object.fromEntries(els.map((e) => {
        const [frame, title] = [e.querySelector(':scope > .frame'), e.querySelector(':scope > .title')];
        const s = (el) => getComputedStyle(el);
        return [e.getAttribute('data-object-id'), [s(frame).fill, s(frame).stroke, s(title).fill]];
      })));
    // Something selected and zoomed in: the selection is left out, and "as shown" is the view.
    await page.click(`[data-object-id="${ids.at(-1)}"] > .frame`);
    await page.keyboard.press('+');
    await mkdir(artifactsDir, { recursive: true });

    for (const scope of ['screen', 'document']) {
      const { name, bytes } = await save(page, `svg-${scope}`);
      assert.equal(name, 'vpcplay-VPC-Lattice-service-with-listener-rules.svg');
      const text = bytes.toString('utf8');
      assert.ok(text.length > 2000, `the ${scope} SVG has ${text.length} characters`);
      await writeFile(join(artifactsDir, `export-${colorScheme}-${scope}.svg`), text);
      const parsed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
        const root = doc.documentElement;
        return {
          error: doc.querySelector('parsererror')?.textContent ?? null,
          root: root.localName,
          ns: root.namespaceURI,
          viewBox: root.getAttribute('viewBox'),
          ids: [...doc.querySelectorAll('[data-object-id]')].map((e) => e.getAttribute('data-object-id')),
          text: [...doc.querySelectorAll('text')].map((t) => t.textContent).join(' '),
          background: doc.querySelector('[data-background]')?.getAttribute('fill'),
          editorOnly: doc.querySelectorAll('.handle, .grid, .link-hit, .selected, [class]').length,
          styled: doc.querySelectorAll('[style*="fill:"]').length,
        };
      }, text);
      assert.equal(parsed.error, null, 'the SVG parses');
      assert.equal(parsed.root, 'svg');
      assert.equal(parsed.ns, 'http://www.w3.org/2000/svg');
      assert.deepEqual([...parsed.ids].sort(), [...ids].sort(), `the ${scope} SVG has every object`);
      assert.match(parsed.text, /10\.0\.0\.0\/16|VPC|service/i, 'labels are in the SVG');
      assert.deepEqual(rgb(parsed.background), background, 'the background is the theme\'s');
      assert.equal(parsed.editorOnly, 0, 'no handles, grid, hit areas or selection; no classes left to style');
      assert.ok(parsed.styled > ids.length, 'the styles are inlined');
      // Shown on its own, with no stylesheet but its own, every object is painted as on the
      // canvas before anything was selected: the selected one is not outlined as selected.
      const viewer = await browser.newPage();
      await viewer.goto(`data:image/svg+xml;base64,${bytes.toString('base64')}`);
      const alone = await viewer.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-object-id]')].map((e) => {
        const [frame, title] = [e.querySelector(':scope > rect'), e.querySelector(':scope > text')];
        const s = (el) => getComputedStyle(el);
        return [e.getAttribute('data-object-id'), [s(frame).fill, s(frame).stroke, s(title).fill]];
      })));
      await viewer.close();
      assert.deepEqual(alone, painted);
      assert.doesNotMatch(text, /var\(--/, 'no custom property is left unresolved');
      const shown = await inspect(page, bytes, 'image/svg+xml');
      assert.ok(shown.colours > 4, `the SVG draws ${shown.colours} colours`);
      assert.deepEqual(shown.corner, background, 'its corner is the theme\'s background');
      console.log(`export: ${colorScheme} ${scope} SVG ${text.length} characters, ${shown.width}×${shown.height}, viewBox ${parsed.viewBox}`);
    }

    for (const scope of ['screen', 'document']) {
      const { name, bytes } = await save(page, `png-${scope}`);
      assert.equal(name, 'vpcplay-VPC-Lattice-service-with-listener-rules.png');
      assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
      const width = bytes.readUInt32BE(16);
      const height = bytes.readUInt32BE(20);
      await writeFile(join(artifactsDir, `export-${colorScheme}-${scope}.png`), bytes);
      const shown = await inspect(page, bytes, 'image/png');
      assert.deepEqual([shown.width, shown.height], [width, height]);
      if (scope === 'screen') {
        const box = await page.locator('[data-panel="canvas"]').boundingBox();
        assert.equal(width, Math.round(box.width) * 2, 'twice as dense as the screen');
        assert.equal(height, Math.round(box.height) * 2);
      } else {
        assert.ok(width >= 600 && height >= 300, `${width}×${height}`);
      }
      assert.ok(shown.colours > 20, `the PNG has ${shown.colours} colours, not one flat colour`);
      assert.deepEqual(shown.corner, background, 'its corner is the theme\'s background');
      console.log(`export: ${colorScheme} ${scope} PNG ${bytes.length} bytes, ${width}×${height}, ${shown.colours} colours`);
    }

    // The SVG as another page shows it, outside the app.
    const svg = await readFile(join(artifactsDir, `export-${colorScheme}-document.svg`));
    const viewer = await browser.newPage();
    await viewer.goto(`data:image/svg+xml;base64,${svg.toString('base64')}`);
    await viewer.locator('svg').screenshot({ path: join(artifactsDir, `export-${colorScheme}-document-svg-shown.png`) });
    await viewer.close();
    assert.deepEqual(problems, []);
    await page.context().close();
  });
}

test('a traced request is in the image, and a PNG the browser cannot make is reported', async () => {
  const { page, problems } = await openPage(browser, `${server.url}?example=lattice-service`);
  await page.locator('.status', { hasText: 'opened the example' }).waitFor({ timeout: 30_000 });
  await page.click('[data-tab="flows"]');
  await page.click('[data-flow-name="beta header goes to v2"] [data-action="run-flow"]');
  await page.locator('[data-panel="trace"] [data-verdict]').waitFor();
  // The request's path and its packet, wherever it is on its way.
  await page.waitForTimeout(2500);
  const { bytes } = await save(page, 'png-document');
  await writeFile(join(artifactsDir, 'export-light-trace.png'), bytes);
  const svg = (await save(page, 'svg-document')).bytes.toString('utf8');
  assert.match(svg, /data-packet|data-mark/, 'the trace is drawn in the image');

  // A canvas that will not give its pixels: the status line says so and the app goes on.
  await page.evaluate(() => {
    HTMLCanvasElement.prototype.toBlob = function (done) { done(null); };
  });
  await page.selectOption('[data-action="export-image"]', 'png-screen');
  const status = page.locator('.status-error');
  await status.waitFor();
  assert.match(await status.textContent(), /no image was made: the browser could not make a PNG of \d+×\d+ pixels/);
  await save(page, 'svg-screen');
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('a problem badge is in the image, its count legible in the dark theme', async () => {
  const doc = {
    version: 1,
    name: 'Needs a VPC',
    target_groups: [{ id: 'tg-1', type: 'instance', targets: [], position: { x: 40, y: 40 } }],
  };
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
  await context.addInitScript((text) => localStorage.setItem('vpcplay.document', text), JSON.stringify(doc));
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(server.url);
  await page.locator('[data-panel="canvas"] [data-object-id="tg-1"] .badge').waitFor({ timeout: 30_000 });
  const { name, bytes } = await save(page, 'svg-document');
  assert.equal(name, 'vpcplay-Needs-a-VPC.svg');
  await writeFile(join(artifactsDir, 'export-dark-badge.svg'), bytes);
  const viewer = await browser.newPage();
  await viewer.goto(`data:image/svg+xml;base64,${bytes.toString('base64')}`);
  const badge = await viewer.evaluate(() => {
    const g = document.querySelector('[data-object-id="tg-1"] text[text-anchor="middle"]').parentElement;
    const title = g.querySelector('title');
    return {
      title: title?.textContent,
      titles: [...document.querySelectorAll('title')].map((t) => t.namespaceURI),
      circle: getComputedStyle(g.querySelector('circle')).fill,
      text: getComputedStyle(g.querySelector('text')).fill,
      count: g.querySelector('text').textContent,
    };
  });
  await viewer.locator('svg').screenshot({ path: join(artifactsDir, 'export-dark-badge-svg-shown.png') });
  await viewer.close();
  assert.match(badge.title, /needs a `vpc`/, 'the badge keeps its findings as its title');
  assert.ok(badge.titles.length >= 2 && badge.titles.every((ns) => ns === 'http://www.w3.org/2000/svg'), 'tooltips are SVG titles');
  assert.equal(badge.count, '1');
  assert.equal(badge.text, 'rgb(255, 255, 255)');
  assert.notEqual(badge.circle, badge.text, 'the count stands out from its circle');
  const png = await save(page, 'png-document');
  await writeFile(join(artifactsDir, 'export-dark-badge.png'), png.bytes);
  assert.deepEqual(problems, []);
  await context.close();
});
