import { v7 as uuidv7 } from 'uuid';
import {
  departmentCommandOutcomeSchema,
  type DepartmentCommandKind,
  type DepartmentCommandOutcome,
  type DepartmentCommandPayload,
} from '../../shared/commands/department-commands.js';
import {
  calendarPreviewSchema,
  departmentCalendarYearSchema,
  departmentSettingsSchema,
  type CalendarPreview,
  type CalendarPreviewQuery,
  type DepartmentCalendarYear,
  type DepartmentSettings,
} from '../../shared/department/calendar.js';
import {
  blockPreviewSchema,
  departmentAccountListSchema,
  departmentApplicantListSchema,
  departmentStaffListSchema,
  type BlockPreview,
  type DepartmentAccountList,
  type DepartmentApplicantList,
  type DepartmentStaffList,
} from '../../shared/department/accounts.js';
import { departmentReportSchema, type DepartmentReport, type ReportQuery } from '../../shared/department/reports.js';
import { auditPageSchema, type AuditPage, type AuditQuery } from '../../shared/department/audit.js';
import { departmentSessionInfoSchema, type DepartmentSessionInfo } from '../../shared/department/auth.js';
import {
  departmentKindergartenListSchema,
  departmentScheduleListSchema,
  type DepartmentKindergarten,
  type DepartmentScheduleList,
  type ScheduleFilter,
} from '../../shared/department/schedule.js';
import { cityDashboardSchema, type CityDashboard } from '../../shared/reports/dashboard.js';
import { queueReportSchema, type QueueReport, type QueueReportQuery } from '../../shared/reports/queue.js';

/** The console is online only and same-origin with the server; its session lives in this tab. */
const SESSION_KEY = 'department-session';

export class SignedOut extends Error {}

export type SignInResult =
  | { ok: true; session: DepartmentSessionInfo }
  | { ok: false; error: 'invalid' | 'failed' }
  | { ok: false; error: 'locked'; seconds: number };

export function storedSession(): DepartmentSessionInfo | null {
  const raw = window.sessionStorage.getItem(SESSION_KEY);
  const parsed = raw ? departmentSessionInfoSchema.safeParse(JSON.parse(raw)) : null;
  return parsed?.success ? parsed.data : null;
}

export async function signIn(login: string, password: string): Promise<SignInResult> {
  let res: Response;
  try {
    res = await fetch('/api/department/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password }),
    });
  } catch {
    return { ok: false, error: 'failed' };
  }
  if (res.status === 401) return { ok: false, error: 'invalid' };
  if (res.status === 429) return { ok: false, error: 'locked', seconds: Number(res.headers.get('retry-after') ?? 60) };
  const parsed = departmentSessionInfoSchema.safeParse(await res.json().catch(() => null));
  if (!res.ok || !parsed.success) return { ok: false, error: 'failed' };
  window.sessionStorage.setItem(SESSION_KEY, JSON.stringify(parsed.data));
  return { ok: true, session: parsed.data };
}

export function forgetSession() {
  window.sessionStorage.removeItem(SESSION_KEY);
}

/** The console's calls with the session's token; a 401 means the session ended (signed out, disabled). */
export function consoleApi(token: string) {
  async function call(path: string, init: RequestInit = {}): Promise<unknown> {
    const res = await fetch(path, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    if (res.status === 401) {
      forgetSession();
      throw new SignedOut();
    }
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return res.json();
  }
  return {
    async kindergartens(): Promise<DepartmentKindergarten[]> {
      return departmentKindergartenListSchema.parse(await call('/api/department/kindergartens'));
    },
    async schedule(filter: ScheduleFilter): Promise<DepartmentScheduleList> {
      const query = new URLSearchParams(
        Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
      );
      return departmentScheduleListSchema.parse(await call(`/api/department/schedule?${query}`));
    },
    async calendarYear(year: number): Promise<DepartmentCalendarYear> {
      return departmentCalendarYearSchema.parse(await call(`/api/department/calendar?year=${year}`));
    },
    async calendarPreview(query: CalendarPreviewQuery): Promise<CalendarPreview> {
      const params = new URLSearchParams({ date: query.date, ...(query.kind ? { kind: query.kind } : {}) });
      return calendarPreviewSchema.parse(await call(`/api/department/calendar/preview?${params}`));
    },
    async dashboard(): Promise<CityDashboard> {
      return cityDashboardSchema.parse(await call('/api/department/dashboard'));
    },
    async queueReport(query: QueueReportQuery): Promise<QueueReport> {
      const params = new URLSearchParams({
        from: query.from,
        to: query.to,
        ...(query.kindergartenId ? { kindergartenId: query.kindergartenId } : {}),
      });
      return queueReportSchema.parse(await call(`/api/department/reports/queue?${params}`));
    },
    async settings(): Promise<DepartmentSettings> {
      return departmentSettingsSchema.parse(await call('/api/department/settings'));
    },
    async staff(kindergartenId: string, page: number): Promise<DepartmentStaffList> {
      const query = new URLSearchParams({ page: String(page), ...(kindergartenId ? { kindergartenId } : {}) });
      return departmentStaffListSchema.parse(await call(`/api/department/staff?${query}`));
    },
    /** The own city's department accounts (an administrator's section). */
    async departmentAccounts(): Promise<DepartmentAccountList> {
      return departmentAccountListSchema.parse(await call('/api/department/accounts'));
    },
    async applicants(q: string, page: number): Promise<DepartmentApplicantList> {
      const query = new URLSearchParams({ q, page: String(page) });
      return departmentApplicantListSchema.parse(await call(`/api/department/applicants?${query}`));
    },
    async blockPreview(applicantId: string): Promise<BlockPreview> {
      return blockPreviewSchema.parse(await call(`/api/department/applicants/${applicantId}/block-preview`));
    },
    async audit(filter: AuditQuery): Promise<AuditPage> {
      const query = new URLSearchParams(
        Object.entries(filter)
          .filter(([, v]) => v !== undefined && v !== '')
          .map(([k, v]) => [k, String(v)]),
      );
      return auditPageSchema.parse(await call(`/api/department/audit?${query}`));
    },
    /** The city's or one kindergarten's report; null when the kindergarten is not the city's (404). */
    async report(query: ReportQuery): Promise<DepartmentReport | null> {
      const params = new URLSearchParams({ from: query.from, to: query.to });
      if (query.kindergartenId) params.set('kindergartenId', query.kindergartenId);
      try {
        return departmentReportSchema.parse(await call(`/api/department/reports?${params}`));
      } catch (error) {
        if (error instanceof Error && error.message === 'HTTP 404') return null;
        throw error;
      }
    },
    async command<K extends DepartmentCommandKind>(
      kind: K,
      payload: DepartmentCommandPayload<K>,
    ): Promise<DepartmentCommandOutcome> {
      // One id per action: a retry after a lost answer is answered with the stored outcome.
      const body = JSON.stringify({ id: uuidv7(), kind, payload });
      for (let attempt = 1; ; attempt++) {
        try {
          return departmentCommandOutcomeSchema.parse(await call('/api/department/commands', { method: 'POST', body }));
        } catch (error) {
          if (error instanceof SignedOut || attempt >= 3) throw error;
        }
      }
    },
    async signOut() {
      await call('/api/department/logout', { method: 'POST', body: '{}' }).catch(() => undefined);
      forgetSession();
    },
  };
}
export type ConsoleApi = ReturnType<typeof consoleApi>;
