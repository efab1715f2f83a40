// The policy test bench as a person uses it: open an example, select the Lattice service, write
// an auth policy with an Allow and a Deny, and ask the bench about three requests before saving.
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

const POLICY = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowFromClientVpc', Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*',
        Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-client' } },
      },
      {
        Sid: 'DenyDelete', Effect: 'Deny', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*',
        Condition: { StringEquals: { 'vpc-lattice-svcs:RequestMethod': 'DELETE' } },
      },
    ],
  },
  null,
  2,
);

const SERVICE = 'arn:aws:vpc-lattice:us-east-1:111122223333:service/svc-checkout';

/** Types a request into the bench, presses Enter, and waits until the bench shows `want`. */
async function evaluate(bench, { principal, context }, want) {
  await bench.locator('[name="principal"]').fill(principal);
  await bench.locator('[name="action"]').fill('vpc-lattice-svcs:Invoke');
  await bench.locator('[name="context"]').fill(context);
  await bench.locator('[name="resource"]').fill(SERVICE);
  await bench.locator('[name="resource"]').press('Enter');
  await assert.doesNotReject(bench.locator(`[data-decision="${want}"]`).waitFor({ timeout: 5_000 }), `decision ${want}`);
}

test('the policy bench gives allow, explicit deny and implicit deny with the deciding statement', async () => {
  const { page, problems } = await openPage(browser, server.url);
  await page.locator('[data-object-id="vpc-1"]').waitFor({ timeout: 20_000 });
  await page.selectOption('[data-action="examples"]', 'lattice-service.json');
  await page.locator('[data-object-id="svc-checkout"]').waitFor({ timeout: 5_000 });
  await page.locator('[data-object-id="svc-checkout"] > .frame').click({ position: { x: 20, y: 10 } });

  // The policy is typed, not yet saved: the bench reads the editor as it is.
  await page.locator('#field-auth_policy').fill(POLICY);
  await page.locator('[data-bench="auth_policy"] summary').click();
  const bench = page.locator('[data-bench="auth_policy"]');
  const decision = bench.locator('[data-decision]');
  const deciding = bench.locator('.bench-deciding');
  const whyNot = bench.locator('.bench-why-not');

  const role = 'arn:aws:iam::111122223333:role/client';
  await evaluate(bench, { principal: role, context: 'aws:SourceVpc=vpc-client\nvpc-lattice-svcs:RequestMethod=GET' }, 'allow');
  assert.equal(await decision.textContent(), 'allow');
  assert.match(await deciding.textContent(), /AllowFromClientVpc[\s\S]*"aws:SourceVpc": "vpc-client"/);
  assert.equal(await whyNot.textContent(), '');

  await evaluate(bench, { principal: role, context: 'aws:SourceVpc=vpc-client\nvpc-lattice-svcs:RequestMethod=DELETE' }, 'explicit-deny');
  assert.equal(await decision.textContent(), 'explicit deny');
  assert.match(await deciding.textContent(), /DenyDelete[\s\S]*"Effect": "Deny"/);
  assert.doesNotMatch(await deciding.textContent(), /AllowFromClientVpc/);
  assert.match(await whyNot.textContent(), /AllowFromClientVpc\s*applies to the request/);
  await bench.locator('.bench-result').scrollIntoViewIfNeeded();
  await screenshot(page, 'policy-bench-1-explicit-deny');

  await evaluate(bench, { principal: 'anonymous', context: 'aws:SourceVpc=vpc-other' }, 'implicit-deny');
  assert.equal(await decision.textContent(), 'implicit deny');
  assert.equal(await deciding.textContent(), '');
  assert.match(
    await whyNot.textContent(),
    /condition `StringEquals` on `aws:SourceVpc` with `vpc-client` does not hold for the request's `vpc-other`/,
  );

  // Bad input is named beside its field, and nothing is decided.
  await bench.locator('[name="context"]').fill('aws:SourceVpc vpc-client');
  await bench.locator('[data-action="evaluate"]').click();
  await bench
    .locator('#bench-auth_policy-context-error', { hasText: 'line 1: `aws:SourceVpc vpc-client` has no `=`' })
    .waitFor({ timeout: 5_000 });
  assert.equal(await decision.count(), 0);
  await screenshot(page, 'policy-bench-2-bad-line');

  assert.deepEqual(problems, []);
});
