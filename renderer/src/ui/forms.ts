import { zodResolver } from '@hookform/resolvers/zod';
import type { TFunction } from 'i18next';
import { useForm, type FieldValues, type Resolver } from 'react-hook-form';
import type { z } from 'zod';

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
  const key = error.message && ['required', 'tooLong'].includes(error.message) ? error.message : 'invalid';
  return t(`form.${key}`);
}
