import { defaultRegionalSettings, regionalSettingsSchema } from './settings.js';

describe('regional settings', () => {
  it('defaults to the published rules: a 3-working-day window, a 5-working-day contract deadline, 1:3, 12 months', () => {
    expect(regionalSettingsSchema.parse(defaultRegionalSettings)).toEqual({
      queueWindow: { length: 3, unit: 'working_days' },
      contractDeadline: { length: 5, unit: 'working_days' },
      priorityInterleave: { firstPriority: 1, general: 3 },
      minimumAgeMonths: 12,
      augustPause: { from: '08-01', to: '08-31' },
      returnedSeats: 'republish_with_window',
      maxChoices: 4,
      staleDeviceDays: 7,
    });
  });

  it('reads settings stored before the stale-device threshold existed with its default of 7 days', () => {
    const { staleDeviceDays: _dropped, ...stored } = defaultRegionalSettings;
    expect(regionalSettingsSchema.parse({ ...stored, maxChoices: 5 })).toEqual({
      ...defaultRegionalSettings,
      maxChoices: 5,
      staleDeviceDays: 7,
    });
  });

  it("accepts Astana's one calendar day window and no August pause", () => {
    const astana = { ...defaultRegionalSettings, queueWindow: { length: 1, unit: 'calendar_days' }, augustPause: null };
    expect(regionalSettingsSchema.safeParse(astana).success).toBe(true);
  });

  it('refuses a window of zero days, an unknown unit, a fractional age and an impossible month-day', () => {
    const bad = [
      { queueWindow: { length: 0, unit: 'working_days' } },
      { queueWindow: { length: 3, unit: 'hours' } },
      { contractDeadline: { length: 5, unit: 'calendar_days' } },
      { minimumAgeMonths: 12.5 },
      { augustPause: { from: '08-01', to: '08-32' } },
      { maxChoices: 0 },
      { staleDeviceDays: 0 },
      { staleDeviceDays: 2.5 },
    ];
    for (const change of bad) {
      expect(regionalSettingsSchema.safeParse({ ...defaultRegionalSettings, ...change }).success).toBe(false);
    }
  });

  it('describes every number with its unit', () => {
    const shape = regionalSettingsSchema.shape;
    expect(shape.queueWindow.shape.length.description).toMatch(/working days/);
    expect(shape.contractDeadline.shape.length.description).toMatch(/working days/);
    expect(shape.priorityInterleave.shape.general.description).toMatch(/applicants/);
    expect(shape.minimumAgeMonths.description).toMatch(/months/);
    expect(shape.maxChoices.description).toMatch(/kindergartens/);
    expect(shape.staleDeviceDays.description).toMatch(/in days/);
  });
});
