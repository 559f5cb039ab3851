import { z } from 'zod';
import { isoDate, isoInstant } from '../domain/dates.js';
import { safeText } from '../domain/text.js';

/**
 * The department's city dashboard (GET /api/department/dashboard): what needs attention today, per
 * kindergarten of the session's city and for the city, counted at the server's instant. The console
 * asks again every few seconds (`DASHBOARD_REFRESH_MS`), so a parent's claim shows without a reload.
 */
export const dashboardFiguresSchema = z.object({
  /** Publications in their queue window now (published, not withdrawn, the window not yet closed). */
  windowsOpen: z.number().int(),
  /** Seats of publications published today (city date). */
  seatsPublishedToday: z.number().int(),
  /** Referrals issued today (city date): seats claimed. */
  seatsClaimedToday: z.number().int(),
  /** Open seats of publications whose window has closed (or had none): anyone eligible may claim. */
  seatsOpenToAll: z.number().int(),
  /** Open seats whose available-from date has come: a place stands empty. */
  unclaimedSeats: z.number().int(),
  /** Referrals waiting for a contract (active, the deadline not passed). */
  awaitingContract: z.number().int(),
  /** The nearest of their contract deadlines, or null. */
  nearestDeadline: isoInstant.nullable(),
  /** Contracted referrals whose available-from date has come: the kindergarten should enroll. */
  enrollmentsDue: z.number().int(),
  /** Schedule entries submitted to the department and not yet decided. */
  entriesAwaitingApproval: z.number().int(),
  /** Devices signed in (a live session) whose last sync is more than `staleDeviceDays` ago. */
  staleDevices: z.number().int(),
});
export type DashboardFigures = z.infer<typeof dashboardFiguresSchema>;

export const dashboardKindergartenSchema = dashboardFiguresSchema.extend({
  id: z.uuid(),
  nameRu: safeText,
  nameKk: safeText,
});
export type DashboardKindergarten = z.infer<typeof dashboardKindergartenSchema>;

/** A referral waiting for its contract, with its deadline (the list under the table). */
export const dashboardDeadlineSchema = z.object({
  kindergartenId: z.uuid(),
  number: safeText,
  claimedAt: isoInstant,
  deadline: isoInstant,
});
export type DashboardDeadline = z.infer<typeof dashboardDeadlineSchema>;

/** At most this many deadlines in the answer (the nearest first). */
export const DASHBOARD_DEADLINE_LIMIT = 200;

export const cityDashboardSchema = z.object({
  /** The server's instant the figures were counted at, and its city date. */
  at: isoInstant,
  today: isoDate,
  /** The regional setting in force: a device is stale after this many days without a sync. */
  staleDeviceDays: z.number().int(),
  city: dashboardFiguresSchema,
  kindergartens: z.array(dashboardKindergartenSchema),
  deadlines: z.array(dashboardDeadlineSchema),
  /** More referrals wait than `deadlines` holds. */
  deadlinesTruncated: z.boolean(),
});
export type CityDashboard = z.infer<typeof cityDashboardSchema>;

/** How often the console asks for the dashboard while it is shown. */
export const DASHBOARD_REFRESH_MS = 3000;
