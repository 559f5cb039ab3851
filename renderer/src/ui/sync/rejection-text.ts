import type { TFunction } from 'i18next';
import type { Rejection } from '../../../../shared/commands/rejection.js';
import { formatCityDate, formatCityInstant } from '../../../../shared/text/city-format.js';

/** A param as the reason shows it: dates DD.MM.YYYY, instants DD.MM.YYYY, HH:mm (city time), month-days DD.MM. */
function paramText(t: TFunction, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatCityDate(value);
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(value)) return formatCityInstant(value);
  const monthDay = /^(\d{2})-(\d{2})$/.exec(value);
  if (monthDay) return `${monthDay[2]}.${monthDay[1]}`;
  return t(`rejectionParam.${value}`, { defaultValue: '' }) ? t(`rejectionParam.${value}`) : value;
}

/** The server's reason in the user's language: the code picks the message, the params fill it in. */
export function rejectionText(t: TFunction, rejection: Rejection): string {
  const params = Object.fromEntries(Object.entries(rejection.params).map(([key, value]) => [key, paramText(t, value)]));
  return t(`rejection.${rejection.code}`, params);
}
