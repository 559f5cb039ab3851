import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: false }>
>['values'];

/** Parses a command's options strictly (node:util parseArgs): unknown options and positionals are usage errors. */
export function parseOptions<const O extends Options>(argv: readonly string[], options: O): Values<O> {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The trimmed value of a required string option. */
export function required(value: string | undefined, option: string): string {
  const trimmed = value?.trim();
  if (!trimmed) throw new UsageError(`missing --${option}`);
  return trimmed;
}

/** The trimmed value of an optional string option, or undefined when absent or empty. */
export const optional = (value: string | undefined): string | undefined => value?.trim() || undefined;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID.test(value);

/** A required option holding a UUID (an id printed by another command). */
export function requiredId(value: string | undefined, option: string): string {
  const id = required(value, option).toLowerCase();
  if (!isUuid(id))
    throw new UsageError(`--${option} must be an id like 0191d2a0-0000-7000-8000-000000000001, got "${id}"`);
  return id;
}

/** A required option restricted to a few words. */
export function requiredChoice<const C extends string>(
  value: string | undefined,
  option: string,
  choices: readonly C[],
): C {
  const v = required(value, option);
  if (!(choices as readonly string[]).includes(v)) {
    throw new UsageError(`--${option} must be one of ${choices.join(', ')}; got "${v}"`);
  }
  return v as C;
}
