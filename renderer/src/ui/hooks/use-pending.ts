import { useMemo } from 'react';
import type { Command } from '../../../../shared/commands/command.js';
import { useList } from './use-replica.js';

const OBJECT_FIELDS = ['referralId', 'enrollmentId', 'publicationId', 'entryId', 'departureId', 'groupId'] as const;

/** The object a command acts on (the first id its payload names), for showing it on that object. */
export function objectIdOf(command: Pick<Command, 'payload'>): string | null {
  for (const field of OBJECT_FIELDS) {
    const value = command.payload[field];
    if (typeof value === 'string') return value;
  }
  return null;
}

/** Commands waiting to be sent, by the object they act on: each screen shows them on that object at once. */
export function usePendingByObject(): Map<string, Command[]> {
  const pending = useList('pending');
  return useMemo(() => {
    const byObject = new Map<string, Command[]>();
    for (const command of pending) {
      const id = objectIdOf(command);
      if (id) byObject.set(id, [...(byObject.get(id) ?? []), command]);
    }
    return byObject;
  }, [pending]);
}
