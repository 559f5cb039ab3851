import { calendarFromTable, kzCalendarDays } from '../calendar/index.js';
import { refuse } from '../commands/rejection.js';
import {
  canClaim,
  publicationInstants,
  publicationPhase,
  returnedSeatWindowClosesAt,
  windowClosesAt,
  type ClaimInput,
  type PublicationInstants,
} from './publication-phase.js';
import { defaultRegionalSettings as settings } from './settings.js';

const calendar = calendarFromTable(kzCalendarDays);
const at = (iso: string) => new Date(iso);

describe('when the queue window closes', () => {
  it('closes a window published on Friday 5 June 2026 at the end of Wednesday 10 June, Almaty time', () => {
    expect(windowClosesAt(at('2026-06-05T15:00:00+05:00'), settings, calendar)).toEqual(
      at('2026-06-10T23:59:59.999+05:00'),
    );
  });

  it('skips the Capital Day holiday: published Friday 3 July 2026, it closes at the end of Thursday 9 July', () => {
    expect(windowClosesAt(at('2026-07-03T11:00:00+05:00'), settings, calendar)).toEqual(
      at('2026-07-09T23:59:59.999+05:00'),
    );
  });

  it('counts from the city date: 01:00 Monday in Almaty is still Sunday in UTC', () => {
    expect(windowClosesAt(at('2026-06-07T20:00:00Z'), settings, calendar)).toEqual(at('2026-06-11T23:59:59.999+05:00'));
  });

  it('counts calendar days when the region says so (Astana: 1 calendar day)', () => {
    const astana = { ...settings, queueWindow: { length: 1, unit: 'calendar_days' as const } };
    expect(windowClosesAt(at('2026-06-05T15:00:00+05:00'), astana, calendar)).toEqual(
      at('2026-06-06T23:59:59.999+05:00'),
    );
  });

  it('gives a returned seat a new window, or none when returned seats go straight to open to all', () => {
    const returnedAt = at('2026-06-15T12:00:00+05:00');
    expect(returnedSeatWindowClosesAt(returnedAt, settings, calendar)).toEqual(at('2026-06-18T23:59:59.999+05:00'));
    expect(returnedSeatWindowClosesAt(returnedAt, { ...settings, returnedSeats: 'open_to_all' }, calendar)).toBeNull();
  });
});

describe('publication phase', () => {
  const publication: PublicationInstants = {
    publishedAt: at('2026-06-05T15:00:00+05:00'),
    windowClosesAt: at('2026-06-10T23:59:59.999+05:00'),
    withdrawnAt: null,
  };

  it('is the queue window from publication up to and including the closing instant', () => {
    expect(publicationPhase(publication, at('2026-06-05T15:00:00+05:00'))).toBe('queue_window');
    expect(publicationPhase(publication, at('2026-06-10T23:59:59.999+05:00'))).toBe('queue_window');
  });

  it('is open to all at 00:05 after the window closed, whether or not any job has run', () => {
    expect(publicationPhase(publication, at('2026-06-11T00:05:00+05:00'))).toBe('open_to_all');
  });

  it('is open to all from the start when published without a window', () => {
    expect(publicationPhase({ ...publication, windowClosesAt: null }, at('2026-06-05T15:00:00+05:00'))).toBe(
      'open_to_all',
    );
  });

  it('is withdrawn from the withdrawal instant on', () => {
    const withdrawn = { ...publication, withdrawnAt: at('2026-06-08T10:00:00+05:00') };
    expect(publicationPhase(withdrawn, at('2026-06-08T09:59:59.999+05:00'))).toBe('queue_window');
    expect(publicationPhase(withdrawn, at('2026-06-08T10:00:00+05:00'))).toBe('withdrawn');
  });

  it('is read from the instants a publication document holds (ISO text), a bad one refused by name', () => {
    const stored = {
      publishedAt: '2026-06-05T10:00:00.000Z',
      windowClosesAt: '2026-06-10T18:59:59.999Z',
      withdrawnAt: null,
    };
    expect(publicationInstants(stored)).toEqual(publication);
    expect(publicationPhase(publicationInstants(stored), at('2026-06-11T00:05:00+05:00'))).toBe('open_to_all');
    expect(() => publicationInstants({ ...stored, withdrawnAt: '2026-06-08' })).toThrow(
      /^Expected withdrawnAt as an ISO instant/,
    );
  });
});

describe('claiming a seat', () => {
  const claim = (overrides: Partial<ClaimInput>): ClaimInput => ({
    phase: 'queue_window',
    applicantInWindowList: true,
    eligible: { ok: true },
    seatsLeft: 2,
    ...overrides,
  });

  it('lets an applicant whose turn has come claim during the window', () => {
    expect(canClaim(claim({}))).toEqual({ ok: true });
  });

  it('refuses an applicant whose turn has not come during the window', () => {
    expect(canClaim(claim({ applicantInWindowList: false }))).toEqual(refuse('not_your_turn'));
  });

  it('lets anyone eligible claim once open to all, regardless of queue position', () => {
    expect(canClaim(claim({ phase: 'open_to_all', applicantInWindowList: false }))).toEqual({ ok: true });
  });

  it('judges a claim at 00:05 after the window by the clock, not by a flag', () => {
    const publication = {
      publishedAt: at('2026-06-05T15:00:00+05:00'),
      windowClosesAt: windowClosesAt(at('2026-06-05T15:00:00+05:00'), settings, calendar),
      withdrawnAt: null,
    };
    const phase = publicationPhase(publication, at('2026-06-11T00:05:00+05:00'));
    expect(canClaim(claim({ phase, applicantInWindowList: false }))).toEqual({ ok: true });
  });

  it('refuses when no seat is left, when withdrawn, and passes on the reason an applicant is not eligible', () => {
    expect(canClaim(claim({ phase: 'open_to_all', seatsLeft: 0 }))).toEqual(refuse('no_seats_left'));
    expect(canClaim(claim({ phase: 'withdrawn' }))).toEqual(refuse('publication_withdrawn'));
    const notEligible = refuse('wrong_language', { language: 'ru', required: 'kk' });
    expect(canClaim(claim({ eligible: notEligible }))).toEqual(notEligible);
  });
});
