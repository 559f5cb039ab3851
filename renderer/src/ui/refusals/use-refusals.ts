import { useMemo } from 'react';
import type { Command } from '../../../../shared/commands/command.js';
import { useList } from '../hooks/use-replica.js';
import { useDismissed } from './dismissed.js';
import { refusalObjectOf, refusalStates, type RefusalState } from './refusal-state.js';

export interface Refusals {
  /** Refused commands, newest first, each with its state. */
  all: Array<{ command: Command; state: RefusalState }>;
  open: Command[];
  /** The open refusals by the object they are about, for showing each on its row. */
  openByObject: Map<string, Command[]>;
}

/** The server's refusals as the desk shows them: open ones on their rows and in the list, closed ones apart. */
export function useRefusals(): Refusals {
  const rejected = useList('rejected');
  const applied = useList('applied');
  const dismissed = useDismissed();
  return useMemo(() => {
    const states = refusalStates(rejected, applied, dismissed);
    const all = rejected.map((command) => ({ command, state: states.get(command.id) ?? 'open' }));
    const open = all.filter((r) => r.state === 'open').map((r) => r.command);
    const openByObject = new Map<string, Command[]>();
    for (const command of open) {
      const id = refusalObjectOf(command);
      if (id) openByObject.set(id, [...(openByObject.get(id) ?? []), command]);
    }
    return { all, open, openByObject };
  }, [rejected, applied, dismissed]);
}
