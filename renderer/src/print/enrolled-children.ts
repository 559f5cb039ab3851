import type { Command } from '../../../shared/commands/command.js';
import type { Enrollment, Referral } from '../../../shared/domain/index.js';

/** An enrolled child as documents list it: a synced enrollment, or one still waiting to be sent. */
export interface EnrolledChild {
  id: string;
  groupId: string;
  childFullName: string;
  childBirthDate: string;
  childIin: string;
  representativeFullName: string;
  representativePhone: string;
  enrolledOn: string;
  orderNumber: string;
  orderDate: string;
  referralNumber: string | null;
  departedOn: string | null;
  departureId: string | null;
  /** A `referral.enroll` command still pending on this PC: the server has not confirmed it yet. */
  pending: boolean;
}

/**
 * Synced enrollments plus the enrollments of pending `referral.enroll` commands (made from the
 * referral and the command's order fields). A pending command whose enrollment already arrived is
 * not counted twice.
 */
export function enrolledChildren(
  enrollments: readonly Enrollment[],
  referrals: readonly Referral[],
  pendingCommands: readonly Command[],
): EnrolledChild[] {
  const referralById = new Map(referrals.map((r) => [r.id, r]));
  const synced = enrollments.map<EnrolledChild>((e) => ({
    id: e.id,
    groupId: e.groupId,
    childFullName: e.childFullName,
    childBirthDate: e.childBirthDate,
    childIin: e.childIin,
    representativeFullName: e.representativeFullName,
    representativePhone: e.representativePhone,
    enrolledOn: e.enrolledOn,
    orderNumber: e.orderNumber,
    orderDate: e.orderDate,
    referralNumber: e.referralId ? (referralById.get(e.referralId)?.number ?? null) : null,
    departedOn: e.departedOn,
    departureId: e.departureId,
    pending: false,
  }));
  const enrolledReferrals = new Set(enrollments.map((e) => e.referralId));
  const waiting = pendingCommands.flatMap<EnrolledChild>((command) => {
    if (command.kind !== 'referral.enroll' || command.status !== 'pending') return [];
    const p = command.payload as {
      referralId?: string;
      enrollmentDate?: string;
      orderNumber?: string;
      orderDate?: string;
    };
    const referral = p.referralId ? referralById.get(p.referralId) : undefined;
    if (!referral || enrolledReferrals.has(referral.id)) return [];
    return [
      {
        id: command.id,
        groupId: referral.groupId,
        childFullName: referral.childFullName,
        childBirthDate: referral.childBirthDate,
        childIin: referral.childIin,
        representativeFullName: referral.representativeFullName,
        representativePhone: referral.representativePhone,
        enrolledOn: p.enrollmentDate ?? '',
        orderNumber: p.orderNumber ?? '',
        orderDate: p.orderDate ?? '',
        referralNumber: referral.number,
        departedOn: null,
        departureId: null,
        pending: true,
      },
    ];
  });
  return [...synced, ...waiting];
}

export interface OrderRef {
  number: string;
  date: string;
}
export const orderKey = (order: OrderRef) => `${order.date}|${order.number}`;

/** The enrollment orders the children were enrolled by, newest first. */
export function enrollmentOrders(children: readonly EnrolledChild[]): OrderRef[] {
  const byKey = new Map<string, OrderRef>();
  for (const c of children) {
    const order = { number: c.orderNumber, date: c.orderDate };
    byKey.set(orderKey(order), order);
  }
  return [...byKey.values()].sort((a, b) => b.date.localeCompare(a.date) || a.number.localeCompare(b.number));
}
