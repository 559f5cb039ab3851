import { zodResolver } from '@hookform/resolvers/zod';
import type { TFunction } from 'i18next';
import { useForm, type FieldValues, type Resolver } from 'react-hook-form';
import { z } from 'zod';

/*
 * A form's schema takes its fields from the command payload it becomes (shared/commands, by
 * `.pick`/`.omit`/`.shape`), never a copy of their limits; `formMessage` gives their errors the
 * form's message keys.
 */

/**
 * The message key of a field error a schema does not name itself: an empty field is `required`,
 * text over its limit `tooLong`; anything else keeps zod's message, shown as "invalid".
 */
export const formMessage = (issue: z.core.$ZodRawIssue): string | undefined => {
  if (issue.input === '') return 'required';
  if (issue.code === 'too_big' && issue.origin === 'string') return 'tooLong';
  return undefined;
};

/**
 * A number typed into a text field and checked by the payload's own number field: empty (or
 * blank) is `required`, not zod's 0; text that is not a number within the field's bounds is
 * `range:<min>:<max>`, the bounds read off that field.
 */
export const typedNumber = (field: z.ZodNumber) => {
  const [minimum, maximum] = [field.minValue ?? -Infinity, field.maxValue ?? Infinity];
  const within = (text: string) => {
    const n = Number(text);
    const whole = !field.isInt || Number.isInteger(n);
    return text.trim() === '' || (Number.isFinite(n) && whole && minimum <= n && n <= maximum);
  };
  return z
    .string()
    .trim()
    .min(1)
    .refine(within, { error: `range:${minimum}:${maximum}` })
    .pipe(z.coerce.number<string>().pipe(field));
};

/** The resolver of a form validated by a zod schema, its errors named by `formMessage`. */
export const formResolver = <T extends FieldValues>(schema: z.ZodType<T>): Resolver<T> =>
  zodResolver(schema as never, { error: formMessage }) as unknown as Resolver<T>;

/** A react-hook-form form validated by a zod schema, in the user's language. */
export function useZodForm<T extends FieldValues>(schema: z.ZodType<T>, defaultValues: NoInfer<T>) {
  return useForm<T>({ resolver: formResolver(schema), defaultValues: defaultValues as never });
}

/** A field error's message key (set in the schemas above) translated; zod's own messages map to "invalid". */
export function fieldError(t: TFunction, error: { message?: string } | undefined): string | undefined {
  if (!error) return undefined;
  const range = /^range:(-?\d+):(-?\d+)$/.exec(error.message ?? '');
  if (range) return t('form.range', { min: range[1], max: range[2] });
  const key = error.message && ['required', 'tooLong'].includes(error.message) ? error.message : 'invalid';
  return t(`form.${key}`);
}
