import { z } from 'zod';

/**
 * Text the database and every JSON encoder can hold: no NUL character (PostgreSQL text and jsonb
 * refuse it) and no UTF-16 surrogate outside a pair (not a character at all: refused by UTF-8).
 * Written without the `u` flag, so it reads UTF-16 code units.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this refuses
const SAFE_TEXT = /^(?:[^\u0000\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;
export const SAFE_TEXT_MESSAGE = 'must not contain NUL or an unpaired UTF-16 surrogate';

/** True when a string holds a NUL or an unpaired surrogate. */
export function isHostileText(value: string): boolean {
  return !SAFE_TEXT.test(value);
}

/**
 * The building block of every text field a client sends: chain `.min()`, `.max()`, `.trim()` as
 * with `z.string()`. Every schema in shared/ starts its strings here.
 */
export const safeText = z.string().regex(SAFE_TEXT, { message: SAFE_TEXT_MESSAGE });

/**
 * How deep a request body may nest (objects and arrays). Our deepest body (a push row with a
 * command's payload) is 5 levels; anything past this is refused before a recursive step runs.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * The first problem of a parsed JSON value (a hostile string or key, or nesting past
 * `MAX_JSON_DEPTH`), with its path, or null. Iterative: no depth of input can overflow its stack.
 */
export function findHostileJson(
  value: unknown,
  maxDepth: number = MAX_JSON_DEPTH,
): { path: (string | number)[]; problem: 'text' | 'depth' } | null {
  const stack: Array<{ value: unknown; path: (string | number)[] }> = [{ value, path: [] }];
  while (stack.length) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      if (isHostileText(current)) return { path, problem: 'text' };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (path.length >= maxDepth) return { path, problem: 'depth' };
    if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push({ value: item, path: [...path, index] }));
      continue;
    }
    for (const [key, item] of Object.entries(current)) {
      if (isHostileText(key)) return { path: [...path, key], problem: 'text' };
      stack.push({ value: item, path: [...path, key] });
    }
  }
  return null;
}
