import type { StaffRole } from '../../../../shared/auth.js';
import type { Group } from '../../../../shared/domain/index.js';
import { intakeStatistics, occupancyForecast } from '../../../../shared/reports/index.js';
import type { LoadSources } from '../../../../shared/rules/index.js';
import { headSignature, type Signatory, type Translate } from '../../print/build-documents.js';
import type { DocumentKind, DocumentLanguage, PrintDocument } from '../../print/document.js';
import { intakeStatisticsDocument, occupancyForecastDocument } from '../../print/report-documents.js';

/** Every document the desk makes, in the order the Documents screen offers them. */
export const documentKinds: readonly DocumentKind[] = [
  'enrollmentOrder',
  'groupList',
  'movementRegister',
  'unitCalendar',
  'intakeStatistics',
  'occupancyForecast',
];

/**
 * The head's own reports (issue #23 point 3, docs/rules.md: each head sees the same for her own kindergarten): the
 * intake statistics and the occupancy forecast are offered to the head only. A staff member keeps
 * the documents of the daily work (orders, group lists, the register, the unit calendar); the
 * replica holds the same documents either way, so this is what the screen offers, not what it can read.
 */
export const headOnlyKinds: readonly DocumentKind[] = ['intakeStatistics', 'occupancyForecast'];

export function documentKindsFor(role: StaffRole): DocumentKind[] {
  return documentKinds.filter((kind) => role === 'head' || !headOnlyKinds.includes(kind));
}

export interface HeadReportInput {
  groups: readonly Group[];
  /** The replica's documents (the kindergarten's own): the same the server reads for the department. */
  sources: LoadSources;
  from: string;
  to: string;
  today: string;
  now: Date;
}

/**
 * The head's own reports from the replica, through the same shared functions the department's
 * report runs on the server: the intake statistics for the period (by queue category too, from the
 * category each referral carries) and the occupancy forecast from today. Null for a period that ends
 * before it begins (the screen keeps the last good one out of print).
 */
export function headReport(
  kind: 'intakeStatistics' | 'occupancyForecast',
  input: HeadReportInput,
  kindergarten: { name: string; signatory: Signatory | null },
  options: { language: DocumentLanguage; t: Translate },
): PrintDocument | null {
  const scope = { name: kindergarten.name, signatures: [headSignature(options.t, kindergarten.signatory)] };
  const common = { ...options, today: input.today, scope };
  if (kind === 'occupancyForecast')
    return occupancyForecastDocument(occupancyForecast(input.groups, input.sources, input.today, input.now), common);
  if (!input.from || !input.to || input.from > input.to) return null;
  const statistics = intakeStatistics(
    { from: input.from, to: input.to },
    {
      publications: input.sources.publications ?? [],
      referrals: [...input.sources.referrals.values()],
      enrollments: input.sources.enrollments,
    },
    input.now,
  );
  return intakeStatisticsDocument(statistics, common);
}
