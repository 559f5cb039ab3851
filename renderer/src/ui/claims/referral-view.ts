import type { Referral } from '../../../../shared/domain/index.js';
import { effectiveStatus, type ReferralStatus } from '../../../../shared/rules/index.js';

/** The referral as the lifecycle rules read it. */
export const lifecycleOf = (r: Referral) => ({
  status: r.status,
  contractDeadline: new Date(r.contractDeadline),
  availableFrom: r.availableFrom,
  enrolledOn: null,
});

/** The status at the server's `now`: an active referral past its deadline is expired at once. */
export const statusAt = (r: Referral, now: Date): ReferralStatus => effectiveStatus(lifecycleOf(r), now);

/**
 * Search by child name (any part, any case) or IIN (digits, exact prefix). A whole IIN (12 digits)
 * is matched through its keyed hash (`needleIinHash`, stored beside the encrypted IIN) when given.
 */
export function matchesSearch(
  r: Pick<Referral, 'childFullName' | 'childIin'> & { childIinHash?: string },
  search: string,
  needleIinHash: string | null = null,
): boolean {
  const needle = search.trim().toLocaleLowerCase();
  if (!needle) return true;
  if (needleIinHash && /^\d{12}$/.test(needle) && r.childIinHash) return r.childIinHash === needleIinHash;
  if (/^\d+$/.test(needle)) return r.childIin.startsWith(needle);
  return r.childFullName.toLocaleLowerCase().includes(needle);
}
