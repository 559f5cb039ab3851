import { z } from 'zod';
import { safeText } from './text.js';
import { replicatedFields, uuid } from './ids.js';

export const languageSchema = z.enum(['ru', 'kk']);
export type Language = z.infer<typeof languageSchema>;

export const kindergartenSchema = z.object({
  id: uuid,
  /** Official name in Russian and Kazakh, as printed on documents. */
  nameRu: safeText.min(1).max(200),
  nameKk: safeText.min(1).max(200),
  city: safeText.min(1).max(100),
  address: safeText.max(300),
  ...replicatedFields,
});
export type Kindergarten = z.infer<typeof kindergartenSchema>;
