import type { Referral } from '../../../../shared/domain/index.js';
import { effectiveStatus, type ReferralStatus } from '../../../../shared/rules/index.js';

/** The status at the server's `now`: an active referral past its deadline is expired at once. */
export const statusAt = (r: Referral, now: Date): ReferralStatus => effectiveStatus(r, now);
