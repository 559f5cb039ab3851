import { zodResolver } from '@hookform/resolvers/zod';
import type { TFunction } from 'i18next';
import { useForm, type FieldValues, type Resolver } from 'react-hook-form';
import { z } from 'zod';

/** The order fields every enrollment, termination and departure carries (same limits as the command payloads). */
export const orderFormFields = {
  orderNumber: z.string().trim().min(1, 'required').max(50, 'tooLong'),
  orderDate: z.iso.date('required'),
};

/** A react-hook-form form validated by a zod schema, in the user's language. */
export function useZodForm<T extends FieldValues>(schema: z.ZodType<T>, defaultValues: NoInfer<T>) {
  return useForm<T>({ resolver: zodResolver(schema as never) as Resolver<T>, defaultValues: defaultValues as never });
}

/** A field error's message key (set in the schemas above) translated; zod's own messages map to "invalid". */
export function fieldError(t: TFunction, error: { message?: string } | undefined): string | undefined {
  if (!error) return undefined;
  const key = error.message && ['required', 'tooLong'].includes(error.message) ? error.message : 'invalid';
  return t(`form.${key}`);
}
