import type { Enrollment, Group } from '../../../../shared/domain/index.js';

/** Where a child stands on a city date: attending, leaving on a later date, or departed. */
export type ChildStatus = 'attending' | 'leaving' | 'departed';
export const childStatuses: readonly ChildStatus[] = ['attending', 'leaving', 'departed'];

export function childStatus(e: Pick<Enrollment, 'departedOn'>, today: string): ChildStatus {
  if (!e.departedOn) return 'attending';
  return e.departedOn > today ? 'leaving' : 'departed';
}

/** A row of the children list: a group's heading (with how many of its children are shown) or a child. */
export type ChildListRow =
  | { kind: 'group'; key: string; name: string; count: number }
  | { kind: 'child'; key: string; enrollment: Enrollment; status: ChildStatus };

/**
 * The children list grouped by group (groups by name, children by name within a group, children of
 * an unknown group last), after the group and status filters and the search.
 */
export function childListRows(
  enrollments: readonly Enrollment[],
  groups: readonly Pick<Group, 'id' | 'name'>[],
  options: {
    today: string;
    groupId: string;
    status: ChildStatus | '';
    matches(e: Enrollment): boolean;
    noGroup: string;
  },
): ChildListRow[] {
  const byGroup = new Map<string, Enrollment[]>();
  for (const e of enrollments) {
    if (options.groupId && e.groupId !== options.groupId) continue;
    if (options.status && childStatus(e, options.today) !== options.status) continue;
    if (!options.matches(e)) continue;
    const list = byGroup.get(e.groupId) ?? [];
    list.push(e);
    byGroup.set(e.groupId, list);
  }
  const names = new Map(groups.map((g) => [g.id, g.name]));
  const collator = new Intl.Collator('ru');
  const order = [...byGroup.keys()].sort((a, b) => {
    const [na, nb] = [names.get(a), names.get(b)];
    if (na === undefined || nb === undefined) return na === undefined ? (nb === undefined ? 0 : 1) : -1;
    return collator.compare(na, nb);
  });
  return order.flatMap((groupId) => {
    const children = byGroup.get(groupId) ?? [];
    children.sort((a, b) => collator.compare(a.childFullName, b.childFullName));
    return [
      {
        kind: 'group' as const,
        key: `g:${groupId}`,
        name: names.get(groupId) ?? options.noGroup,
        count: children.length,
      },
      ...children.map((e) => ({
        kind: 'child' as const,
        key: e.id,
        enrollment: e,
        status: childStatus(e, options.today),
      })),
    ];
  });
}
