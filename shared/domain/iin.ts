import { z } from 'zod';
import { daysInMonth } from '../calendar/dates.js';

/**
 * The Kazakhstan IIN (ИИН / ЖСН, individual identification number), 12 digits:
 *   1–6   birth date YYMMDD
 *   7     century and sex: 1/2 = 1800s male/female, 3/4 = 1900s, 5/6 = 2000s
 *   8–11  registration number
 *   12    check digit: Σ digit·weight mod 11 with weights 1..11; when that is 10, a second pass
 *         with weights 3,4,5,6,7,8,9,10,11,1,2; when that is 10 too, no IIN has these 11 digits.
 */
export type Sex = 'male' | 'female';

export interface IinFacts {
  /** YYYY-MM-DD */
  birthDate: string;
  sex: Sex;
}

/** Why a string is not a valid IIN. */
export type IinProblem = 'format' | 'century' | 'birth_date' | 'check_digit';

export const iinProblemMessages: Record<IinProblem, string> = {
  format: 'an IIN is exactly 12 digits',
  century: 'the 7th digit (century and sex) must be 1–6',
  birth_date: 'the first 6 digits are not a real birth date',
  check_digit: 'the check digit (12th) does not match',
};

const FIRST_PASS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;
const SECOND_PASS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2] as const;
const CENTURIES = [1800, 1900, 2000] as const;

const weighted = (digits: readonly number[], weights: readonly number[]) =>
  digits.reduce((sum, d, i) => sum + d * (weights[i] ?? 0), 0) % 11;

/** The 12th digit for the first 11, or null when both passes give 10 (no valid IIN exists). */
export function iinCheckDigit(first11: string): number | null {
  if (!/^\d{11}$/.test(first11)) throw new Error('iinCheckDigit needs exactly 11 digits');
  const digits = [...first11].map(Number);
  const first = weighted(digits, FIRST_PASS);
  if (first !== 10) return first;
  const second = weighted(digits, SECOND_PASS);
  return second === 10 ? null : second;
}

/** The birth date and sex an IIN encodes, or the first reason it is not valid. */
export function checkIin(iin: string): { ok: true; facts: IinFacts } | { ok: false; problem: IinProblem } {
  if (!/^\d{12}$/.test(iin)) return { ok: false, problem: 'format' };
  const centurySex = Number(iin[6]);
  const century = CENTURIES[Math.floor((centurySex - 1) / 2)];
  if (century === undefined) return { ok: false, problem: 'century' };
  const year = century + Number(iin.slice(0, 2));
  const month = Number(iin.slice(2, 4));
  const day = Number(iin.slice(4, 6));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { ok: false, problem: 'birth_date' };
  if (iinCheckDigit(iin.slice(0, 11)) !== Number(iin[11])) return { ok: false, problem: 'check_digit' };
  const birthDate = `${year}-${pad(month, 2)}-${pad(day, 2)}`;
  return { ok: true, facts: { birthDate, sex: centurySex % 2 === 1 ? 'male' : 'female' } };
}

export function parseIin(iin: string): IinFacts | null {
  const result = checkIin(iin);
  return result.ok ? result.facts : null;
}

export const isValidIin = (iin: string): boolean => checkIin(iin).ok;

/**
 * A valid IIN for seeds and tests. `serial` is the registration number (0–9999). About one
 * serial in 121 gives 10 in both check passes: then this throws and the caller tries the next
 * serial (serial + 1 always works then, unless serial is 9999).
 */
export function makeIin(birthDate: string, sex: Sex, serial: number): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!match) throw new Error(`makeIin: birth date must be YYYY-MM-DD, got ${birthDate}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new Error(`makeIin: ${birthDate} is not a real date`);
  }
  const centuryIndex = CENTURIES.findIndex((c) => year >= c && year < c + 100);
  if (centuryIndex < 0) throw new Error(`makeIin: an IIN encodes years 1800–2099, got ${year}`);
  if (!Number.isInteger(serial) || serial < 0 || serial > 9999) {
    throw new Error(`makeIin: serial must be an integer 0–9999, got ${serial}`);
  }
  const centurySex = centuryIndex * 2 + (sex === 'male' ? 1 : 2);
  const first11 = `${String(year).slice(2)}${pad(month, 2)}${pad(day, 2)}${centurySex}${pad(serial, 4)}`;
  const check = iinCheckDigit(first11);
  if (check === null) throw new Error(`makeIin: serial ${serial} gives no valid check digit; try the next serial`);
  return `${first11}${check}`;
}

/**
 * The IIN as shown where it is not asked for: only the last 4 digits (3 of the registration
 * number and the check digit), so neither the birth date (digits 1–6) nor the sex (digit 7) shows
 * — `••••••••1232`. Anything that is not 12 digits is masked entirely.
 */
export function maskIin(iin: string): string {
  return /^\d{12}$/.test(iin) ? `${'•'.repeat(8)}${iin.slice(8)}` : '•'.repeat(12);
}

/** A valid IIN (surrounding spaces trimmed); the error message says what is wrong with it. */
export const iinSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const result = checkIin(value);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: iinProblemMessages[result.problem] });
  });

const pad = (n: number, width: number) => String(n).padStart(width, '0');
