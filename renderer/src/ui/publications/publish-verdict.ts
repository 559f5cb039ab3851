import type { Group, ScheduleEntry } from '../../../../shared/domain/index.js';
import type { Verdict } from '../../../../shared/commands/rejection.js';
import { checkPublication, type LoadSources, type RegionalSettings } from '../../../../shared/rules/index.js';
import { groupLoad } from '../dashboard/group-seats.js';

/** What the publish dialog asks the rules about. */
export interface PublishRequest {
  group: Group;
  seats: number;
  entry: ScheduleEntry | null;
  remaining: number;
  birthYear: number;
  availableFrom: string;
}

/**
 * The publish dialog's preview: the server's publication rule over the group's load as the
 * capacity rule counts it — held returned seats included (the same sources as the unit calendar).
 */
export function publishVerdict(
  request: PublishRequest,
  sources: LoadSources,
  now: Date,
  settings: RegionalSettings,
): Verdict {
  const { group, entry } = request;
  return checkPublication(
    {
      seats: request.seats,
      source: entry
        ? { kind: 'schedule_entry', approved: entry.status === 'approved', remainingSeats: request.remaining }
        : { kind: 'vacancy', remainingSeats: request.remaining },
      birthYear: request.birthYear,
      availableFrom: request.availableFrom,
      groupCapacity: group.capacity,
      groupLoad: groupLoad(group.id, sources, now),
    },
    now,
    settings,
  );
}
