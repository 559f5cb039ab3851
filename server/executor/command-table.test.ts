import { z } from 'zod';
import { staffRoleSchema } from '../../shared/auth.js';
import { commandKindSchema, commandPayloads, commandRoles, commandTable } from '../../shared/commands/command.js';
import {
  departmentCommandPayloads,
  departmentCommandRoles,
  departmentCommandTable,
} from '../../shared/commands/department-commands.js';
import { departmentRoleSchema } from '../../shared/department/auth.js';
import { commandHandlers } from './handlers.js';

type Table = Record<string, { payload: unknown; roles: readonly string[] }>;

/** Every kind of a table has a payload schema and at least one known role, and its columns are read off it. */
function expectOneEntryPerKind(
  table: Table,
  kinds: readonly string[],
  columns: { payloads: object; roles: object },
  knownRoles: readonly string[],
) {
  expect(Object.keys(table)).toEqual(kinds);
  expect(Object.keys(columns.payloads)).toEqual(kinds);
  expect(Object.keys(columns.roles)).toEqual(kinds);
  for (const kind of kinds) {
    const { payload, roles } = table[kind]!;
    expect(payload, kind).toBeInstanceOf(z.ZodObject);
    expect(roles.length, kind).toBeGreaterThan(0);
    for (const role of roles) expect(knownRoles, kind).toContain(role);
    expect((columns.payloads as Record<string, unknown>)[kind], kind).toBe(payload);
    expect((columns.roles as Record<string, unknown>)[kind], kind).toBe(roles);
  }
}

describe('the command tables: one entry per kind, holding its payload schema and its roles', () => {
  it('give every staff command kind an entry with a payload schema, at least one role, and a handler', () => {
    const kinds = commandKindSchema.options;
    expectOneEntryPerKind(
      commandTable,
      kinds,
      { payloads: commandPayloads, roles: commandRoles },
      staffRoleSchema.options,
    );
    expect(Object.keys(commandHandlers).sort()).toEqual([...kinds].sort());
  });

  it('give every department command kind an entry with a payload schema and at least one role', () => {
    const kinds = Object.keys(departmentCommandTable);
    expect(kinds.length).toBeGreaterThan(0);
    expectOneEntryPerKind(
      departmentCommandTable,
      kinds,
      { payloads: departmentCommandPayloads, roles: departmentCommandRoles },
      departmentRoleSchema.options,
    );
  });
});
