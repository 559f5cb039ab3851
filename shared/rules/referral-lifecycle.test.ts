import { calendarFromTable, kzCalendarDays } from '../calendar/index.js';
import { refuse } from '../commands/rejection.js';
import {
  canConcludeContract,
  canDecline,
  canEnroll,
  canRefuse,
  canTerminate,
  contractDeadline,
  effectiveStatus,
  onAccountBlocked,
  returnsSeat,
  seatReleasedBy,
  type EnrollableReferral,
  type ReferralStatus,
  type TerminableReferral,
} from './referral-lifecycle.js';
import { defaultRegionalSettings as settings } from './settings.js';

const calendar = calendarFromTable(kzCalendarDays);
const at = (iso: string) => new Date(iso);
const deadline = at('2026-06-08T23:59:59.999+05:00');
const beforeDeadline = at('2026-06-03T12:00:00+05:00');

type Facts = EnrollableReferral & TerminableReferral;
function referral(status: ReferralStatus, overrides: Partial<Facts> = {}): Facts {
  return {
    status,
    contractDeadline: deadline.toISOString(),
    availableFrom: '2026-09-01',
    enrolledOn: null,
    ...overrides,
  };
}
const order = { orderNumber: '45-к', orderDate: '2026-08-28' };

describe('contract deadline', () => {
  it('is the end of the 5th working day after the claim: claimed Monday 1 June 2026 → Monday 8 June', () => {
    expect(contractDeadline(at('2026-06-01T10:00:00+05:00'), settings, calendar)).toEqual(deadline);
  });

  it('skips the May holidays: claimed 6 May 2026 → 15 May (7 May and 11 May are days off)', () => {
    expect(contractDeadline(at('2026-05-06T10:00:00+05:00'), settings, calendar)).toEqual(
      at('2026-05-15T23:59:59.999+05:00'),
    );
  });
});

describe('effective status', () => {
  it('keeps an active referral active up to and including its deadline', () => {
    expect(effectiveStatus(referral('active'), deadline)).toBe('active');
  });

  it('counts an active referral as expired the moment its deadline passes, with no job run', () => {
    expect(effectiveStatus(referral('active'), at('2026-06-09T00:00:00+05:00'))).toBe('expired');
  });

  it('never expires a referral whose contract is concluded', () => {
    expect(effectiveStatus(referral('contracted'), at('2026-07-01T00:00:00+05:00'))).toBe('contracted');
  });
});

describe('referral transitions', () => {
  const late = at('2026-06-09T00:00:01+05:00');

  it('concludes a contract only while the referral is active', () => {
    expect(canConcludeContract(referral('active'), beforeDeadline)).toEqual({ ok: true });
    expect(canConcludeContract(referral('active'), late)).toEqual(
      refuse('referral_expired', { deadline: '2026-06-08T18:59:59.999Z' }),
    );
    expect(canConcludeContract(referral('refused'), beforeDeadline)).toEqual(
      refuse('wrong_referral_status', { status: 'refused', action: 'conclude_contract' }),
    );
  });

  it('enrolls a contracted child with an order on or after available-from', () => {
    const enrollment = { ...order, enrollmentDate: '2026-09-01' };
    expect(canEnroll(referral('contracted'), enrollment, late)).toEqual({ ok: true });
    expect(canEnroll(referral('active'), enrollment, beforeDeadline)).toMatchObject({
      rejection: { code: 'wrong_referral_status', params: { status: 'active', action: 'enroll' } },
    });
    expect(canEnroll(referral('contracted'), { ...enrollment, orderNumber: '  ' }, late)).toMatchObject({
      rejection: { code: 'missing_order_number' },
    });
    expect(canEnroll(referral('contracted'), { ...enrollment, orderDate: '28.08.2026' }, late)).toEqual(
      refuse('missing_order_date'),
    );
    expect(canEnroll(referral('contracted'), { ...enrollment, enrollmentDate: '2026-08-31' }, late)).toEqual(
      refuse('enrollment_before_available_from', { enrollmentDate: '2026-08-31', availableFrom: '2026-09-01' }),
    );
  });

  it('declines a referral only on a published ground', () => {
    expect(canDecline(referral('active'), 'medical', beforeDeadline)).toEqual({ ok: true });
    expect(canDecline(referral('contracted'), 'documents_expired', late)).toEqual({ ok: true });
    expect(canDecline(referral('active'), 'no_reason', beforeDeadline)).toEqual(
      refuse('decline_reason_not_allowed', { reason: 'no_reason' }),
    );
    expect(canDecline(referral('enrolled'), 'medical', late)).toMatchObject({
      rejection: { code: 'wrong_referral_status' },
    });
  });

  it('lets the parent refuse before enrollment, not after the referral expired', () => {
    expect(canRefuse(referral('active'), beforeDeadline)).toEqual({ ok: true });
    expect(canRefuse(referral('contracted'), late)).toEqual({ ok: true });
    expect(canRefuse(referral('active'), late)).toMatchObject({ rejection: { code: 'referral_expired' } });
  });

  it('terminates a contract with a reason, an order and a date not before enrollment', () => {
    const enrolled = referral('enrolled', { enrolledOn: '2026-09-01' });
    const termination = { ...order, reason: 'parent_request', terminatedOn: '2026-10-15' };
    expect(canTerminate(enrolled, termination, late)).toEqual({ ok: true });
    expect(canTerminate(enrolled, { ...termination, reason: 'whim' }, late)).toEqual(
      refuse('termination_reason_not_allowed', { reason: 'whim' }),
    );
    expect(canTerminate(enrolled, { ...termination, terminatedOn: '2026-08-31' }, late)).toEqual(
      refuse('departure_before_enrollment', { terminatedOn: '2026-08-31', enrolledOn: '2026-09-01' }),
    );
    expect(canTerminate(referral('active'), termination, beforeDeadline)).toMatchObject({
      rejection: { code: 'wrong_referral_status', params: { action: 'terminate' } },
    });
  });
});

describe('account block', () => {
  const now = at('2026-10-01T10:00:00+05:00');

  it('terminates an enrolled child automatically, leaving a vacancy', () => {
    expect(onAccountBlocked(referral('enrolled', { enrolledOn: '2026-09-01' }), now)).toEqual({
      terminate: true,
      from: 'enrolled',
      seat: 'vacancy',
    });
  });

  it('terminates an active or contracted referral, returning its seat', () => {
    expect(onAccountBlocked(referral('active'), beforeDeadline)).toEqual({
      terminate: true,
      from: 'active',
      seat: 'returned_seat',
    });
    expect(onAccountBlocked(referral('contracted'), now)).toMatchObject({ seat: 'returned_seat' });
  });

  it('leaves finished and overdue referrals alone', () => {
    for (const status of ['refused', 'declined', 'expired', 'terminated'] as const) {
      expect(onAccountBlocked(referral(status), now)).toEqual({ terminate: false });
    }
    expect(onAccountBlocked(referral('active'), now)).toEqual({ terminate: false });
  });
});

describe('seats freed by a referral', () => {
  it('returns the seat of a refused, declined or expired referral', () => {
    expect(['refused', 'declined', 'expired'].every((s) => returnsSeat(s as ReferralStatus))).toBe(true);
    expect(['active', 'contracted', 'enrolled', 'terminated'].some((s) => returnsSeat(s as ReferralStatus))).toBe(
      false,
    );
  });

  it('makes a termination after enrollment a vacancy, before enrollment a returned seat', () => {
    expect(seatReleasedBy('enrolled', 'terminated')).toBe('vacancy');
    expect(seatReleasedBy('contracted', 'terminated')).toBe('returned_seat');
    expect(seatReleasedBy('active', 'expired')).toBe('returned_seat');
    expect(seatReleasedBy('active', 'contracted')).toBeNull();
  });
});
