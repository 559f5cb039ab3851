import { randomInt } from 'node:crypto';
import type { CliContext } from './registry.js';
import { CliError, UsageError } from './errors.js';

/** Letters and digits that cannot be mistaken for one another when read aloud or from paper. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random password of 4 groups of 4 (e.g. `k7Qm-x9Tb-Rw3e-Hn8p`): about 92 bits of entropy. */
export function generatePassword(): string {
  const group = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}

export const MIN_PASSWORD_LENGTH = 10;

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
