import { randomUUID } from 'node:crypto';
import { canonicalDocuments } from '../model/canonical.js';
import type { Snapshot } from '../model/harness.js';

/**
 * The intake model compares two runs of one sequence (with and without scheduler rounds) by their
 * documents with the server's random ids named by content. An id the server made may appear anywhere a
 * document names it — a field, a payload, or a rejection's params listing several ids in one string.
 */
const KNOWN = '0191d2a0-0000-7000-9000-00000000000a';

function run(republished: string, opened: string) {
  const snap = {
    publications: [
      { id: KNOWN, groupId: 'g', seats: 1, status: 'open' },
      { id: republished, groupId: 'g', seats: 1, status: opened },
    ],
    commands: [
      {
        id: 'c1',
        kind: 'departure.cancel',
        status: 'rejected',
        rejection: { code: 'freed_seats_published', params: { publicationIds: [KNOWN, republished].sort().join(',') } },
      },
    ],
    turns: [],
    moves: [],
  } as unknown as Snapshot;
  return canonicalDocuments(snap, (id) => id === KNOWN);
}

describe('the intake model names the server’s ids by what their documents say', () => {
  it('two runs that differ only in the server’s random ids compare equal, lists of ids in one string included', () => {
    for (let i = 0; i < 20; i++) expect(run(randomUUID(), 'open')).toEqual(run(randomUUID(), 'open'));
  });

  it('two runs whose republished seat differs in what it says do not', () => {
    expect(run(randomUUID(), 'open')).not.toEqual(run(randomUUID(), 'closed'));
  });
});
