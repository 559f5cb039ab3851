import { commandSchema, isCommandKind, newCommandSchema, parsePayload } from './command.js';

describe('commands', () => {
  it('knows group.setCapacity and no made-up kind', () => {
    expect(isCommandKind('group.setCapacity')).toBe(true);
    expect(isCommandKind('group.explode')).toBe(false);
    expect(isCommandKind('toString')).toBe(false);
  });

  it('accepts a capacity from 0 to 60 and refuses anything else', () => {
    const groupId = '0191d2a0-0000-7000-8000-000000000100';
    expect(parsePayload('group.setCapacity', { groupId, capacity: 0 }).success).toBe(true);
    expect(parsePayload('group.setCapacity', { groupId, capacity: 60 }).success).toBe(true);
    expect(parsePayload('group.setCapacity', { groupId, capacity: 61 }).success).toBe(false);
    expect(parsePayload('group.setCapacity', { groupId, capacity: 2.5 }).success).toBe(false);
    expect(parsePayload('group.setCapacity', { groupId: 'x', capacity: 5 }).success).toBe(false);
  });

  it('lets a client push only what it made, not an outcome', () => {
    const pushed = newCommandSchema.parse({
      id: '0191d2a0-1111-7000-8000-000000000001',
      kind: 'group.setCapacity',
      payload: {},
      deviceId: 'pc-1',
      deviceTime: '2026-06-01T09:00:00+05:00',
      status: 'applied',
      rev: 7,
    });
    expect(pushed).not.toHaveProperty('status');
    expect(pushed).not.toHaveProperty('rev');
  });

  it('describes a replicated command with its outcome', () => {
    expect(
      commandSchema.safeParse({
        id: '0191d2a0-1111-7000-8000-000000000001',
        kind: 'group.setCapacity',
        payload: { groupId: '0191d2a0-0000-7000-8000-000000000100', capacity: 3 },
        deviceId: 'pc-1',
        deviceTime: '2026-06-01T09:00:00Z',
        status: 'rejected',
        rejection: { code: 'not_found', params: { object: 'group' } },
        executedAt: '2026-06-01T09:00:01Z',
        rev: 1,
        updatedAt: '2026-06-01T09:00:01Z',
      }).success,
    ).toBe(true);
  });
});
