/** Letters and digits that cannot be mistaken for one another when read aloud or from paper. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** The shortest password an account takes (staff, department, a parent's portal). */
export const MIN_PASSWORD_LENGTH = 10;

/**
 * A random password of 4 groups of 4 (e.g. `k7Qm-x9Tb-Rw3e-Hn8p`): about 92 bits of entropy.
 * `randomInt(n)` draws a uniform integer in [0, n) from a cryptographic source: the admin CLI
 * passes node:crypto's, the department console the browser's.
 */
export function generatePassword(randomInt: (n: number) => number): string {
  const group = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}
