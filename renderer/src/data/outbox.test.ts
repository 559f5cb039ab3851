import type { Command } from '../../../shared/commands/command.js';
import { dependentsOf } from './outbox.js';

const command = (id: string, kind: string, payload: Record<string, unknown>) =>
  ({ id, kind, payload, status: 'pending' }) as unknown as Command;

describe('the later pending commands that depend on one being cancelled', () => {
  it('are those queued after it on one of its objects, a departure included', () => {
    const cancel = command('0002', 'departure.cancel', {
      departureId: 'd1',
      orderNumber: '1',
      orderDate: '2026-06-04',
    });
    const pending = [
      command('0001', 'departure.cancel', { departureId: 'd1' }),
      cancel,
      command('0003', 'departure.cancel', { departureId: 'd1' }),
      command('0004', 'departure.cancel', { departureId: 'd2' }),
      command('0005', 'group.setCapacity', { groupId: 'g1', capacity: 20 }),
    ];
    expect(dependentsOf(cancel, pending).map((c) => c.id)).toEqual(['0003']);
    const graduate = command('0000', 'departure.graduate', { groupId: 'g1' });
    expect(dependentsOf(graduate, pending).map((c) => c.id)).toEqual(['0005']);
  });
});
