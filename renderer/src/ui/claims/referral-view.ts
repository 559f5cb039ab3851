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
