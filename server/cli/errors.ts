/** A command failed for a reason the operator can act on: printed as is, exit code 1. */
export class CliError extends Error {
  readonly exitCode: number = 1;
}

/** The command line itself is wrong (unknown option, missing value): exit code 2, with a pointer to --help. */
export class UsageError extends CliError {
  override readonly exitCode: number = 2;
}
