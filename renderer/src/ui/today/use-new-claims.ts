import { useDesk } from '../desk-context.js';
import { useList } from '../hooks/use-replica.js';
import { isNewClaim, useClaimsLastLooked } from './last-looked.js';

/** How many claims were made since the signed-in staff member last looked at the claims board on this PC. */
export function useNewClaims(): number {
  const { session } = useDesk();
  const lastLooked = useClaimsLastLooked(session.info.staff.id);
  return useList('referrals').filter((r) => isNewClaim(r.claimedAt, lastLooked)).length;
}
