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

describe('the command tables: one entry per kind, holding its payload schema and its roles', () => {
  it('give every staff command kind an entry with a payload schema, at least one role, and a handler', () => {
    const kinds = commandKindSchema.options;
    expect(Object.keys(commandTable)).toEqual(kinds);
    expect(Object.keys(commandHandlers).sort()).toEqual([...kinds].sort());
    for (const kind of kinds) {
      const { payload, roles } = commandTable[kind];
      expect(payload, kind).toBeInstanceOf(z.ZodObject);
      expect(roles.length, kind).toBeGreaterThan(0);
      for (const role of roles) expect(staffRoleSchema.options, kind).toContain(role);
      expect(commandPayloads[kind], kind).toBe(payload);
      expect(commandRoles[kind], kind).toBe(roles);
    }
    expect(Object.keys(commandPayloads)).toEqual(kinds);
    expect(Object.keys(commandRoles)).toEqual(kinds);
  });

  it('give every department command kind an entry with a payload schema and at least one role', () => {
    const kinds = Object.keys(departmentCommandTable) as Array<keyof typeof departmentCommandTable>;
    expect(kinds.length).toBeGreaterThan(0);
    for (const kind of kinds) {
      const { payload, roles } = departmentCommandTable[kind];
      expect(payload, kind).toBeInstanceOf(z.ZodObject);
      expect(roles.length, kind).toBeGreaterThan(0);
      for (const role of roles) expect(departmentRoleSchema.options, kind).toContain(role);
      expect(departmentCommandPayloads[kind], kind).toBe(payload);
      expect(departmentCommandRoles[kind], kind).toBe(roles);
    }
    expect(Object.keys(departmentCommandPayloads)).toEqual(kinds);
    expect(Object.keys(departmentCommandRoles)).toEqual(kinds);
  });
});
