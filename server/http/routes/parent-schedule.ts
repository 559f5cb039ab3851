import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { applicantCardView, approvedSchedule } from '../../parents/portal.js';
import type { AppDeps } from '../deps.js';
import { route } from '../route.js';

const kindergartenRef = z.object({ id: z.uuid(), nameRu: z.string(), nameKk: z.string() });

const scheduleResponse = z.object({
  serverTime: z.iso.datetime(),
  cities: z.array(z.object({ id: z.string(), nameRu: z.string(), nameKk: z.string(), timeZone: z.string() })),
  entries: z.array(
    z.object({
      id: z.uuid(),
      cityId: z.string(),
      kindergarten: kindergartenRef.extend({ address: z.string() }),
      ageGroup: z.enum(['early', 'junior', 'middle', 'senior', 'preschool']).nullable(),
      birthYear: z.number().int(),
      language: z.enum(['ru', 'kk']),
      seats: z.number().int(),
      publishedSeats: z.number().int().describe('Seats of the entry published so far (open or claimed)'),
      availableFrom: z.iso.date(),
    }),
  ),
});

const meResponse = z.object({
  serverTime: z.iso.datetime(),
  cityId: z.string(),
  child: z.object({
    fullName: z.string(),
    birthDate: z.iso.date(),
    iinMasked: z.string().describe('Only the last 4 digits show'),
  }),
  language: z.enum(['ru', 'kk']),
  priority: z.enum(['out_of_turn', 'first', 'general']),
  appliedAt: z.iso.datetime(),
  representativeFullName: z.string(),
  choices: z.array(kindergartenRef).describe("The kindergartens chosen, in the parent's order"),
});

/**
 * Two read-only parent-portal routes beside the claim API (routes/parent.ts): the city's approved
 * summer intake schedule (public: the department publishes it for every parent), and the signed-in
 * applicant's own card (child, queue category, chosen kindergartens).
 */
export function parentScheduleRoutes(app: FastifyInstance, deps: AppDeps) {
  const { db, clock } = deps;

  route(app, deps, {
    method: 'GET',
    url: '/api/parent/schedule',
    summary: 'The approved summer intake schedule (график комплектования) of a city, or of every city',
    tag: 'parent',
    auth: 'none',
    tenancy: 'public',
    query: z
      .object({
        city: z
          .string()
          .regex(/^[a-z0-9-]{2,40}$/)
          .optional(),
      })
      .strict(),
    response: scheduleResponse,
    rateLimit: { max: 120, timeWindow: '1 minute' },
    handler: async ({ query }) => {
      return approvedSchedule(db, clock, query.city ?? null);
    },
  });

  route(app, deps, {
    method: 'GET',
    url: '/api/parent/me',
    summary: "The signed-in applicant's own card: the child, the queue category, the kindergartens chosen",
    tag: 'parent',
    auth: 'parent',
    tenancy: 'session',
    response: meResponse,
    handler: async ({ parent, reply }) => {
      const card = await applicantCardView(db, clock, parent!.applicantId);
      if (!card) return reply.code(404).send({ error: 'not_found' });
      return card;
    },
  });
}
