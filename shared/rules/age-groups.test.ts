import fc from 'fast-check';
import { ageGroupSchema } from '../domain/group.js';
import { ageGroupFor, ageInMonths, birthYearFor, intakeYear, meetsMinimumAge } from './age-groups.js';

describe('intake year', () => {
  it('is the year of available-from from June to December', () => {
    expect(intakeYear('2026-06-01')).toBe(2026);
    expect(intakeYear('2026-09-01')).toBe(2026);
    expect(intakeYear('2026-12-31')).toBe(2026);
  });

  it('is the year before from January to May', () => {
    expect(intakeYear('2027-01-15')).toBe(2026);
    expect(intakeYear('2027-05-31')).toBe(2026);
  });
});

describe('age groups', () => {
  it('maps intake year minus birth year 1–5 to early, junior, middle, senior, preschool', () => {
    expect(ageGroupFor(2025, '2026-09-01')).toBe('early');
    expect(ageGroupFor(2024, '2026-09-01')).toBe('junior');
    expect(ageGroupFor(2023, '2026-09-01')).toBe('middle');
    expect(ageGroupFor(2022, '2026-09-01')).toBe('senior');
    expect(ageGroupFor(2021, '2026-09-01')).toBe('preschool');
  });

  it('admits no child born in the intake year, and none of school age (6 or more)', () => {
    expect(ageGroupFor(2026, '2026-09-01')).toBeNull();
    expect(ageGroupFor(2020, '2026-09-01')).toBeNull();
    expect(ageGroupFor(2019, '2026-09-01')).toBeNull();
  });

  it('counts a January seat in the previous intake year', () => {
    expect(ageGroupFor(2025, '2027-01-15')).toBe('early');
    expect(ageGroupFor(2021, '2027-01-15')).toBe('preschool');
    expect(ageGroupFor(2026, '2027-01-15')).toBeNull();
  });

  it('gives back the birth year an age group targets', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ageGroupSchema.options),
        fc.date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }),
        (group, date) => {
          const availableFrom = date.toISOString().slice(0, 10);
          expect(ageGroupFor(birthYearFor(group, availableFrom), availableFrom)).toBe(group);
        },
      ),
    );
  });
});

describe('minimum age', () => {
  it('keeps a child born 2025-12-10 out of a June 2026 early-age seat (5 months of 12)', () => {
    expect(ageGroupFor(2025, '2026-06-01')).toBe('early');
    expect(ageInMonths('2025-12-10', '2026-06-01')).toBe(5);
    expect(meetsMinimumAge('2025-12-10', '2026-06-01', 12)).toBe(false);
  });

  it('lets in a child who turns 12 months on available-from, not a day later', () => {
    expect(meetsMinimumAge('2025-06-01', '2026-06-01', 12)).toBe(true);
    expect(meetsMinimumAge('2025-06-02', '2026-06-01', 12)).toBe(false);
  });

  it('lets a child born on 29 February turn 12 months on 28 February', () => {
    expect(ageInMonths('2024-02-29', '2025-02-28')).toBe(12);
    expect(meetsMinimumAge('2024-02-29', '2025-02-28', 12)).toBe(true);
  });

  it('agrees with the whole-month age on every pair of dates', () => {
    const day = fc
      .date({ min: new Date('2018-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, fc.integer({ min: 0, max: 72 }), (birth, on, minimum) => {
        expect(meetsMinimumAge(birth, on, minimum)).toBe(ageInMonths(birth, on) >= minimum);
      }),
    );
  });
});
