import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { maskIin } from '../../../shared/domain/iin.js';
import { ageGroupFor } from '../../../shared/rules/index.js';
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
      const city = query.city ?? null;
      const cities = await db.query<{ id: string; nameRu: string; nameKk: string; timeZone: string }>(
        `select id, name_ru as "nameRu", name_kk as "nameKk", time_zone as "timeZone" from cities
          where $1::text is null or id = $1 order by id`,
        [city],
      );
      const rows = await db.query<{
        id: string;
        city_id: string;
        kindergarten_id: string;
        name_ru: string;
        name_kk: string;
        address: string;
        birth_year: number;
        language: 'ru' | 'kk';
        seats: number;
        published: number;
        available_from: string;
      }>(
        `select e.id, k.city_id, k.id as kindergarten_id, k.name_ru, k.name_kk, k.address, e.birth_year, e.language, e.seats,
                e.available_from::text as available_from,
                (select count(*)::int from seats s join publications p on p.id = s.publication_id
                  where p.schedule_entry_id = e.id and s.status in ('open', 'claimed')) as published
           from schedule_entries e join kindergartens k on k.id = e.kindergarten_id
          where e.status = 'approved' and not e.deleted and not k.deleted and ($1::text is null or k.city_id = $1)
          order by e.available_from, k.name_ru, e.birth_year desc, e.language`,
        [city],
      );
      return {
        serverTime: clock.now().toISOString(),
        cities,
        entries: rows.map((e) => ({
          id: e.id,
          cityId: e.city_id,
          kindergarten: { id: e.kindergarten_id, nameRu: e.name_ru, nameKk: e.name_kk, address: e.address },
          ageGroup: ageGroupFor(e.birth_year, e.available_from),
          birthYear: e.birth_year,
          language: e.language,
          seats: e.seats,
          publishedSeats: e.published,
          availableFrom: e.available_from,
        })),
      };
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
      const [a] = await db.query<{
        city_id: string;
        full_name: string;
        birth_date: string;
        iin: string;
        language: 'ru' | 'kk';
        priority: 'out_of_turn' | 'first' | 'general';
        applied_at: Date;
        representative_full_name: string;
        choices: string[];
      }>(
        `select city_id, concat_ws(' ', child_last_name, child_first_name, nullif(child_middle_name, '')) as full_name,
                birth_date::text as birth_date, iin, language, priority, applied_at, representative_full_name, choices::text[] as choices
           from applicants where id = $1`,
        [parent!.applicantId],
      );
      if (!a) return reply.code(404).send({ error: 'not_found' });
      const kindergartens = await db.query<{ id: string; nameRu: string; nameKk: string }>(
        `select id, name_ru as "nameRu", name_kk as "nameKk" from kindergartens where id = any($1::uuid[])`,
        [a.choices],
      );
      const byId = new Map(kindergartens.map((k) => [k.id, k]));
      return {
        serverTime: clock.now().toISOString(),
        cityId: a.city_id,
        child: { fullName: a.full_name, birthDate: a.birth_date, iinMasked: maskIin(a.iin) },
        language: a.language,
        priority: a.priority,
        appliedAt: new Date(a.applied_at).toISOString(),
        representativeFullName: a.representative_full_name,
        choices: a.choices.flatMap((id) => byId.get(id) ?? []),
      };
    },
  });
}
