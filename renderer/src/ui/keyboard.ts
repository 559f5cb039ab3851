import type { KeyboardEvent } from 'react';

/**
 * For a destructive form: Enter in a field does not submit it (only its button, clicked or
 * pressed when focused, does). Enter in a text area still starts a new line.
 */
export function noEnterSubmit(event: KeyboardEvent<HTMLFormElement>): void {
  if (event.key !== 'Enter') return;
  const target = event.target as HTMLElement;
  if (target.tagName === 'BUTTON' || target.tagName === 'TEXTAREA') return;
  event.preventDefault();
}
