import { z } from 'zod';
import { safeText } from './text.js';
import { replicatedFields } from './ids.js';

/** The regional settings of the kindergarten's city, as replicated (shape: shared/rules/settings.ts). */
export const regionalSettingsDocSchema = z.object({
  id: safeText.max(40),
  settings: z.record(z.string(), z.unknown()),
  ...replicatedFields,
});
export type RegionalSettingsDoc = z.infer<typeof regionalSettingsDocSchema>;
