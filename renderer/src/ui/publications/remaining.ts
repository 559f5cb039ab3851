import type { Command } from '../../../../shared/commands/command.js';
import type { Publication, Seat } from '../../../../shared/domain/index.js';

/**
 * Seats of a schedule entry or a vacancy not yet published: its seats minus those of its
 * publications still open or claimed, minus those a publish waiting to sync takes.
 */
export function remainingSeats(
  sourceId: string,
  sourceSeats: number,
  lists: { publications: readonly Publication[]; seats: readonly Seat[]; pending: readonly Command[] },
): number {
  const mine = new Set(
    lists.publications.filter((p) => p.scheduleEntryId === sourceId || p.vacancyId === sourceId).map((p) => p.id),
  );
  const published = lists.seats.filter(
    (s) => mine.has(s.publicationId) && (s.status === 'open' || s.status === 'claimed'),
  ).length;
  const waiting = lists.pending
    .filter(
      (c) => c.kind === 'publication.publish' && (c.payload.source as { id?: string } | undefined)?.id === sourceId,
    )
    .reduce((sum, c) => sum + Number(c.payload.seats ?? 0), 0);
  return sourceSeats - published - waiting;
}
