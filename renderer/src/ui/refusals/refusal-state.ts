import type { Command } from '../../../../shared/commands/command.js';
import { objectIdOf } from '../hooks/use-pending.js';

export type RefusalState = 'open' | 'dismissed' | 'put_right';

/** The object a refusal is about: the publication's source for a publish (each try has a new id), else the command's object. */
export function refusalObjectOf(command: Pick<Command, 'kind' | 'payload'>): string | null {
  if (command.kind === 'publication.publish') {
    const source = command.payload.source as { id?: unknown } | undefined;
    if (typeof source?.id === 'string') return source.id;
  }
  return objectIdOf(command);
}

/**
 * Each refused command's state: put right when an applied command of the same kind on the same
 * object came after it (command ids are UUIDv7, so they sort in the order they were made);
 * otherwise dismissed when the head dismissed it, else open.
 */
export function refusalStates(
  rejected: readonly Command[],
  applied: readonly Command[],
  dismissed: ReadonlySet<string>,
): Map<string, RefusalState> {
  const latestApplied = new Map<string, string>();
  for (const command of applied) {
    const key = `${command.kind}|${refusalObjectOf(command) ?? ''}`;
    const seen = latestApplied.get(key);
    if (!seen || command.id > seen) latestApplied.set(key, command.id);
  }
  const states = new Map<string, RefusalState>();
  for (const command of rejected) {
    const later = latestApplied.get(`${command.kind}|${refusalObjectOf(command) ?? ''}`);
    states.set(
      command.id,
      later !== undefined && later > command.id ? 'put_right' : dismissed.has(command.id) ? 'dismissed' : 'open',
    );
  }
  return states;
}
