import { useMemo } from 'react';
import { map, type Observable } from 'rxjs';
import type { Command } from '../../../../shared/commands/command.js';
import type {
  Departure,
  Enrollment,
  Group,
  Publication,
  Referral,
  ScheduleEntry,
  Seat,
  Vacancy,
} from '../../../../shared/domain/index.js';
import type { RuleContext } from '../../data/rule-context.js';
import type { ReplicaDatabase } from '../../data/replica.js';
import { useDesk } from '../desk-context.js';
import { useObservable } from '../use-observable.js';

type Plain<T> = Observable<T[]>;
/**
 * The plain object of each RxDB document, made once per document revision (RxDB hands out the
 * same RxDocument until the document changes): an unchanged document keeps its identity across
 * the list's emissions, so memoized rows skip it, and a change to one of thousands of documents
 * copies one document, not all of them. Screens read these objects and never change them.
 */
const plainOf = new WeakMap<object, unknown>();
const plain = <T>(docs$: Observable<Array<{ toMutableJSON(): unknown }>>): Plain<T> =>
  docs$.pipe(
    map((docs) =>
      docs.map((d) => {
        let json = plainOf.get(d);
        if (json === undefined) plainOf.set(d, (json = d.toMutableJSON()));
        return json as T;
      }),
    ),
  );

/** Stable live queries of the replica, memoized per database: one definition per list the screens show. */
const queries = (db: ReplicaDatabase) => ({
  groups: plain<Group>(db.groups.find({ sort: [{ name: 'asc' }] }).$),
  scheduleEntries: plain<ScheduleEntry>(db.scheduleEntries.find({ sort: [{ availableFrom: 'asc' }] }).$),
  publications: plain<Publication>(db.publications.find({ sort: [{ publishedAt: 'desc' }] }).$),
  seats: plain<Seat>(db.seats.find({ sort: [{ publicationId: 'asc' }] }).$),
  referrals: plain<Referral>(db.referrals.find({ sort: [{ claimedAt: 'desc' }] }).$),
  enrollments: plain<Enrollment>(db.enrollments.find({ sort: [{ childFullName: 'asc' }] }).$),
  departures: plain<Departure>(db.departures.find({ sort: [{ departsOn: 'desc' }] }).$),
  vacancies: plain<Vacancy>(db.vacancies.find().$),
  pending: plain<Command>(db.commands.find({ selector: { status: 'pending' }, sort: [{ id: 'asc' }] }).$),
  rejected: plain<Command>(db.commands.find({ selector: { status: 'rejected' }, sort: [{ id: 'desc' }] }).$),
  applied: plain<Command>(db.commands.find({ selector: { status: 'applied' }, sort: [{ id: 'asc' }] }).$),
});
type Queries = ReturnType<typeof queries>;
const cache = new WeakMap<ReplicaDatabase, Queries>();

function useQueries(): Queries {
  const { db } = useDesk();
  return useMemo(() => {
    const existing = cache.get(db);
    if (existing) return existing;
    const made = queries(db);
    cache.set(db, made);
    return made;
  }, [db]);
}

export function useList<K extends keyof Queries>(name: K): Queries[K] extends Plain<infer T> ? T[] : never {
  const observable = useQueries()[name] as Observable<unknown[]>;
  return useObservable(observable, []) as never;
}

export function useRules(): RuleContext | null {
  const { rules$ } = useDesk();
  return useObservable<RuleContext | null>(rules$, null);
}
