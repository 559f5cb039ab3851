import { nameMatches } from '../../../shared/text/search-key.js';

/**
 * What a search box's text asks for:
 * - `iin`: 12 digits, the whole IIN, matched through its keyed hash (stored beside the encrypted IIN);
 * - `iinTail`: 1–4 digits, the end of the IIN — what the mask (••••••••1232) shows, matched on the
 *   IIN as the replica decrypts it for the screen; nothing more is stored for it;
 * - `digits`: 5–11 digits, which would reveal hidden digits: it matches nothing and the screen says
 *   to type the last 4 or all 12;
 * - `name`: anything else, every word within the name, whatever the case and the Kazakh/Russian
 *   letter variants (`shared/text/search-key.ts`).
 */
export type PersonQuery =
  | { kind: 'none' }
  | { kind: 'iin'; iin: string }
  | { kind: 'iinTail'; digits: string }
  | { kind: 'digits'; digits: string }
  | { kind: 'name'; text: string };

export function personQuery(search: string): PersonQuery {
  const text = search.trim();
  if (!text) return { kind: 'none' };
  const digits = text.replace(/[\s•*.-]/g, '');
  if (/^\d+$/.test(digits)) {
    if (digits.length === 12) return { kind: 'iin', iin: digits };
    if (digits.length <= 4) return { kind: 'iinTail', digits };
    return { kind: 'digits', digits };
  }
  return { kind: 'name', text };
}

export interface Person {
  childFullName: string;
  childIin: string;
  childIinHash?: string;
}

/** Whether a person is found by the query; `iinHash` is the keyed hash of a 12-digit query, when known. */
export function matchesPerson(person: Person, query: PersonQuery, iinHash: string | null = null): boolean {
  switch (query.kind) {
    case 'none':
      return true;
    case 'iin':
      return iinHash && person.childIinHash ? person.childIinHash === iinHash : person.childIin === query.iin;
    case 'iinTail':
      return person.childIin.endsWith(query.digits);
    case 'digits':
      return false;
    case 'name':
      return nameMatches(person.childFullName, query.text);
  }
}
