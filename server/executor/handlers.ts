import type { EveryDeclaredCodeReturned, UnreturnedRejections } from '../../shared/commands/by-kind.js';
import type { CommandKind, CommandPayload, CommandRejection, commandTable } from '../../shared/commands/command.js';
import { allowed, refuse, type Verdict } from '../../shared/commands/rejection.js';
import { checkCapacityChange } from '../../shared/rules/index.js';
import { cityDate } from '../../shared/calendar/index.js';
import type { AuthContext } from '../auth/sessions.js';
import type { Clock } from '../clock.js';
import type { Queryable } from '../db/db.js';
import { setGroupCapacity } from '../groups/queries.js';
import { cancelDeparture } from '../intake/departure-cancel.js';
import { graduate, moveUp } from '../intake/departures.js';
import { loadGroupLoad, lockGroup } from '../intake/group-load.js';
import { publish, withdraw, type IntakeActor } from '../intake/publications.js';
import { decline, enroll, markContract, terminate } from '../intake/referrals.js';
import { ruleContextForKindergarten } from '../intake/rule-context.js';
import { createEntry, deleteEntry, submitEntry, updateEntry } from '../intake/schedule.js';

export interface CommandContext {
  tx: Queryable;
  clock: Clock;
  auth: AuthContext;
  now: Date;
}

/** A kind's handler: it refuses only with its kind's declared codes (`rejections` in `commandTable`). */
type Handler<K extends CommandKind> = (
  ctx: CommandContext,
  payload: CommandPayload<K>,
) => Promise<Verdict<CommandRejection<K>>>;

const actorOf = (auth: AuthContext): IntakeActor => ({ kindergartenId: auth.kindergartenId, staffId: auth.staffId });
const rules = (ctx: CommandContext) => ruleContextForKindergarten(ctx.tx, ctx.auth.kindergartenId);

/**
 * One handler per command kind: it checks the rules from shared/ and writes, inside the command's
 * transaction. Its refusal codes are inferred (the rules and the intake functions declare no return
 * type), so the compiler checks them against the kind's declared codes both ways: `satisfies`
 * refuses a code the kind does not declare, `_Exact` below a declared code no path returns.
 */
export const commandHandlers = {
  async 'group.setCapacity'({ tx, auth, now }, { groupId, capacity }) {
    const group = await lockGroup(tx, groupId, auth.kindergartenId);
    if (!group) return refuse('not_found', { object: 'group', id: groupId });
    // Read after the lock is held (a statement that waited for it would see the load from before).
    const verdict = checkCapacityChange(capacity, cityDate(now), await loadGroupLoad(tx, groupId, now));
    if (!verdict.ok) return verdict;
    await setGroupCapacity(tx, { groupId, capacity, at: now });
    return allowed;
  },
  'scheduleEntry.create': (ctx, p) => createEntry(ctx.tx, actorOf(ctx.auth), p, ctx.now),
  'scheduleEntry.update': (ctx, p) => updateEntry(ctx.tx, actorOf(ctx.auth), p, ctx.now),
  'scheduleEntry.delete': (ctx, p) => deleteEntry(ctx.tx, actorOf(ctx.auth), p.entryId, ctx.now),
  'scheduleEntry.submit': (ctx, p) => submitEntry(ctx.tx, actorOf(ctx.auth), p.entryId, ctx.now),
  'publication.publish': async (ctx, p) => publish(ctx.tx, await rules(ctx), actorOf(ctx.auth), p, ctx.now),
  'publication.withdraw': (ctx, p) => withdraw(ctx.tx, actorOf(ctx.auth), p.publicationId, ctx.now),
  'referral.concludeContract': (ctx, p) => markContract(ctx.tx, actorOf(ctx.auth), p, ctx.now),
  'referral.decline': async (ctx, p) => decline(ctx.tx, await rules(ctx), actorOf(ctx.auth), p, ctx.now),
  'referral.enroll': (ctx, p) => enroll(ctx.tx, actorOf(ctx.auth), p, ctx.now),
  'contract.terminate': async (ctx, p) => terminate(ctx.tx, await rules(ctx), actorOf(ctx.auth), p, ctx.now),
  'departure.graduate': (ctx, p) => graduate(ctx.tx, actorOf(ctx.auth), p, ctx.now),
  'departure.moveUp': (ctx, p) => moveUp(ctx.tx, actorOf(ctx.auth), p, ctx.now),
  'departure.cancel': (ctx, p) => cancelDeparture(ctx.tx, actorOf(ctx.auth), p, ctx.now),
} satisfies { [K in CommandKind]: Handler<K> };

/** Fails to compile naming a kind and a code it declares that its handler never returns. */
type _Exact = EveryDeclaredCodeReturned<UnreturnedRejections<typeof commandTable, typeof commandHandlers>>;
