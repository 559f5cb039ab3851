/** What the preflight looks at: the environment, files (under KG_PREFLIGHT_ROOT) and PATH. */
export interface Machine {
  env: NodeJS.ProcessEnv;
  exists(path: string): boolean;
  list(dir: string): string[];
  onPath(name: string): boolean;
  /** Root on Debian/Ubuntu with apt-get, and KG_PREFLIGHT is not `check`. */
  mayInstall: boolean;
}
export interface Requirement {
  tool: string;
  debianPackage: string;
  present(machine: Machine): boolean;
}
export const requirements: Requirement[];
export function machine(env?: NodeJS.ProcessEnv): Machine;
export function missingRequirements(machine: Machine): Requirement[];
export function installCommand(missing: Requirement[], asRoot: boolean): string;
export function missingMessage(missing: Requirement[]): string;
/** True when every requirement is present (installing what is missing where it may); false after saying what to do. */
export function preflight(env?: NodeJS.ProcessEnv, log?: Pick<Console, 'log' | 'error'>): boolean;
