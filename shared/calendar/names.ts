/**
 * Names (Russian, Kazakh, English) and source strings of the Kazakhstan calendar rows, shared by the
 * shipped table and the generator so that both speak the same words. Holiday names follow Law No. 267
 * "On holidays in the Republic of Kazakhstan" (art. 5) and Labour Code art. 84(5); the rows of a
 * moved day off or a transfer name the date they stand for.
 */

export interface DayNames {
  nameRu: string;
  nameKk: string;
  nameEn: string;
}

const names = (nameRu: string, nameKk: string, nameEn: string): DayNames => ({ nameRu, nameKk, nameEn });

export const HOLIDAY_NAMES = {
  newYear: names('Новый год', 'Жаңа жыл', 'New Year'),
  orthodoxChristmas: names('Православное Рождество', 'Православиелік Рождество', 'Orthodox Christmas'),
  womensDay: names('Международный женский день', 'Халықаралық әйелдер күні', "International Women's Day"),
  constitutionDay: names(
    'День Конституции Республики Казахстан',
    'Қазақстан Республикасы Конституциясының күні',
    'Constitution Day',
  ),
  nauryz: names('Наурыз мейрамы', 'Наурыз мейрамы', 'Nauryz'),
  unityDay: names(
    'Праздник единства народа Казахстана',
    'Қазақстан халқының бірлігі мерекесі',
    'Day of Unity of the People of Kazakhstan',
  ),
  defenderDay: names('День защитника Отечества', 'Отан қорғаушы күні', 'Defender of the Fatherland Day'),
  victoryDay: names('День Победы', 'Жеңіс күні', 'Victory Day'),
  capitalDay: names('День Столицы', 'Астана күні', 'Capital City Day'),
  republicDay: names('День Республики', 'Республика күні', 'Republic Day'),
  independenceDay: names('День Независимости', 'Тәуелсіздік күні', 'Independence Day'),
  kurbanAit: names('Курбан айт (первый день)', 'Құрбан айт (бірінші күні)', 'Kurban Ait (first day)'),
} satisfies Record<string, DayNames>;

export const SOURCES = {
  law: 'Law of the RK No. 267 of 13.12.2001 "On holidays in the Republic of Kazakhstan", art. 5',
  lawMoved:
    'Law of the RK No. 267 of 13.12.2001 "On holidays in the Republic of Kazakhstan", art. 5: ' +
    'a holiday on Saturday or Sunday moves the day off to the next working day',
  christmas: 'Labour Code of the RK, art. 84(5): 7 January is a day off, never moved',
  kurbanAit:
    'Labour Code of the RK, art. 84(5): the first day of Kurban Ait is a day off, never moved; ' +
    'date set each year by the Spiritual Administration of Muslims of Kazakhstan',
  transfer2024: 'Order of the Minister of Labour and Social Protection of 17.04.2024 (adilet G24G0000109)',
  transfer2025: 'Order of the Minister of Labour and Social Protection (adilet G24G0000436)',
} as const;

const MONTHS_RU = 'января февраля марта апреля мая июня июля августа сентября октября ноября декабря'.split(' ');
const MONTHS_KK = 'қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан'.split(' ');
const MONTHS_EN = 'January February March April May June July August September October November December'.split(' ');

/** "23 марта", "23 наурыз", "23 March" for 2026-03-23. */
function dayMonth(date: string): DayNames {
  const month = Number(date.slice(5, 7)) - 1;
  const day = Number(date.slice(8, 10));
  return names(
    `${day} ${MONTHS_RU[month] ?? ''}`,
    `${day} ${MONTHS_KK[month] ?? ''}`,
    `${day} ${MONTHS_EN[month] ?? ''}`,
  );
}

/** Names of the weekday that stands in for a holiday that fell on a weekend. */
export function inLieuOfNames(holidayDate: string, holiday: DayNames): DayNames {
  const d = dayMonth(holidayDate);
  return names(
    `Выходной день вместо ${d.nameRu} (${holiday.nameRu})`,
    `${d.nameKk} (${holiday.nameKk}) орнына демалыс күні`,
    `Day off in lieu of ${d.nameEn} (${holiday.nameEn})`,
  );
}

/** Names of the weekday made a day off by a transfer from `workingDay`. */
export function transferredDayOffNames(workingDay: string): DayNames {
  const d = dayMonth(workingDay);
  return names(
    `Выходной день, перенесённый с ${d.nameRu}`,
    `${d.nameKk} күнінен ауыстырылған демалыс күні`,
    `Day off transferred from ${d.nameEn}`,
  );
}

/** Names of the weekend day made a working day by a transfer to `dayOff`. */
export function transferredWorkingDayNames(dayOff: string): DayNames {
  const d = dayMonth(dayOff);
  return names(
    `Рабочий день (выходной перенесён на ${d.nameRu})`,
    `Жұмыс күні (демалыс ${d.nameKk} күніне ауыстырылды)`,
    `Working day (day off transferred to ${d.nameEn})`,
  );
}
