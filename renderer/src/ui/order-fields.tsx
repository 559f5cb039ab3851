import { Group, TextInput } from '@mantine/core';
import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { fieldError } from './forms.js';

type OrderForm = { orderNumber: string; orderDate: string };

/** Order number and date (приказ), shared by enrollment, termination and departures. */
export function OrderFields<T extends OrderForm>({
  register,
  errors,
}: {
  register: UseFormRegister<T>;
  errors: FieldErrors<T>;
}) {
  const { t } = useTranslation();
  const reg = register as unknown as UseFormRegister<OrderForm>;
  const errs = errors as FieldErrors<OrderForm>;
  return (
    <Group grow>
      <TextInput label={t('order.number')} {...reg('orderNumber')} error={fieldError(t, errs.orderNumber)} />
      <TextInput type="date" label={t('order.date')} {...reg('orderDate')} error={fieldError(t, errs.orderDate)} />
    </Group>
  );
}
