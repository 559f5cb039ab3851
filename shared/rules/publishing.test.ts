import { refuse } from '../commands/rejection.js';
import type { GroupLoad } from './capacity.js';
import {
  canEnrollOn,
  checkPublication,
  inPublicationPause,
  isEarlyBooking,
  type PublicationRequest,
} from './publishing.js';
import { defaultRegionalSettings as settings } from './settings.js';

const at = (iso: string) => new Date(iso);
const june = at('2026-06-01T10:00:00+05:00');
const fullGraduatingGroup: GroupLoad = {
  attending: Array.from({ length: 25 }, () => ({ enrolledOn: '2021-09-01', departedOn: '2026-09-01' })),
  promised: [],
};

function request(overrides: Partial<PublicationRequest> = {}): PublicationRequest {
  return {
    seats: 5,
    source: { kind: 'schedule_entry', approved: true, remainingSeats: 25 },
    birthYear: 2023,
    availableFrom: '2026-09-01',
    groupCapacity: 25,
    groupLoad: fullGraduatingGroup,
    ...overrides,
  };
}

describe('what can be published', () => {
  it('lets a full group publish the 25 seats its graduates free on 1 September 2026', () => {
    expect(checkPublication(request({ seats: 25 }), june, settings)).toEqual({ ok: true });
  });

  it('refuses seats beyond capacity on the available-from date', () => {
    const vacancy = { kind: 'vacancy', remainingSeats: 30 } as const;
    expect(checkPublication(request({ seats: 26, source: vacancy }), june, settings)).toEqual(
      refuse('over_capacity', { date: '2026-09-01', capacity: 25, occupancy: 26 }),
    );
    expect(checkPublication(request({ seats: 1, availableFrom: '2026-08-20' }), june, settings)).toEqual(
      refuse('over_capacity', { date: '2026-08-20', capacity: 25, occupancy: 26 }),
    );
  });

  it('refuses zero or fractional seats', () => {
    expect(checkPublication(request({ seats: 0 }), june, settings)).toEqual(refuse('invalid_seat_count', { seats: 0 }));
    expect(checkPublication(request({ seats: 1.5 }), june, settings).ok).toBe(false);
  });

  it('publishes only from an approved schedule entry, never more than it still holds', () => {
    const unapproved = { kind: 'schedule_entry', approved: false, remainingSeats: 25 } as const;
    expect(checkPublication(request({ source: unapproved }), june, settings)).toEqual(
      refuse('schedule_entry_not_approved'),
    );
    const almostUsed = { kind: 'schedule_entry', approved: true, remainingSeats: 4 } as const;
    expect(checkPublication(request({ source: almostUsed }), june, settings)).toEqual(
      refuse('exceeds_source_seats', { source: 'schedule_entry', seats: 5, remainingSeats: 4 }),
    );
  });

  it('never publishes more than a vacancy holds', () => {
    const vacancy = { kind: 'vacancy', remainingSeats: 1 } as const;
    expect(checkPublication(request({ seats: 1, source: vacancy }), june, settings)).toEqual({ ok: true });
    expect(checkPublication(request({ seats: 2, source: vacancy }), june, settings)).toMatchObject({
      rejection: { code: 'exceeds_source_seats', params: { source: 'vacancy', remainingSeats: 1 } },
    });
  });

  it('refuses a birth year with no age group on available-from', () => {
    expect(checkPublication(request({ birthYear: 2020 }), june, settings)).toEqual(
      refuse('birth_year_not_admissible', { birthYear: 2020, availableFrom: '2026-09-01', intakeYear: 2026 }),
    );
    expect(checkPublication(request({ birthYear: 2026 }), june, settings).ok).toBe(false);
  });
});

describe('the August pause', () => {
  it('blocks publishing from 00:00 on 1 August to 23:59 on 31 August, city time', () => {
    expect(inPublicationPause(at('2026-07-31T23:59:59+05:00'), settings)).toBe(false);
    expect(inPublicationPause(at('2026-08-01T00:00:00+05:00'), settings)).toBe(true);
    expect(inPublicationPause(at('2026-08-31T23:59:59+05:00'), settings)).toBe(true);
    expect(inPublicationPause(at('2026-09-01T00:00:00+05:00'), settings)).toBe(false);
  });

  it('refuses a publication in August with the pause dates, and allows it when the pause is off', () => {
    const august = at('2026-08-15T10:00:00+05:00');
    expect(checkPublication(request(), august, settings)).toEqual(
      refuse('august_pause', { date: '2026-08-15', from: '08-01', to: '08-31' }),
    );
    expect(checkPublication(request(), august, { ...settings, augustPause: null })).toEqual({ ok: true });
  });

  it('judges the pause by the city date: 23:30 UTC on 31 July is already 1 August in Almaty', () => {
    expect(inPublicationPause(at('2026-07-31T23:30:00Z'), settings)).toBe(true);
  });
});

describe('early booking', () => {
  it('is a publication whose available-from is after today (city date)', () => {
    expect(isEarlyBooking('2026-09-01', june)).toBe(true);
    expect(isEarlyBooking('2026-06-01', june)).toBe(false);
    expect(isEarlyBooking('2026-06-02', at('2026-06-01T19:30:00Z'))).toBe(false);
  });

  it('never enrolls before available-from', () => {
    expect(canEnrollOn('2026-08-31', '2026-09-01')).toEqual(
      refuse('enrollment_before_available_from', { enrollmentDate: '2026-08-31', availableFrom: '2026-09-01' }),
    );
    expect(canEnrollOn('2026-09-01', '2026-09-01')).toEqual({ ok: true });
    expect(canEnrollOn('2026-09-14', '2026-09-01')).toEqual({ ok: true });
  });
});
