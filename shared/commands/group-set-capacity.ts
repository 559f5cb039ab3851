import { z } from 'zod';
import { capacitySchema } from '../domain/group.js';

export const groupSetCapacityPayload = z.object({
  groupId: z.uuid(),
  capacity: capacitySchema,
});
export type GroupSetCapacityPayload = z.infer<typeof groupSetCapacityPayload>;
