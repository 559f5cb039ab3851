import type { CommandKind, CommandPayload } from '../../shared/commands/command.js';
import { allowed, refuse, type Verdict } from '../../shared/commands/rejection.js';
import type { AuthContext } from '../auth/sessions.js';
import type { Clock } from '../clock.js';
import type { Queryable } from '../db/db.js';

export interface CommandContext {
  tx: Queryable;
  clock: Clock;
  auth: AuthContext;
  now: Date;
}

type Handler<K extends CommandKind> = (ctx: CommandContext, payload: CommandPayload<K>) => Promise<Verdict>;

/** One handler per command kind: it checks the rules from shared/ and writes, inside the command's transaction. */
export const commandHandlers: { [K in CommandKind]: Handler<K> } = {
  async 'group.setCapacity'({ tx, auth, now }, { groupId, capacity }) {
    const updated = await tx.query(
      `update groups set capacity = $3, updated_at = $4
        where id = $1 and kindergarten_id = $2 and not deleted returning id`,
      [groupId, auth.kindergartenId, capacity, now],
    );
    return updated.length ? allowed : refuse('not_found', { object: 'group', id: groupId });
  },
};
