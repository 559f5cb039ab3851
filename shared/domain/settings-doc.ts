import { z } from 'zod';
import { replicatedFields } from './ids.js';

/** The regional settings of the kindergarten's city, as replicated (shape: shared/rules/settings.ts). */
export const regionalSettingsDocSchema = z.object({
  id: z.string().max(40),
  settings: z.record(z.string(), z.unknown()),
  ...replicatedFields,
});
export type RegionalSettingsDoc = z.infer<typeof regionalSettingsDocSchema>;
