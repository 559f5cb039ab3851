import { generatePassword } from '../../shared/text/password.js';

/** A uniform integer in [0, n) from the browser's cryptographic source (no modulo bias). */
function randomInt(n: number): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  const draw = new Uint32Array(1);
  do window.crypto.getRandomValues(draw);
  while (draw[0]! >= limit);
  return draw[0]! % n;
}

/** A new account password, made here and shown once to the administrator: the server stores only its hash. */
export const newPassword = () => generatePassword(randomInt);
