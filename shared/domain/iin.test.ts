import fc from 'fast-check';
import { checkIin, iinCheckDigit, iinSchema, isValidIin, makeIin, maskIin, parseIin } from './iin.js';

/*
 * Known IINs, check digits worked out by hand (weights 1..11; second pass 3..11,1,2):
 *
 * 190515 6 0123 → 2019-05-15, female (6 = 2000s, female), registration 0123
 *   1·1 + 9·2 + 0·3 + 5·4 + 1·5 + 5·6 + 6·7 + 0·8 + 1·9 + 2·10 + 3·11
 *   = 1 + 18 + 0 + 20 + 5 + 30 + 42 + 0 + 9 + 20 + 33 = 178 = 16·11 + 2 → check digit 2
 *
 * 850103 3 0001 → 1985-01-03, male (3 = 1900s, male)
 *   8·1 + 5·2 + 0·3 + 1·4 + 0·5 + 3·6 + 3·7 + 0·8 + 0·9 + 0·10 + 1·11
 *   = 8 + 10 + 0 + 4 + 0 + 18 + 21 + 0 + 0 + 0 + 11 = 72 = 6·11 + 6 → check digit 6
 *
 * 000229 5 0007 → 2000-02-29 (a leap day), male (5 = 2000s, male)
 *   0 + 0 + 0 + 2·4 + 2·5 + 9·6 + 5·7 + 0 + 0 + 0 + 7·11 = 8 + 10 + 54 + 35 + 77 = 184 = 16·11 + 8 → 8
 *
 * 190515 6 0070 needs the second pass:
 *   first:  1 + 18 + 0 + 20 + 5 + 30 + 42 + 0 + 0·9 + 7·10 + 0·11 = 186 = 16·11 + 10 → 10, so
 *   second: 1·3 + 9·4 + 0·5 + 5·6 + 1·7 + 5·8 + 6·9 + 0·10 + 0·11 + 7·1 + 0·2
 *         = 3 + 36 + 0 + 30 + 7 + 40 + 54 + 0 + 0 + 7 + 0 = 177 = 16·11 + 1 → check digit 1
 *
 * 190515 6 0150 has no check digit:
 *   first:  1 + 18 + 0 + 20 + 5 + 30 + 42 + 0 + 1·9 + 5·10 + 0·11 = 175 = 15·11 + 10 → 10
 *   second: 3 + 36 + 0 + 30 + 7 + 40 + 54 + 0 + 1·11 + 5·1 + 0·2 = 186 = 16·11 + 10 → 10 → invalid
 */
const girl2019 = '190515601232';
const boy1985 = '850103300016';
const leapBoy = '000229500078';
const secondPass = '190515600701';

describe('the IIN', () => {
  it('computes check digits as worked out by hand, with the second pass when the first gives 10', () => {
    expect(iinCheckDigit('19051560123')).toBe(2);
    expect(iinCheckDigit('85010330001')).toBe(6);
    expect(iinCheckDigit('00022950007')).toBe(8);
    expect(iinCheckDigit('19051560070')).toBe(1);
    expect(iinCheckDigit('19051560150')).toBeNull();
  });

  it('reads the birth date and sex from a valid IIN', () => {
    expect(parseIin(girl2019)).toEqual({ birthDate: '2019-05-15', sex: 'female' });
    expect(parseIin(boy1985)).toEqual({ birthDate: '1985-01-03', sex: 'male' });
    expect(parseIin(leapBoy)).toEqual({ birthDate: '2000-02-29', sex: 'male' });
    expect(parseIin(secondPass)).toEqual({ birthDate: '2019-05-15', sex: 'female' });
    expect(parseIin('180101100001')).toMatchObject({ birthDate: '1818-01-01', sex: 'male' });
  });

  it('says why an IIN is invalid: format, century digit, birth date or check digit', () => {
    expect(checkIin('19051560123')).toEqual({ ok: false, problem: 'format' });
    expect(checkIin('19051560123a')).toEqual({ ok: false, problem: 'format' });
    expect(checkIin(' 190515601232')).toEqual({ ok: false, problem: 'format' });
    expect(checkIin('190515701232')).toEqual({ ok: false, problem: 'century' });
    expect(checkIin('190515001232')).toEqual({ ok: false, problem: 'century' });
    expect(checkIin('190230601232')).toEqual({ ok: false, problem: 'birth_date' });
    expect(checkIin('010229500078')).toEqual({ ok: false, problem: 'birth_date' });
    expect(checkIin('190515601233')).toEqual({ ok: false, problem: 'check_digit' });
    expect(isValidIin('190515601233')).toBe(false);
    expect(isValidIin(girl2019)).toBe(true);
  });

  it('makes the known examples, and refuses a serial that has no check digit', () => {
    expect(makeIin('2019-05-15', 'female', 123)).toBe(girl2019);
    expect(makeIin('1985-01-03', 'male', 1)).toBe(boy1985);
    expect(makeIin('2019-05-15', 'female', 70)).toBe(secondPass);
    expect(() => makeIin('2019-05-15', 'female', 150)).toThrow(/try the next serial/);
    expect(isValidIin(makeIin('2019-05-15', 'female', 151))).toBe(true);
    expect(() => makeIin('2019-02-29', 'male', 1)).toThrow(/not a real date/);
    expect(() => makeIin('2100-01-01', 'male', 1)).toThrow(/1800–2099/);
    expect(() => makeIin('2019-05-15', 'male', 10_000)).toThrow(/serial/);
  });

  it('makes only valid IINs that parse back to their birth date and sex, and the next serial always works', () => {
    const dates = fc
      .date({ min: new Date('1800-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        dates,
        fc.constantFrom('male' as const, 'female' as const),
        fc.nat(9998),
        (birthDate, sex, serial) => {
          const made = [serial, serial + 1].flatMap((s) => {
            try {
              return [makeIin(birthDate, sex, s)];
            } catch {
              expect(iinCheckDigit(makeFirst11(birthDate, sex, s))).toBeNull();
              return [];
            }
          });
          expect(made.length).toBeGreaterThan(0);
          for (const iin of made) {
            expect(isValidIin(iin)).toBe(true);
            expect(parseIin(iin)).toEqual({ birthDate, sex });
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('masks everything but the last 4 digits, so neither birth date nor sex shows', () => {
    expect(maskIin(girl2019)).toBe('••••••••1232');
    expect(maskIin(girl2019)).not.toContain('1905');
    expect(maskIin('12345')).toBe('••••••••••••');
  });

  it('validates with zod, trimming spaces and naming the problem', () => {
    expect(iinSchema.parse(` ${girl2019} `)).toBe(girl2019);
    const bad = iinSchema.safeParse('190515601233');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/check digit/);
  });
});

/** The first 11 digits makeIin builds (for checking why it refused). */
function makeFirst11(birthDate: string, sex: 'male' | 'female', serial: number): string {
  const year = Number(birthDate.slice(0, 4));
  const centurySex = (Math.floor(year / 100) - 18) * 2 + (sex === 'male' ? 1 : 2);
  return `${birthDate.slice(2, 4)}${birthDate.slice(5, 7)}${birthDate.slice(8, 10)}${centurySex}${String(serial).padStart(4, '0')}`;
}
