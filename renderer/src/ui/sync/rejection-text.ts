import type { TFunction } from 'i18next';
import type { Rejection } from '../../../../shared/commands/rejection.js';

/** The server's reason in the user's language: the code picks the message, the params fill it in. */
export function rejectionText(t: TFunction, rejection: Rejection): string {
  const params = Object.fromEntries(
    Object.entries(rejection.params).map(([key, value]) => [
      key,
      typeof value === 'string' && t(`rejectionParam.${value}`, { defaultValue: '' })
        ? t(`rejectionParam.${value}`)
        : value,
    ]),
  );
  return t(`rejection.${rejection.code}`, params);
}
