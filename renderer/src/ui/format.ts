/** The city's zone: times are always shown as Petropavl sees them, not as the office PC's zone says. */
export const CITY_ZONE = 'Asia/Almaty';

const localeOf = (language: string) => (language === 'kk' ? 'kk-KZ' : language === 'en' ? 'en-GB' : 'ru-RU');

export function formatCityTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(localeOf(language), {
    timeZone: CITY_ZONE,
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(new Date(iso));
}
