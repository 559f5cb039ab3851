import { allowed, refuse } from '../commands/rejection.js';
import { isoDateSchema } from '../domain/dates.js';

/**
 * The order (приказ) behind an enrollment, a termination or a departure: a number and a date.
 * Source: docs/rules.md, Process §5 (enrollment by order number and date), Rules
 * › Referral lifecycle and › Departures free seats (each recorded with an order number and date).
 */

export type Order = { orderNumber: string; orderDate: string };

export const MAX_ORDER_NUMBER_LENGTH = 50;

/** Is the order complete: a non-blank number (≤ 50 characters) and a valid date? */
export function checkOrder(order: Order) {
  const number = order.orderNumber.trim();
  if (number.length === 0 || number.length > MAX_ORDER_NUMBER_LENGTH) {
    return refuse('missing_order_number', { maxLength: MAX_ORDER_NUMBER_LENGTH });
  }
  if (!isoDateSchema.safeParse(order.orderDate).success) return refuse('missing_order_date');
  return allowed;
}
