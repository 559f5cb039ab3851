import type { CliCommand } from '../registry.js';
import { calendarCommands } from './calendar.js';
import { demoCommands } from './demo.js';
import { departmentCommands } from './department.js';
import { deviceCommands } from './device.js';
import { kindergartenCommands } from './kindergarten.js';
import { queueCommands } from './queue.js';
import { scheduleCommands } from './schedule.js';
import { settingsCommands } from './settings.js';
import { signInCommands } from './sign-in.js';
import { staffCommands } from './staff.js';

/** Every admin command, in the order `--help` lists them. A new group is one more line here. */
export const commands: readonly CliCommand[] = [
  ...kindergartenCommands,
  ...staffCommands,
  ...deviceCommands,
  ...signInCommands,
  ...queueCommands,
  ...scheduleCommands,
  ...departmentCommands,
  ...calendarCommands,
  ...settingsCommands,
  ...demoCommands,
];
