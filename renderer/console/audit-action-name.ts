import type { TFunction } from 'i18next';
import { commandPayloads } from '../../shared/commands/command.js';
import type { DepartmentCommandKind } from '../../shared/commands/department-commands.js';
import type { NamedAuditAction } from '../../shared/department/audit-actions.js';
import { auditActionsEn } from './i18n/audit-actions-en.js';
import { auditActionsKk } from './i18n/audit-actions-kk.js';
import { auditActionsRu, type AuditActionCatalogue } from './i18n/audit-actions-ru.js';

const catalogues: Record<string, AuditActionCatalogue> = { ru: auditActionsRu, kk: auditActionsKk, en: auditActionsEn };

const DEPARTMENT = 'department.';
const ADMIN = 'admin.';

/**
 * An audit action code's readable name in the UI language (shared/department/audit-actions.ts
 * lists the codes); null for a code this build does not know (an older or newer server's).
 */
export function auditActionName(code: string, language: string, t: TFunction): string | null {
  const catalogue = catalogues[language] ?? auditActionsRu;
  if (Object.hasOwn(catalogue.named, code)) return catalogue.named[code as NamedAuditAction];
  if (Object.hasOwn(commandPayloads, code)) return t(`commandKind.${code}`, { lng: language });
  const kind = code.startsWith(DEPARTMENT) ? code.slice(DEPARTMENT.length) : null;
  if (kind !== null && Object.hasOwn(catalogue.department, kind))
    return catalogue.department[kind as DepartmentCommandKind];
  const cli = code.startsWith(ADMIN) ? code.slice(ADMIN.length) : null;
  if (cli !== null && Object.hasOwn(catalogue.admin, cli)) return `${catalogue.cli}: ${catalogue.admin[cli]}`;
  return null;
}
