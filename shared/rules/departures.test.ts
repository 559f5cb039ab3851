import { refuse } from '../commands/rejection.js';
import { checkCapacity } from './capacity.js';
import {
  checkMoveUpTarget,
  graduation,
  individualDeparture,
  moveUp,
  nextAgeGroup,
  type GroupRoster,
} from './departures.js';

const order = { orderNumber: '112-о', orderDate: '2026-08-25' };
const children = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ childId: `${prefix}${i + 1}`, enrolledOn: '2022-09-01' }));
const preschool: GroupRoster = { groupId: 'g-pre', ageGroup: 'preschool', children: children('p', 3) };
const senior: GroupRoster = { groupId: 'g-sen', ageGroup: 'senior', children: children('s', 2) };

describe('graduation', () => {
  it('records every child of the preschool group as departed on the date and frees their seats from it', () => {
    const plan = graduation(preschool, '2026-09-01', order);
    expect(plan.ok && plan.value.departures).toEqual(
      ['p1', 'p2', 'p3'].map((childId) => ({
        childId,
        groupId: 'g-pre',
        kind: 'graduation',
        departedOn: '2026-09-01',
        ...order,
      })),
    );
    expect(plan.ok && plan.value.freed).toEqual({
      groupId: 'g-pre',
      seats: 3,
      from: '2026-09-01',
      publishAs: 'schedule_entry',
    });
  });

  it('graduates only a preschool group, and only with an order', () => {
    expect(graduation(senior, '2026-09-01', order)).toEqual(refuse('not_preschool_group', { ageGroup: 'senior' }));
    expect(graduation(preschool, '2026-09-01', { ...order, orderNumber: '' })).toMatchObject({
      rejection: { code: 'missing_order_number' },
    });
  });

  it('frees capacity that a full group can then promise from the graduation date', () => {
    const plan = graduation(preschool, '2026-09-01', order);
    if (!plan.ok) throw new Error('expected a plan');
    const attending = plan.value.departures.map((d) => ({ enrolledOn: '2022-09-01', departedOn: d.departedOn }));
    const promised = [{ availableFrom: '2026-09-01', count: plan.value.freed?.seats ?? 0 }];
    expect(checkCapacity(3, '2026-06-01', { attending, promised })).toEqual({ ok: true });
  });
});

describe('individual departure', () => {
  it('frees one seat as a vacancy from the departure date', () => {
    const child = { childId: 's1', enrolledOn: '2024-09-01' };
    const plan = individualDeparture('g-sen', child, '2026-03-16', order);
    expect(plan.ok && plan.value.freed).toEqual({
      groupId: 'g-sen',
      seats: 1,
      from: '2026-03-16',
      publishAs: 'vacancy',
    });
  });

  it('refuses a departure dated before the enrollment', () => {
    const child = { childId: 's1', enrolledOn: '2026-09-01' };
    expect(individualDeparture('g-sen', child, '2026-08-31', order)).toEqual(
      refuse('departure_before_enrollment', { childId: 's1', enrolledOn: '2026-09-01' }),
    );
  });
});

describe('the yearly move-up', () => {
  it('moves each age group one step up', () => {
    expect(nextAgeGroup('early')).toBe('junior');
    expect(nextAgeGroup('junior')).toBe('middle');
    expect(nextAgeGroup('middle')).toBe('senior');
    expect(nextAgeGroup('senior')).toBe('preschool');
    expect(nextAgeGroup('preschool')).toBe('school');
  });

  it('moves groups up with their children and graduates the preschool group', () => {
    const early: GroupRoster = { groupId: 'g-early', ageGroup: 'early', children: children('e', 1) };
    const result = moveUp([early, senior, preschool], '2026-08-31', order);
    expect(result.ok && result.value.moves).toEqual([
      { groupId: 'g-early', from: 'early', to: 'junior', childIds: ['e1'] },
      { groupId: 'g-sen', from: 'senior', to: 'preschool', childIds: ['s1', 's2'] },
    ]);
    expect(result.ok && result.value.graduations.map((g) => g.freed)).toEqual([
      { groupId: 'g-pre', seats: 3, from: '2026-08-31', publishAs: 'schedule_entry' },
    ]);
  });

  it('sends children only to a group of the next age group', () => {
    expect(checkMoveUpTarget('middle', 'senior')).toEqual({ ok: true });
    expect(checkMoveUpTarget('middle', 'preschool')).toEqual(
      refuse('not_next_age_group', { from: 'middle', to: 'preschool', expected: 'senior' }),
    );
    expect(checkMoveUpTarget('preschool', 'early')).toMatchObject({ rejection: { params: { expected: 'school' } } });
  });

  it('records nothing for a preschool group that already graduated', () => {
    const empty: GroupRoster = { ...preschool, children: [] };
    const result = moveUp([empty], '2026-08-31', order);
    expect(result).toEqual({ ok: true, value: { moves: [], graduations: [] } });
  });
});
