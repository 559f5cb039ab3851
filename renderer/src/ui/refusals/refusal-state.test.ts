import type { Command } from '../../../../shared/commands/command.js';
import { refusalStates } from './refusal-state.js';

const command = (id: string, kind: Command['kind'], payload: Record<string, unknown>): Command =>
  ({ id, kind, payload, status: 'rejected' }) as unknown as Command;

describe('the state of a server refusal', () => {
  const refused = command('0002', 'group.setCapacity', { groupId: 'g1', capacity: 0 });

  it('is open until dismissed, and put right by a later applied command of the same kind on the same object', () => {
    expect(refusalStates([refused], [], new Set()).get('0002')).toBe('open');
    expect(refusalStates([refused], [], new Set(['0002'])).get('0002')).toBe('dismissed');
    const later = command('0003', 'group.setCapacity', { groupId: 'g1', capacity: 25 });
    expect(refusalStates([refused], [later], new Set(['0002'])).get('0002')).toBe('put_right');
  });

  it('is not put right by an earlier command, another object or another kind', () => {
    const applied = [
      command('0001', 'group.setCapacity', { groupId: 'g1', capacity: 20 }),
      command('0003', 'group.setCapacity', { groupId: 'g2', capacity: 20 }),
      command('0004', 'scheduleEntry.create', { groupId: 'g1' }),
    ];
    expect(refusalStates([refused], applied, new Set()).get('0002')).toBe('open');
  });

  it('counts a publish as put right by a later publish from the same source', () => {
    const publish = (id: string) =>
      command(id, 'publication.publish', { publicationId: `p${id}`, source: { kind: 'vacancy', id: 'v1' } });
    expect(refusalStates([publish('0002')], [publish('0005')], new Set()).get('0002')).toBe('put_right');
  });
});
