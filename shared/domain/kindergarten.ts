import { z } from 'zod';
import { replicatedFields, uuid } from './ids.js';

export const languageSchema = z.enum(['ru', 'kk']);
export type Language = z.infer<typeof languageSchema>;

export const kindergartenSchema = z.object({
  id: uuid,
  /** Official name in Russian and Kazakh, as printed on documents. */
  nameRu: z.string().min(1).max(200),
  nameKk: z.string().min(1).max(200),
  city: z.string().min(1).max(100),
  address: z.string().max(300),
  ...replicatedFields,
});
export type Kindergarten = z.infer<typeof kindergartenSchema>;
