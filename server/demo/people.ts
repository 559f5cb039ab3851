import { makeIin, type Sex } from '../../shared/domain/iin.js';
import {
  kazakhBoys,
  kazakhFathers,
  kazakhGirls,
  kazakhMothers,
  kazakhSurnames,
  phonePrefixes,
  russianBoys,
  russianFathers,
  russianGirls,
  russianMothers,
  russianSurnames,
  type Gendered,
} from './names.js';
import type { Random } from './prng.js';

export type Origin = 'kazakh' | 'russian';

/** A child and the legal representative who applied for it (mother or father), named consistently. */
export interface Family {
  child: { lastName: string; firstName: string; middleName: string; sex: Sex };
  representative: { fullName: string; phone: string };
}

const form = (surname: Gendered, sex: Sex) => (sex === 'male' ? surname[0] : surname[1]);

/**
 * One family: the child's surname and patronymic follow its sex and its father's name; the
 * representative is the mother (most often) or the father, with their own patronymic.
 */
export function makeFamily(random: Random, origin: Origin, sex: Sex): Family {
  const kazakh = origin === 'kazakh';
  const fathers = kazakh ? kazakhFathers : russianFathers;
  const father = random.pick(fathers);
  // Some Kazakh families write the child's surname from the father's name (-ұлы / -қызы) and no patronymic.
  const patronymicFree = kazakh && random.chance(0.05);
  const surname: Gendered = patronymicFree
    ? [`${father[0]}ұлы`, `${father[0]}қызы`]
    : random.pick(kazakh ? kazakhSurnames : russianSurnames);
  const grandfather = random.pick(fathers);
  const firstName = random.pick(
    sex === 'male' ? (kazakh ? kazakhBoys : russianBoys) : kazakh ? kazakhGirls : russianGirls,
  );
  const child = {
    lastName: form(surname, sex),
    firstName,
    middleName: patronymicFree ? '' : sex === 'male' ? father[1] : father[2],
    sex,
  };
  const mother = random.chance(0.8);
  const parentName = mother ? random.pick(kazakh ? kazakhMothers : russianMothers) : father[0];
  // A -ұлы / -қызы surname names the child's father, so the representative has their own.
  const parentSurname = patronymicFree ? random.pick(kazakhSurnames) : surname;
  const fullName = [
    form(parentSurname, mother ? 'female' : 'male'),
    parentName,
    mother ? grandfather[2] : grandfather[1],
  ].join(' ');
  return { child, representative: { fullName, phone: phoneNumber(random) } };
}

/** A Kazakhstan mobile number as the portal stores it: +7 and 10 digits. */
export function phoneNumber(random: Random): string {
  return `+7${random.pick(phonePrefixes)}${String(random.int(0, 9_999_999)).padStart(7, '0')}`;
}

/** A staff member's full name (heads and office staff are mostly women). */
export function staffName(random: Random): string {
  const kazakh = random.chance(0.6);
  const surname = random.pick(kazakh ? kazakhSurnames : russianSurnames);
  const first = random.pick(kazakh ? kazakhMothers : russianMothers);
  const father = random.pick(kazakh ? kazakhFathers : russianFathers);
  return `${surname[1]} ${first} ${father[2]}`;
}

/**
 * Hands out IINs that agree with the child (birth date, century and sex digit, check digit) and
 * are unique in the city: a registration number from the stream, the next one when taken or
 * when it has no valid check digit.
 */
export class IinRegistry {
  readonly #taken = new Set<string>();
  constructor(private readonly random: Random) {}

  issue(birthDate: string, sex: Sex): string {
    let serial = this.random.int(0, 9998);
    for (let tries = 0; tries < 10_000; tries++, serial = (serial + 1) % 9999) {
      let iin: string;
      try {
        iin = makeIin(birthDate, sex, serial);
      } catch {
        continue; // no valid check digit for this serial: take the next
      }
      if (this.#taken.has(iin)) continue;
      this.#taken.add(iin);
      return iin;
    }
    throw new Error(`no free IIN left for ${birthDate}`);
  }
}
