// Dragging a VPC that holds 50 objects, in a 500-object topology from `vpcplay gen`. The goal is
// that every pointermove (its handler and the DOM updates it causes) fits in one 60 Hz frame
// (16 ms). On a shared 2-core machine the same drag measures 16 ms one run and 31 ms the next, so
// the test prints the figures against the goal and fails only above a loose ceiling that a real
// regression (work per move growing with the document) crosses.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
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

/** The `vpcplay` binary: $VPCPLAY_BIN, or the debug build in the default target directory. */
function vpcplay() {
  const bin = process.env.VPCPLAY_BIN ?? 'target/debug/vpcplay';
  assert.ok(existsSync(bin), `build the CLI first (cargo build -p vpcplay-core --features cli): ${bin}`);
  return bin;
}

/** A generated topology of `objects` objects whose first VPC is filled up to 50 objects. */
function topology(objects = 500) {
  const doc = JSON.parse(execFileSync(vpcplay(), ['gen', '--objects', String(objects), '--seed', '1'], { encoding: 'utf8' }));
  const vpc = doc.vpcs[0];
  const subnets = doc.subnets.filter((s) => s.vpc === vpc.id);
  const inVpc = () => {
    const bySubnet = new Set(subnets.map((s) => s.id));
    const direct = ['route_tables', 'security_groups', 'internet_gateways', 'gateway_endpoints', 'interface_endpoints', 'load_balancers', 'resource_gateways', 'resource_endpoints', 'service_network_endpoints']
      .flatMap((k) => (doc[k] ?? []).filter((o) => o.vpc === vpc.id));
    const deep = ['instances', 'databases', 'nat_gateways'].flatMap((k) => (doc[k] ?? []).filter((o) => bySubnet.has(o.subnet)));
    return subnets.length + direct.length + deep.length;
  };
  const subnet = subnets[0];
  for (let n = 0; inVpc() < 50; n++) {
    doc.instances.push({
      id: `i-load-${n}`,
      subnet: subnet.id,
      position: { x: subnet.position.x + 16 + (n % 4) * 180, y: subnet.position.y + 44 + Math.floor(n / 4) * 60 },
    });
  }
  return { doc, vpc: vpc.id, children: inVpc() };
}

/** The goal for one pointermove, and the ceiling the test enforces (several times the goal). */
const GOAL_MS = 16;
const CEILING_MS = 100;

/** The value at quantile `q` of sorted `xs`. */
const quantile = (xs, q) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))];

for (const objects of [500, 2000]) test(`a 50-child VPC drag among ${objects} objects follows the pointer; pointermove times printed against the goal`, async () => {
  const { doc, vpc, children } = topology(objects);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript((text) => localStorage.setItem('vpcplay.document', text), JSON.stringify(doc));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  const node = page.locator(`[data-object-id="${vpc}"] > .frame`);
  await node.waitFor({ timeout: 30_000 });
  const drawn = await page.locator('[data-panel="canvas"] [data-object-id]').count();
  const box = await node.boundingBox();
  const start = { x: box.x + 40, y: box.y + 12 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let i = 1; i <= 60; i++) {
    await page.mouse.move(start.x + i * 4, start.y + i * 2);
  }
  await page.mouse.up();
  await page.waitForTimeout(100);
  // One 60 Hz frame at 500 objects, two at 2,000 (the goals).
  const goal = objects > 500 ? 2 * GOAL_MS : GOAL_MS;
  const durations = await page.evaluate(() => performance.getEntriesByName('drag-move').map((e) => e.duration));
  durations.sort((a, b) => a - b);
  const p50 = quantile(durations, 0.5);
  const p95 = quantile(durations, 0.95);
  const max = durations[durations.length - 1];
  console.log(`durations: ${durations.map((d) => d.toFixed(1)).join(' ')}`);
  console.log(
    `benchmark: drag of ${vpc} (${children} objects inside) among ${drawn} drawn objects: ${durations.length} moves, ` +
      `p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, max ${max.toFixed(2)} ms (goal: p95 within ${goal} ms; ` +
      `${durations.filter((d) => d > goal).length} moves over it)`,
  );
  await screenshot(page, `drag-performance-${objects}`);
  assert.ok(durations.length >= 50, `measured ${durations.length} moves`);
  assert.ok(children >= 50);
  // A loose ceiling on the typical move, not a frame budget: p95 is what a person feels, and one
  // slow move on a loaded machine must not fail the run.
  assert.ok(p95 < CEILING_MS, `p95 pointermove took ${p95.toFixed(2)} ms, above the ${CEILING_MS} ms ceiling`);
  const moved = await node.boundingBox();
  assert.ok(Math.abs(moved.x - box.x - 240) < 2, `the VPC followed the pointer (${moved.x - box.x})`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Arrange tidies a generated topology whose objects overlap, in one undoable step', async () => {
  const { doc } = topology();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await page.locator('[data-object-id]').first().waitFor({ timeout: 30_000 });
  await page.setInputFiles('[data-action="import-file"]', {
    name: 'generated.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(doc)),
  });
  await page.locator('.status', { hasText: 'some objects overlap, Arrange tidies them' }).waitFor({ timeout: 10_000 });
  await screenshot(page, 'arrange-1-before');

  /** Pairs of objects of `kind` whose frames overlap on screen (the canvas draws objects flat). */
  const overlaps = (kind) => page.evaluate((kind) => {
    const rects = [...document.querySelectorAll(`[data-panel="canvas"] [data-kind="${kind}"] > .frame`)]
      .map((f) => f.getBoundingClientRect());
    let n = 0;
    for (let i = 0; i < rects.length; i++) {
      for (let j = i + 1; j < rects.length; j++) {
        const [a, b] = [rects[i], rects[j]];
        if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) n++;
      }
    }
    return n;
  }, kind);
  assert.ok((await overlaps('vpc')) + (await overlaps('instance')) > 0, 'the generated places overlap');

  const started = Date.now();
  await page.click('[data-action="arrange"]');
  await page.locator('.status', { hasText: 'arranged every object' }).waitFor({ timeout: 10_000 });
  const took = Date.now() - started;
  console.log(`arranged ${doc.vpcs.length} VPCs and ${await page.locator('[data-object-id]').count()} objects in ${took} ms (click to status)`);
  await screenshot(page, 'arrange-2-after');
  for (const kind of ['vpc', 'subnet', 'instance', 'service_network', 'service', 'target_group']) {
    assert.equal(await overlaps(kind), 0, `no two ${kind} frames overlap`);
  }
  // The saved document has every object's new place, and no two siblings overlap.
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('vpcplay.document')));
  const vpcs = saved.vpcs.map((v) => v.position);
  for (let i = 0; i < vpcs.length; i++) {
    for (let j = i + 1; j < vpcs.length; j++) {
      assert.notDeepEqual(vpcs[i], vpcs[j], 'VPCs have distinct places');
    }
  }
  for (const o of [...saved.vpcs, ...saved.subnets, ...saved.instances]) {
    assert.equal(o.position.x % 10, 0, `${o.id} is on the grid`);
    assert.equal(o.position.y % 10, 0, `${o.id} is on the grid`);
  }
  await page.click('[data-action="undo"]');
  const undone = await page.evaluate(() => JSON.parse(localStorage.getItem('vpcplay.document')));
  assert.deepEqual(undone.vpcs.map((v) => v.position), doc.vpcs.map((v) => v.position), 'Undo puts them back');
  assert.deepEqual(errors, []);
  await context.close();
});
