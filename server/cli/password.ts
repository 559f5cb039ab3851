import { randomInt } from 'node:crypto';
import { generatePassword as generateSharedPassword, MIN_PASSWORD_LENGTH } from '../../shared/text/password.js';
import type { CliContext } from './registry.js';
import { CliError, UsageError } from './errors.js';

/** A random password (shared/text/password.ts) from node:crypto. */
export const generatePassword = () => generateSharedPassword(randomInt);

export { MIN_PASSWORD_LENGTH };

/** The password from standard input's first line (`--password-stdin`), checked for length. */
export async function passwordFromStdin(ctx: CliContext): Promise<string> {
  const text = await ctx.readStdin();
  const password = text.split(/\r?\n/)[0] ?? '';
  if (!password) throw new UsageError('--password-stdin: standard input is empty');
  if (password.length < MIN_PASSWORD_LENGTH || password.length > 200) {
    throw new CliError(`a password needs ${MIN_PASSWORD_LENGTH} to 200 characters`);
  }
  return password;
}

/** Prints a password once, with what to do with it. */
export function showPassword(ctx: CliContext, password: string): void {
  ctx.out.line(`password: ${password}`);
  ctx.out.line('(shown once: hand it to its owner in person; it cannot be shown again, only reset)');
}
