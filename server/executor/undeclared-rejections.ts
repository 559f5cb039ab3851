import { answerableCodes } from '../../shared/commands/by-kind.js';
import type { RejectionCode } from '../../shared/commands/rejection.js';

/** A command refused with a code its kind does not declare (a programming error: the table or the handler is wrong). */
export interface UndeclaredRejection {
  /** Which command table the kind is in. */
  table: 'staff' | 'department';
  kind: string;
  code: RejectionCode;
}

type Listener = (undeclared: UndeclaredRejection) => void;
const listeners = new Set<Listener>();

/**
 * Listens for undeclared refusals: the HTTP app logs each at error level (server/http/app.ts), the
 * test runs fail on one (test/support/undeclared-rejections.ts). Returns the unsubscribe.
 */
export function onUndeclaredRejection(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Checks a handler's refusal against its kind's declared codes (`own`, the kind's `rejections`,
 * plus `commonRejections`). An undeclared code is reported to the listeners (stderr when there is
 * none) and the refusal is answered all the same: the user sees the refusal the rules gave, never
 * a server error; only the code's translation may be missing on the desk.
 */
export function checkDeclared(
  table: UndeclaredRejection['table'],
  kind: string,
  own: readonly RejectionCode[],
  code: RejectionCode,
): void {
  if (answerableCodes(own).includes(code)) return;
  const undeclared: UndeclaredRejection = { table, kind, code };
  if (listeners.size === 0)
    console.error(`A ${table} command ${kind} was refused with ${code}, a code its kind does not declare`);
  for (const listener of listeners) listener(undeclared);
}
