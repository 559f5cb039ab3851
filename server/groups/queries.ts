import type { Group } from '../../shared/domain/group.js';
import type { Queryable } from '../db/db.js';

/**
 * A group's writes outside the intake (server/intake/group-load.ts locks a group and reads its
 * load): the command handler (server/executor/handlers.ts) checks the rules, then calls these.
 */

/** Sets a group's capacity (the caller holds the group's lock and has checked the change). */
export async function setGroupCapacity(
  tx: Queryable,
  change: Pick<Group, 'capacity'> & { groupId: string; at: Date },
): Promise<void> {
  await tx.query(
    'update groups set capacity = $2, updated_at = $3 where id = $1',
    [change.groupId, change.capacity, change.at],
    {
      prepare: true,
    },
  );
}
