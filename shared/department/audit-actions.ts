import { commandPayloads, type CommandKind } from '../commands/command.js';
import { departmentCommandPayloads, type DepartmentCommandKind } from '../commands/department-commands.js';

/**
 * The audit actions the server writes under a fixed name. Every audit row's action is one of these,
 * a staff command's kind (server/executor/execute.ts), `department.<kind>` of a department command,
 * or `admin.<CLI command>` (server/cli/registry.ts); the writers are typed by `AuditAction`, and
 * the console translates each (renderer/console/i18n/audit-actions-*.ts).
 */
export const namedAuditActions = [
  'auth.login',
  'department.login',
  'referral.claim',
  'referral.contract.parent',
  'referral.refuse.parent',
  'referral.terminate.account_blocked',
  'publication.republish',
  'publication.republish.refused',
  'demo.seed',
] as const;
export type NamedAuditAction = (typeof namedAuditActions)[number];
export type DepartmentAuditAction = `department.${DepartmentCommandKind}`;
export type AuditAction = NamedAuditAction | CommandKind | DepartmentAuditAction | `admin.${string}`;

/** Every action code the server can write, given the admin CLI's command names. */
export function auditActionCodes(cliCommandNames: readonly string[]): string[] {
  return [
    ...namedAuditActions,
    ...Object.keys(commandPayloads),
    ...Object.keys(departmentCommandPayloads).map((kind) => `department.${kind}`),
    ...cliCommandNames.map((name) => `admin.${name}`),
  ];
}
