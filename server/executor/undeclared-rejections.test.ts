import { commandRejections } from '../../shared/commands/command.js';
import { departmentCommandRejections } from '../../shared/commands/department-commands.js';
import { checkDeclared, onUndeclaredRejection, type UndeclaredRejection } from './undeclared-rejections.js';

describe('a refusal checked against its kind’s declared codes', () => {
  const heard: UndeclaredRejection[] = [];
  let stop: () => void;
  beforeEach(() => {
    heard.length = 0;
    stop = onUndeclaredRejection((undeclared) => heard.push(undeclared));
  });
  afterEach(() => stop());

  it('passes a kind’s own codes and the common ones in silence', () => {
    checkDeclared('staff', 'group.setCapacity', commandRejections['group.setCapacity'], 'capacity_below_occupancy');
    checkDeclared('staff', 'group.setCapacity', commandRejections['group.setCapacity'], 'invalid_payload');
    checkDeclared('department', 'staff.create', departmentCommandRejections['staff.create'], 'login_taken');
    expect(heard).toEqual([]);
  });

  it('reports a code the kind does not declare, naming the table, the kind and the code', () => {
    checkDeclared('staff', 'group.setCapacity', commandRejections['group.setCapacity'], 'no_seats_left');
    checkDeclared('department', 'applicant.signOut', departmentCommandRejections['applicant.signOut'], 'login_taken');
    expect(heard).toEqual([
      { table: 'staff', kind: 'group.setCapacity', code: 'no_seats_left' },
      { table: 'department', kind: 'applicant.signOut', code: 'login_taken' },
    ]);
  });

  it('stops reporting to a listener that unsubscribed', () => {
    stop();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    checkDeclared('staff', 'group.setCapacity', commandRejections['group.setCapacity'], 'no_seats_left');
    expect(heard).toEqual([]);
    // With no listener (no HTTP app in the process), the report goes to stderr.
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('group.setCapacity'));
    errors.mockRestore();
  });
});
