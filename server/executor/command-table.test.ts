import { z } from 'zod';
import { staffRoleSchema } from '../../shared/auth.js';
import {
  commandKindSchema,
  commandPayloads,
  commandRejections,
  commandRoles,
  commandTable,
} from '../../shared/commands/command.js';
import {
  departmentCommandPayloads,
  departmentCommandRejections,
  departmentCommandRoles,
  departmentCommandTable,
} from '../../shared/commands/department-commands.js';
import { commonRejections, rejectionCodeSchema } from '../../shared/commands/rejection.js';
import { departmentRoleSchema } from '../../shared/department/auth.js';
import { commandHandlers } from './handlers.js';

type Table = Record<string, { payload: unknown; roles: readonly string[]; rejections: readonly string[] }>;

/**
 * Every kind of a table has a payload schema, at least one known role and its own rejection codes
 * (known codes, each once, none of the common ones every kind may answer), and its columns are read off it.
 */
function expectOneEntryPerKind(
  table: Table,
  kinds: readonly string[],
  columns: { payloads: object; roles: object; rejections: object },
  knownRoles: readonly string[],
) {
  expect(Object.keys(table)).toEqual(kinds);
  for (const column of Object.values(columns)) expect(Object.keys(column)).toEqual(kinds);
  for (const kind of kinds) {
    const { payload, roles, rejections } = table[kind]!;
    expect(payload, kind).toBeInstanceOf(z.ZodObject);
    expect(roles.length, kind).toBeGreaterThan(0);
    for (const role of roles) expect(knownRoles, kind).toContain(role);
    for (const code of rejections) expect(rejectionCodeSchema.options, kind).toContain(code);
    expect(new Set(rejections).size, kind).toBe(rejections.length);
    expect(
      rejections.filter((code) => (commonRejections as readonly string[]).includes(code)),
      kind,
    ).toEqual([]);
    expect((columns.payloads as Record<string, unknown>)[kind], kind).toBe(payload);
    expect((columns.roles as Record<string, unknown>)[kind], kind).toBe(roles);
    expect((columns.rejections as Record<string, unknown>)[kind], kind).toBe(rejections);
  }
}

describe('the command tables: one entry per kind, holding its payload schema, its roles and its rejection codes', () => {
  it('give every staff command kind an entry with a payload schema, at least one role, its codes, and a handler', () => {
    const kinds = commandKindSchema.options;
    expectOneEntryPerKind(
      commandTable,
      kinds,
      { payloads: commandPayloads, roles: commandRoles, rejections: commandRejections },
      staffRoleSchema.options,
    );
    expect(Object.keys(commandHandlers).sort()).toEqual([...kinds].sort());
  });

  it('give every department command kind an entry with a payload schema, at least one role and its codes', () => {
    const kinds = Object.keys(departmentCommandTable);
    expect(kinds.length).toBeGreaterThan(0);
    expectOneEntryPerKind(
      departmentCommandTable,
      kinds,
      { payloads: departmentCommandPayloads, roles: departmentCommandRoles, rejections: departmentCommandRejections },
      departmentRoleSchema.options,
    );
  });
});
