import i18next from 'i18next';
import { en } from '../../i18n/en.js';
import { kk } from '../../i18n/kk.js';
import { ru } from '../../i18n/ru.js';
import { rejectionText } from './rejection-text.js';

const t = async (lng: string) => {
  const instance = i18next.createInstance();
  await instance.init({
    resources: { ru: { translation: ru }, kk: { translation: kk }, en: { translation: en } },
    lng,
    interpolation: { escapeValue: false },
  });
  return instance.t;
};

describe('a refusal in words', () => {
  it('writes its dates DD.MM.YYYY and its instants in the city’s time, in ru, kk and en', async () => {
    const overCapacity = {
      code: 'over_capacity' as const,
      params: { date: '2027-06-01', capacity: 20, occupancy: 21 },
    };
    expect(rejectionText(await t('ru'), overCapacity)).toBe(
      'Превышение мест в группе на 01.06.2027: 21 при вместимости 20.',
    );
    expect(rejectionText(await t('kk'), overCapacity)).toBe('01.06.2027 күні топта орын асып кетеді: 20 орынға 21.');
    expect(rejectionText(await t('en'), overCapacity)).toMatch(/01\.06\.2027/);
    const expired = { code: 'referral_expired' as const, params: { deadline: '2026-06-10T18:59:59.999Z' } };
    expect(rejectionText(await t('ru'), expired)).toBe('Срок направления истёк (10.06.2026, 23:59).');
    expect(rejectionText(await t('kk'), expired)).toBe('Жолдаманың мерзімі өтті (10.06.2026, 23:59).');
  });

  it('writes the August pause’s month-days as DD.MM', async () => {
    const pause = { code: 'august_pause' as const, params: { date: '2026-08-03', from: '08-01', to: '08-31' } };
    expect(rejectionText(await t('ru'), pause)).toBe(
      'Публикация приостановлена с 01.08 по 31.08 (сегодня 03.08.2026).',
    );
  });
});
