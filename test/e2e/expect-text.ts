import type { Locator } from 'playwright-core';

/** Waits (polling, up to 10 s) until the locator's text matches. */
export async function expectText(locator: Locator, expected: string | RegExp, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last =
      (await locator
        .first()
        .textContent({ timeout: timeoutMs })
        .catch(() => '')) ?? '';
    if (typeof expected === 'string' ? last.trim() === expected : expected.test(last)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`expected text ${String(expected)}, last seen "${last}"`);
}

/** Waits until a condition holds (polling the database or the page). */
export async function eventually<T>(check: () => Promise<T>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
