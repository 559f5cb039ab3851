import fc from 'fast-check';
import { byApplicationTime, queueOrder, whoseTurn, type QueueEntry } from './queue-order.js';
import { defaultRegionalSettings as settings } from './settings.js';

/** Applicants named by priority letter and rank: O1 out of turn, F2 first priority, G3 general; rank = day applied. */
function entry(name: string): QueueEntry {
  const priority = ({ O: 'out_of_turn', F: 'first', G: 'general' } as const)[name[0] as 'O' | 'F' | 'G'];
  const day = String(Number(name.slice(1))).padStart(2, '0');
  return { id: name, priority, appliedAt: `2024-03-${day}T10:00:00+05:00` };
}
const names = (list: readonly QueueEntry[]) => list.map((a) => a.id);
const shuffled = (list: string[]) => [...list].reverse().map(entry);

describe('queue order', () => {
  it('puts out-of-turn first, then one first-priority and three general, repeated', () => {
    const applicants = shuffled(['G1', 'G2', 'G3', 'G4', 'G5', 'G6', 'G7', 'F1', 'F2', 'O2', 'O1', 'F3']);
    expect(names(queueOrder(applicants, settings))).toEqual([
      'O1',
      'O2',
      'F1',
      'G1',
      'G2',
      'G3',
      'F2',
      'G4',
      'G5',
      'G6',
      'F3',
      'G7',
    ]);
  });

  it('continues with general applicants when first-priority ones run out', () => {
    const applicants = shuffled(['F1', 'G1', 'G2', 'G3', 'G4', 'G5', 'G6']);
    expect(names(queueOrder(applicants, settings))).toEqual(['F1', 'G1', 'G2', 'G3', 'G4', 'G5', 'G6']);
  });

  it('continues with first-priority applicants when general ones run out', () => {
    const applicants = shuffled(['F1', 'F2', 'F3', 'F4', 'G1', 'G2', 'G3', 'G4']);
    expect(names(queueOrder(applicants, settings))).toEqual(['F1', 'G1', 'G2', 'G3', 'F2', 'G4', 'F3', 'F4']);
  });

  it('follows the interleave setting', () => {
    const applicants = shuffled(['F1', 'F2', 'F3', 'G1', 'G2', 'G3']);
    const twoToOne = { ...settings, priorityInterleave: { firstPriority: 2, general: 1 } };
    expect(names(queueOrder(applicants, twoToOne))).toEqual(['F1', 'F2', 'G1', 'F3', 'G2', 'G3']);
  });

  it('orders by instant, not by the text of the time, and breaks ties by id', () => {
    const a = { id: 'b', priority: 'general', appliedAt: '2024-03-01T10:00:00+05:00' } as const;
    const b = { id: 'a', priority: 'general', appliedAt: '2024-03-01T05:00:00Z' } as const;
    const c = { id: 'c', priority: 'general', appliedAt: '2024-03-01T04:59:59Z' } as const;
    expect(names(queueOrder([a, b, c], settings))).toEqual(['c', 'a', 'b']);
  });
});

describe('whose turn has come', () => {
  it('is the first N in queue order', () => {
    const applicants = shuffled(['G1', 'G2', 'F1', 'O1', 'F2']);
    expect(names(whoseTurn(applicants, 3, settings))).toEqual(['O1', 'F1', 'G1']);
    expect(whoseTurn(applicants, 0, settings)).toEqual([]);
    expect(whoseTurn(applicants, 10, settings)).toHaveLength(5);
  });

  it("gives a returned seat's window to the next applicants, skipping those already offered", () => {
    const applicants = shuffled(['G1', 'G2', 'F1', 'O1', 'F2']);
    expect(names(whoseTurn(applicants, 2, settings, new Set(['O1', 'F1', 'G1'])))).toEqual(['F2', 'G2']);
  });
});

describe('queue order properties', () => {
  const applicantList = fc.uniqueArray(
    fc.record({
      id: fc.string({ minLength: 1, maxLength: 6 }),
      priority: fc.constantFrom('out_of_turn', 'first', 'general'),
      appliedAt: fc
        .date({ min: new Date('2020-01-01'), max: new Date('2026-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString()),
    }),
    { selector: (a) => a.id, maxLength: 40 },
  );
  const interleave = fc.record({
    firstPriority: fc.integer({ min: 1, max: 4 }),
    general: fc.integer({ min: 1, max: 5 }),
  });

  it('is a permutation of its input', () => {
    fc.assert(
      fc.property(applicantList, interleave, (list, priorityInterleave) => {
        const ordered = queueOrder(list, { ...settings, priorityInterleave });
        expect([...ordered].sort(byApplicationTime)).toEqual([...list].sort(byApplicationTime));
      }),
    );
  });

  it('always puts every out-of-turn applicant first', () => {
    fc.assert(
      fc.property(applicantList, (list) => {
        const ordered = queueOrder(list, settings);
        const count = list.filter((a) => a.priority === 'out_of_turn').length;
        expect(ordered.slice(0, count).every((a) => a.priority === 'out_of_turn')).toBe(true);
      }),
    );
  });

  it('keeps each stream in application order', () => {
    fc.assert(
      fc.property(applicantList, interleave, (list, priorityInterleave) => {
        const ordered = queueOrder(list, { ...settings, priorityInterleave });
        for (const priority of ['out_of_turn', 'first', 'general'] as const) {
          const stream = ordered.filter((a) => a.priority === priority);
          expect(stream).toEqual([...stream].sort(byApplicationTime));
        }
      }),
    );
  });

  it('never lets more than the configured run of one stream pass while the other waits', () => {
    fc.assert(
      fc.property(applicantList, (list) => {
        const rest = queueOrder(list, settings).filter((a) => a.priority !== 'out_of_turn');
        const firsts = rest.filter((a) => a.priority === 'first').length;
        const generals = rest.length - firsts;
        rest.forEach((a, i) => {
          const before = rest.slice(0, i);
          const firstBefore = before.filter((b) => b.priority === 'first').length;
          const generalBefore = before.length - firstBefore;
          // Before the k-th first-priority applicant (0-based), exactly min(3k, all general) general ones.
          if (a.priority === 'first') expect(generalBefore).toBe(Math.min(3 * firstBefore, generals));
          else expect(firstBefore).toBe(Math.min(Math.floor(generalBefore / 3) + 1, firsts));
        });
      }),
    );
  });

  it('makes whoseTurn(n) a prefix of queue order', () => {
    fc.assert(
      fc.property(applicantList, fc.integer({ min: -2, max: 45 }), (list, seats) => {
        const turn = whoseTurn(list, seats, settings);
        expect(turn).toEqual(queueOrder(list, settings).slice(0, Math.max(0, seats)));
      }),
    );
  });
});
