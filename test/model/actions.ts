import fc from 'fast-check';
import { cityDate } from '../../shared/calendar/index.js';
import { plusDays } from '../../shared/calendar/dates.js';
import { birthYearFor } from '../../shared/rules/index.js';
import type { Device } from './harness.js';
import { cityMidnight, type Model, type MPublication, type MReferral } from './model.js';
import type { Planned, System } from './system.js';
import { worldGroups } from './world.js';

/**
 * The actions a sequence is made of: the head's commands (sent at once, or queued on one of two
 * devices and pushed later), parents' actions, the department's, clock jumps and scheduler rounds.
 * Each action names what it acts on by position among the model's things (so it means the same in
 * every run); `toString` prints it as the call that rebuilds it, for regression tests.
 */
export class Action implements fc.AsyncCommand<System, System> {
  constructor(
    readonly name: string,
    readonly args: readonly unknown[],
    readonly act: (sys: System, label: string) => Promise<void>,
  ) {}
  check(): boolean {
    return true;
  }
  async run(_model: System, sys: System): Promise<void> {
    const label = this.toString();
    const logged = sys.log.length;
    await this.act(sys, label);
    // A step that reached the server or moved the clock is checked; one that found nothing to act on
    // (or only queued a command offline) changed nothing there.
    if (sys.log.length > logged) await sys.afterStep(label);
  }
  toString(): string {
    return `${this.name}(${this.args.map((a) => JSON.stringify(a)).join(', ')})`;
  }
}

const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);

/**
 * The `n`th of the things the action fits (a head acts on the rows that offer it: she marks the
 * contract of an active referral, enrolls a contracted one, terminates a contracted or enrolled one)
 * when there are such; one time in four, or when none fits, any of them (the refusals are tested too).
 */
const pickFitting = <T>(list: readonly T[], n: number, fits: (x: T) => boolean): T | undefined => {
  const fitting = list.filter(fits);
  return n % 4 !== 3 && fitting.length ? pick(fitting, n) : pick(list, n);
};
const withStatus =
  (...statuses: string[]) =>
  (r: MReferral) =>
    statuses.includes(r.status);
/** A date `shift` days from today, or from the child's first day when that is still ahead (a termination is dated after it). */
const fromLaterOf = (m: Model, firstDay: string | undefined, shift: number) =>
  plusDays(firstDay && firstDay > m.today ? firstDay : m.today, shift);
const order = (m: Model) => ({ orderNumber: '7-к', orderDate: m.today });
const missing = '00000000-0000-4000-8000-000000000000';

// ——— the head's commands, planned on the model's state when made ———

type Plan = (sys: System) => Promise<Planned[]>;

const plans = {
  publish:
    (n: number, asked: number, skew: number): Plan =>
    async (sys) => {
      const m = sys.model;
      const sources = [
        ...m.entries.map((entry) => ({ kind: 'schedule_entry' as const, entry })),
        ...m.vacancies.map((vacancy) => ({ kind: 'vacancy' as const, vacancy })),
      ];
      const source = pick(sources, n);
      if (!source) return [];
      // Mostly what the source has left (a head publishes what she may); asked 0 exceeds it by one.
      const left = m.remaining(source);
      const seats = asked === 0 ? left + 1 : Math.max(1, Math.min(asked, left));
      const publicationId = sys.newId();
      if (source.kind === 'schedule_entry') {
        const e = source.entry;
        const payload = {
          publicationId,
          groupId: e.groupId,
          birthYear: e.birthYear,
          language: e.language,
          seats,
          availableFrom: e.availableFrom,
        };
        return [
          {
            kind: 'publication.publish',
            payload: { ...payload, source: { kind: 'schedule_entry', id: e.id } },
            predict: (model) => model.publish({ ...payload, source }),
          },
        ];
      }
      const v = source.vacancy;
      const birthYear = birthYearFor(m.ageOn(v.groupId, v.availableFrom), v.availableFrom) + skew;
      const payload = {
        publicationId,
        groupId: v.groupId,
        birthYear,
        language: 'ru' as const,
        seats,
        availableFrom: v.availableFrom,
      };
      const vacancyId = (await sys.vacancyId(v)) ?? missing;
      return [
        {
          kind: 'publication.publish',
          payload: { ...payload, source: { kind: 'vacancy', id: vacancyId } },
          predict: (model) => model.publish({ ...payload, source }),
        },
      ];
    },
  withdraw:
    (n: number): Plan =>
    async (sys) => {
      const p = pick(sys.model.publications, n);
      if (!p) return [];
      const publicationId = (await sys.publicationId(p)) ?? missing;
      return [{ kind: 'publication.withdraw', payload: { publicationId }, predict: (model) => model.withdraw(p) }];
    },
  entry:
    (group: number, date: number, seats: number, skew: number, submit: boolean): Plan =>
    async (sys) => {
      const m = sys.model;
      const g = worldGroups[group % worldGroups.length]!;
      const availableFrom = [plusDays(m.today, 3), '2026-09-01', '2026-10-01', '2027-06-01'][date % 4]!;
      const birthYear = birthYearFor(m.ageOn(g.id, availableFrom), availableFrom) + skew;
      const entryId = sys.newId();
      const fields = { groupId: g.id, birthYear, language: 'ru' as const, seats, availableFrom };
      const planned: Planned[] = [
        {
          kind: 'scheduleEntry.create',
          payload: { entryId, ...fields, note: '' },
          predict: (model) => model.createEntry({ entryId, ...fields }),
        },
      ];
      if (submit) {
        planned.push({
          kind: 'scheduleEntry.submit',
          payload: { entryId },
          predict: (model) => {
            const entry = model.entries.find((e) => e.id === entryId);
            return entry ? model.submitEntry(entry) : 'not_found';
          },
        });
      }
      return planned;
    },
  markContract:
    (n: number): Plan =>
    async (sys) => {
      const r = pickFitting(sys.model.referrals, n, withStatus('active'));
      if (!r) return [];
      return [
        {
          kind: 'referral.concludeContract',
          payload: { referralId: r.serverId },
          predict: (model) => model.concludeByKindergarten(r),
        },
      ];
    },
  decline:
    (n: number, reason: number): Plan =>
    async (sys) => {
      const r = pickFitting(sys.model.referrals, n, withStatus('active', 'contracted'));
      if (!r) return [];
      const why = (['documents_incomplete', 'documents_expired', 'medical'] as const)[reason % 3]!;
      return [
        {
          kind: 'referral.decline',
          payload: { referralId: r.serverId, reason: why },
          predict: (model) => model.decline(r, why),
        },
      ];
    },
  enroll:
    (n: number, shift: number): Plan =>
    async (sys) => {
      const r = pickFitting(sys.model.referrals, n, withStatus('contracted'));
      if (!r) return [];
      const p = { enrollmentDate: plusDays(r.publication.availableFrom, shift), ...order(sys.model) };
      return [
        { kind: 'referral.enroll', payload: { referralId: r.serverId, ...p }, predict: (model) => model.enroll(r, p) },
      ];
    },
  terminate:
    (n: number, byEnrollment: boolean, shift: number): Plan =>
    async (sys) => {
      const m = sys.model;
      const p = (firstDay: string | undefined) => ({
        reason: 'parent_request',
        note: '',
        terminatedOn: fromLaterOf(m, firstDay, shift),
        ...order(m),
      });
      if (byEnrollment) {
        const c = pickFitting(m.children, n, (x) => !x.departed);
        if (!c) return [];
        const enrollmentId = (await sys.enrollmentId(c)) ?? missing;
        const q = p(c.stays[0]!.from);
        return [
          {
            kind: 'contract.terminate',
            payload: { enrollmentId, ...q },
            predict: (model) => model.terminateChild(c, q),
          },
        ];
      }
      // A contracted row offers Terminate on the desk; once the child is enrolled, so does its referral.
      const r = pickFitting(m.referrals, n, withStatus('contracted', 'enrolled'));
      if (!r) return [];
      const q = p(r.child?.stays[0]!.from);
      return [
        {
          kind: 'contract.terminate',
          payload: { referralId: r.serverId, ...q },
          predict: (model) => model.terminateReferral(r, q),
        },
      ];
    },
  graduate:
    (group: number, date: number): Plan =>
    async (sys) => {
      const m = sys.model;
      const g = worldGroups[group % worldGroups.length]!;
      const departsOn = [plusDays(m.today, 2), '2026-08-31', '2026-09-01', '2027-06-01'][date % 4]!;
      const on = departsOn < m.today ? plusDays(m.today, 1) : departsOn;
      return [
        {
          kind: 'departure.graduate',
          payload: { groupId: g.id, departsOn: on, ...order(m) },
          predict: (model) => model.graduate(g.id, on),
        },
      ];
    },
  moveUp:
    (from: number, to: number, date: number): Plan =>
    async (sys) => {
      const m = sys.model;
      const f = worldGroups[from % worldGroups.length]!;
      const t = to < 0 ? f : worldGroups[to % worldGroups.length]!;
      const movesOn = [plusDays(m.today, 1), '2026-08-31', '2026-09-01', plusDays(m.today, 20)][date % 4]!;
      const on = movesOn <= m.today ? plusDays(m.today, 1) : movesOn;
      return [
        {
          kind: 'departure.moveUp',
          payload: { movesOn: on, moves: [{ fromGroupId: f.id, toGroupId: t.id }], ...order(m) },
          predict: (model) => model.moveUp(f.id, t.id, on),
        },
      ];
    },
  cancel:
    (n: number): Plan =>
    async (sys) => {
      const m = sys.model;
      // The register offers Cancel on a departure not yet in effect; now and then any line (refused).
      const d = pickFitting(m.departures, n, (x) => !x.cancelled && x.kind !== 'account_blocked' && x.on > m.today);
      if (!d) return [];
      const departureId = (await sys.departureId(d)) ?? missing;
      return [
        {
          kind: 'departure.cancel',
          payload: { departureId, ...order(m) },
          predict: (model) => model.cancelDeparture(d),
        },
      ];
    },
  capacity:
    (group: number, capacity: number): Plan =>
    async () => {
      const g = worldGroups[group % worldGroups.length]!;
      return [
        {
          kind: 'group.setCapacity',
          payload: { groupId: g.id, capacity },
          predict: (model) => model.setCapacity(g.id, capacity),
        },
      ];
    },
};

type PlanName = keyof typeof plans;

/** A head command sent at once from device a. */
export function head<K extends PlanName>(name: K, ...args: Parameters<(typeof plans)[K]>): Action {
  const plan = (plans[name] as (...a: unknown[]) => Plan)(...args);
  return new Action(`head.${name}`, args, async (sys, label) => sys.push('a', label, await plan(sys)));
}

/** A head command made offline on a device (decided later, when that device syncs). */
export function offline<K extends PlanName>(device: Device, name: K, ...args: Parameters<(typeof plans)[K]>): Action {
  const plan = (plans[name] as (...a: unknown[]) => Plan)(...args);
  return new Action(`offline.${name}`, [device, ...args], async (sys) => {
    sys.queued[device].push(...(await plan(sys)));
  });
}

/** A device comes online and pushes what it queued, as one batch. */
export function sync(device: Device): Action {
  return new Action('sync', [device], async (sys, label) => {
    const batch = sys.queued[device].splice(0);
    await sys.push(device, label, batch);
  });
}

// ——— parents ———

/** The `n`th publication; `open`: among those with a seat still open, when there is one (the race). */
function claimable(m: Model, n: number, open: boolean): MPublication | undefined {
  const withSeat = m.publications.filter((p) => p.withdrawnAt === null && p.seats.some((s) => s.status === 'open'));
  return pick(open && withSeat.length ? withSeat : m.publications, n);
}

/**
 * A parent claims. Slot -1: the first applicant whose turn has come for that publication (or #0);
 * slot -2: an eligible applicant not blocked (the open-to-all race), chosen by `n`.
 */
export function claim(slotOrTurn: number, n: number, open = false): Action {
  return new Action('claim', open ? [slotOrTurn, n, true] : [slotOrTurn, n], async (sys, label) => {
    const m = sys.model;
    const p = claimable(m, n, open);
    if (!p) return;
    const unblocked = (s: number) => !m.applicants[s]!.blocked;
    const slot =
      slotOrTurn >= 0
        ? slotOrTurn
        : slotOrTurn === -1
          ? (p.turns.find(unblocked) ?? 0)
          : (pick(m.eligibleSlots(p).filter(unblocked), n) ?? 0);
    const id = await sys.publicationId(p);
    const expected = sys.model.claim(slot, p);
    const answer = id ? await sys.h.claim(slot, id) : { outcome: 'publication_missing_on_server', status: 0 };
    sys.compare(label, expected.outcome, answer, `[publication ${id ?? p.key}]`);
    if (expected.referral && answer.id) expected.referral.serverId = answer.id;
  });
}

/** A parent acts on a referral she still holds (active or contracted) mostly, now and then on any. */
const referralOf = (m: Model, n: number): MReferral | undefined =>
  pickFitting(m.referrals, n, withStatus('active', 'contracted'));

export function conclude(n: number, asOther: boolean): Action {
  return new Action('conclude', [n, asOther], async (sys, label) => {
    const r = referralOf(sys.model, n);
    if (!r) return;
    const slot = asOther ? (r.applicant + 1) % sys.model.applicants.length : r.applicant;
    const expected = sys.model.concludeByParent(slot, r);
    sys.compare(label, expected, await sys.h.conclude(slot, r.serverId!));
  });
}

export function refuse(n: number): Action {
  return new Action('refuse', [n], async (sys, label) => {
    const r = referralOf(sys.model, n);
    if (!r) return;
    const expected = sys.model.refuseByParent(r.applicant, r);
    sys.compare(label, expected, await sys.h.refuse(r.applicant, r.serverId!));
  });
}

// ——— the department ———

export function approve(n: number): Action {
  return new Action('approve', [n], async (sys, label) => {
    const e = pick(sys.model.entries, n);
    if (!e) return;
    const expected = sys.model.approveEntry(e);
    sys.compare(label, expected, await sys.h.approve(e.id));
  });
}

export function block(slot: number): Action {
  return new Action('block', [slot], async (sys, label) => {
    const expected = sys.model.block(slot);
    sys.compare(label, expected, await sys.h.block(slot));
  });
}

// ——— time ———

export type JumpKind = 'minutes' | 'day' | 'week' | 'deadline' | 'window' | 'august' | 'september' | 'monday';

/** Where a jump lands, from the model's things (a deadline, a window's end) or the calendar. */
function jumpTarget(m: Model, kind: JumpKind, n: number): number | null {
  const now = m.now;
  const after = (list: number[]) => {
    const future = [...new Set(list.filter((t) => t > now))].sort((a, b) => a - b);
    return pick(future, n) ?? null;
  };
  switch (kind) {
    case 'minutes':
      return now + (n % 3 === 0 ? 1 : (n % 120) * 60_000 + 60_000);
    case 'day':
      return now + 86_400_000;
    case 'week':
      return now + 7 * 86_400_000;
    case 'deadline': {
      const t = after(
        m.referrals.filter((r: MReferral) => r.status === 'active').flatMap((r) => [r.deadline, r.deadline + 60_000]),
      );
      return t;
    }
    case 'window':
      return after(
        m.publications.flatMap((p: MPublication) =>
          p.windowClosesAt === null ? [] : [p.windowClosesAt, p.windowClosesAt + 1],
        ),
      );
    case 'august':
      return after([cityMidnight('2026-08-01') + 3_600_000, cityMidnight('2026-08-31') + 36_000_000]);
    case 'september':
      return after([cityMidnight('2026-09-01'), cityMidnight('2026-09-01') + 3_600_000 * 10]);
    case 'monday': {
      let d = plusDays(cityDate(new Date(now)), 1);
      while (new Date(`${d}T00:00:00Z`).getUTCDay() !== 1) d = plusDays(d, 1);
      return cityMidnight(d) + 9 * 3_600_000;
    }
  }
}

/** The latest instant a sequence goes to (the shipped calendar ends with 2027). */
const HORIZON = Date.parse('2027-03-01T00:00:00Z');

export function jump(kind: JumpKind, n: number): Action {
  return new Action('jump', [kind, n], async (sys, label) => {
    const t = jumpTarget(sys.model, kind, n);
    if (t === null || t > HORIZON || t <= sys.model.now) return;
    sys.model.advanceTo(t);
    sys.h.clock.set(new Date(t));
    sys.log.push(`${label} → ${new Date(t).toISOString()}`);
  });
}

export function schedulerRound(): Action {
  return new Action('schedulerRound', [], async (sys, label) => {
    if (!sys.options.scheduler) return;
    await sys.h.schedulerRound();
    sys.log.push(label);
  });
}

// ——— the arbitraries ———

const small = fc.nat({ max: 30 });
const slot = fc.nat({ max: 9 });
const device = fc.constantFrom<Device>('a', 'b');

const headArbitraries = (make: <K extends PlanName>(name: K, ...args: Parameters<(typeof plans)[K]>) => Action) => [
  fc
    .tuple(small, fc.constantFrom(0, 1, 2, 2, 3, 3, 3), fc.constantFrom(0, 0, 0, 0, 1, -1))
    .map(([n, s, k]) => make('publish', n, s, k)),
  small.map((n) => make('withdraw', n)),
  fc
    .tuple(
      fc.nat({ max: 3 }),
      fc.nat({ max: 3 }),
      fc.integer({ min: 1, max: 3 }),
      fc.constantFrom(0, 0, 0, 4),
      fc.boolean(),
    )
    .map(([g, d, s, k, submit]) => make('entry', g, d, s, k, submit)),
  small.map((n) => make('markContract', n)),
  fc.tuple(small, fc.nat({ max: 2 })).map(([n, r]) => make('decline', n, r)),
  fc.tuple(small, fc.constantFrom(-1, 0, 0, 2)).map(([n, k]) => make('enroll', n, k)),
  fc.tuple(small, fc.boolean(), fc.constantFrom(0, 1, 10, 40, -400)).map(([n, e, k]) => make('terminate', n, e, k)),
  fc.tuple(fc.nat({ max: 3 }), fc.nat({ max: 3 })).map(([g, d]) => make('graduate', g, d)),
  fc
    // Into the next group mostly (the yearly move), a relabel in place, or any group (refused unless next).
    .tuple(fc.nat({ max: 3 }), fc.constantFrom('next', 'next', 'same', 'any'), fc.nat({ max: 3 }), fc.nat({ max: 3 }))
    .map(([f, kind, any, d]) => make('moveUp', f, kind === 'same' ? -1 : kind === 'next' ? f + 1 : any, d)),
  small.map((n) => make('cancel', n)),
  fc.tuple(fc.nat({ max: 3 }), fc.integer({ min: 1, max: 5 })).map(([g, c]) => make('capacity', g, c)),
];

/**
 * How often each head command is drawn (in `plans` order: publish, withdraw, entry, markContract,
 * decline, enroll, terminate, graduate, moveUp, cancel, capacity): publishing feeds the claims, the
 * yearly moves, their cancellations and capacity changes are rarer in a head's day.
 */
const headWeights = [4, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1];

const allJumps: JumpKind[] = [
  'minutes',
  'day',
  'week',
  'deadline',
  'deadline',
  'window',
  'window',
  'august',
  'september',
  'monday',
];

/** The jumps drawn: all, or only those MODEL_ACTIONS names as `jump.<kind>` (e.g. `jump.august`). */
function jumpKinds(only: ReadonlySet<string> | null): JumpKind[] {
  const named = allJumps.filter((k) => only?.has(`jump.${k}`));
  return named.length ? named : allJumps;
}

/** Which kinds of action a run draws from (MODEL_ACTIONS narrows it, to look for one defect at a time). */
export function actionArbitraries(only: ReadonlySet<string> | null = null): Array<fc.Arbitrary<Action>> {
  const all: Array<[string, number, fc.Arbitrary<Action>]> = [
    ...headArbitraries(head).map(
      (a, i) => [Object.keys(plans)[i]!, headWeights[i]!, a] as [string, number, fc.Arbitrary<Action>],
    ),
    ['offline', 2, device.chain((d) => fc.oneof(...headArbitraries((name, ...args) => offline(d, name, ...args))))],
    ['sync', 2, device.map(sync)],
    [
      'claim',
      8,
      fc
        .tuple(fc.oneof(slot, fc.constant(-1), fc.constant(-1), fc.constant(-2)), small, fc.boolean())
        .map(([s, n, open]) => claim(s, n, open)),
    ],
    ['conclude', 3, fc.tuple(small, fc.boolean()).map(([n, o]) => conclude(n, o))],
    ['refuse', 2, small.map(refuse)],
    ['approve', 1, small.map(approve)],
    ['block', 1, slot.map(block)],
    ['jump', 5, fc.tuple(fc.constantFrom<JumpKind>(...jumpKinds(only)), small).map(([k, n]) => jump(k, n))],
    ['schedulerRound', 2, fc.constant(schedulerRound())],
  ];
  return all
    .filter(
      ([name]) =>
        !only ||
        only.has(name) ||
        (only.has('head') && name in plans) ||
        (name === 'jump' && [...only].some((o) => o.startsWith('jump.'))),
    )
    .flatMap(([, weight, arb]) => Array.from({ length: weight }, () => arb));
}

/**
 * What a sequence opens with: one or two of the world's approved entries published at the start, so
 * most sequences are about the race for seats, their deadlines and what returns them (a sequence that
 * must first publish spends most of its steps before there is anything to claim).
 */
export const openingArbitrary: fc.Arbitrary<Action[]> = fc.array(
  fc.tuple(fc.nat({ max: 2 }), fc.constantFrom(1, 1, 2, 3)).map(([n, seats]) => head('publish', n, seats, 0)),
  { minLength: 0, maxLength: 2 },
);
