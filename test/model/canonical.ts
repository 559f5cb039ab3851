import { createHash } from 'node:crypto';
import type { Snapshot } from './harness.js';

/**
 * Two runs of one sequence make the same documents under different ids (the server makes referral,
 * seat, enrollment and republished publication ids at random). This names every id the sequence did
 * not choose by what its document says — refined over what the documents it points to say — so
 * the two runs' documents can be compared field by field. Display stamps are left out.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Fields that only say when a row was written or how it is displayed, not what was decided. */
const STAMPS = new Set(['updatedAt', 'rev', 'number']);

type Doc = Record<string, unknown>;

const hash = (text: string) => createHash('sha1').update(text).digest('hex').slice(0, 16);

export function canonicalDocuments(snap: Snapshot, known: (id: string) => boolean): Record<string, string[]> {
  const collections = Object.entries(snap).filter(([name]) => name !== 'turns') as Array<[string, Doc[]]>;
  const docs = new Map<string, { collection: string; doc: Doc }>();
  for (const [collection, list] of collections) {
    for (const doc of list) docs.set(String(doc.id), { collection, doc });
  }
  const turnsOf = new Map<string, string[]>();
  for (const t of snap.turns) turnsOf.set(t.publicationId, [...(turnsOf.get(t.publicationId) ?? []), t.applicantId]);

  const unknown = (v: unknown): v is string => typeof v === 'string' && UUID.test(v) && !known(v);
  let names = new Map<string, string>();
  /** Ids the server made, inside any value (a command's payload names them too), by their current names. */
  const rename = (v: unknown): unknown => {
    if (unknown(v)) return names.get(v) ?? '?';
    // A rejection's params list ids in one string ("id,id"), ordered by id: renamed, then sorted again.
    if (typeof v === 'string' && v.includes(',') && v.split(',').every((x) => UUID.test(x))) {
      return v
        .split(',')
        .map((x) => (unknown(x) ? (names.get(x) ?? '?') : x))
        .sort()
        .join(',');
    }
    if (Array.isArray(v)) return v.map(rename);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.entries(v)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([k, x]) => [k, rename(x)]),
      );
    }
    return v;
  };
  const render = (collection: string, doc: Doc, self: boolean) =>
    JSON.stringify(
      Object.keys(doc)
        .filter((k) => !STAMPS.has(k))
        .sort()
        .map((k) => {
          const v = doc[k];
          if (k === 'id' && self) return [k, '·'];
          return [k, rename(v)];
        })
        .concat([
          ['@', collection],
          ['turns', (turnsOf.get(String(doc.id)) ?? []).sort()],
        ]),
    );
  for (let round = 0; round < 4; round++) {
    const next = new Map<string, string>();
    for (const [id, { collection, doc }] of docs) if (unknown(id)) next.set(id, hash(render(collection, doc, true)));
    names = next;
  }
  const out: Record<string, string[]> = {};
  for (const [collection, list] of collections) {
    out[collection] = list.map((doc) => render(collection, doc, false)).sort();
  }
  return out;
}

/** The first differences between two runs' canonical documents, as readable lines. */
export function documentDifferences(
  a: Record<string, string[]>,
  b: Record<string, string[]>,
  limit = 6,
  sides = ['with the scheduler', 'without it'],
): string[] {
  const lines: string[] = [];
  for (const collection of Object.keys(a)) {
    const left = new Set(a[collection]);
    const right = new Set(b[collection] ?? []);
    for (const doc of left)
      if (!right.has(doc) && lines.length < limit) lines.push(`${collection} only ${sides[0]}: ${doc}`);
    for (const doc of right)
      if (!left.has(doc) && lines.length < limit) lines.push(`${collection} only ${sides[1]}: ${doc}`);
  }
  return lines;
}
