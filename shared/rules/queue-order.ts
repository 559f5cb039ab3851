import type { Applicant } from './eligibility.js';
import { compareInstants } from '../calendar/dates.js';
import type { RegionalSettings } from './settings.js';

/**
 * Queue order and whose turn has come.
 * Source: docs/rules.md, Rules › Queue order: out-of-turn (внеочередное) first, by
 * application time; then first-priority (первоочередное) and general applicants interleaved 1:3 —
 * one first-priority, then three general, repeated — each stream by application time; when one
 * stream runs out the other continues. › Whose turn has come: the first N in that order at the
 * moment the window opens. Ties in application time are broken by applicant id, so the order is total.
 */

/** The fields queue order reads; callers keep their own richer applicant type. */
export type QueueEntry = Pick<Applicant, 'id' | 'priority' | 'appliedAt'>;

/** Earlier application first; equal instants by id (code-unit order), so every replica agrees. */
export function byApplicationTime(a: QueueEntry, b: QueueEntry): number {
  const byTime = compareInstants(a.appliedAt, b.appliedAt);
  if (byTime !== 0) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function interleave<T>(first: readonly T[], general: readonly T[], pattern: RegionalSettings['priorityInterleave']) {
  const result: T[] = [];
  let f = 0;
  let g = 0;
  while (f < first.length || g < general.length) {
    result.push(...first.slice(f, f + pattern.firstPriority));
    f += pattern.firstPriority;
    result.push(...general.slice(g, g + pattern.general));
    g += pattern.general;
  }
  return result;
}

/** All given applicants in queue order (a new array; the input is not changed). */
export function queueOrder<T extends QueueEntry>(applicants: readonly T[], settings: RegionalSettings): T[] {
  const stream = (priority: QueueEntry['priority']) =>
    applicants.filter((applicant) => applicant.priority === priority).sort(byApplicationTime);
  return [...stream('out_of_turn'), ...interleave(stream('first'), stream('general'), settings.priorityInterleave)];
}

/**
 * The applicants whose turn has come for `seats` seats: the first `seats` in queue order among the
 * eligible. For a returned seat's new window, pass the ids already offered a window for this
 * publication in `alreadyOffered`: the window goes to the next applicants in order.
 */
export function whoseTurn<T extends QueueEntry>(
  eligible: readonly T[],
  seats: number,
  settings: RegionalSettings,
  alreadyOffered: ReadonlySet<string> = new Set(),
): T[] {
  const candidates = eligible.filter((applicant) => !alreadyOffered.has(applicant.id));
  return queueOrder(candidates, settings).slice(0, Math.max(0, seats));
}
