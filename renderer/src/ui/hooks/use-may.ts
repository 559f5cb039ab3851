import { commandRoles, type CommandKind } from '../../../../shared/commands/command.js';
import { useDesk } from '../desk-context.js';

/** May the signed-in role send this kind of command (the server's own table)? Actions it would refuse are not offered. */
export function useMay(): (kind: CommandKind) => boolean {
  const { session } = useDesk();
  const role = session.info.staff.role;
  return (kind) => commandRoles[kind].includes(role);
}
