import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { REPLICATION_VERSION } from '../../shared/replication/protocol.js';
import { routesOf } from './route.js';

/** Every route under this prefix names the protocol version; any other version is answered 426. */
const REPLICATION_PREFIX = `/api/replication/v${REPLICATION_VERSION}/`;

const toSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' });

const securitySchemeOf = { staff: 'deviceSession', parent: 'parentSession', department: 'departmentSession' } as const;

/** The OpenAPI 3 document of every route registered through route(), from the same zod schemas that validate them. */
export function openApiDocument(app: FastifyInstance, version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { spec } of routesOf(app)) {
    const path = spec.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const parameters = [...schemaParameters(spec.params, 'path'), ...schemaParameters(spec.query, 'query')];
    (paths[path] ??= {})[spec.method.toLowerCase()] = {
      summary: spec.summary,
      tags: [spec.tag],
      'x-tenancy': spec.tenancy,
      // Who may call: a device session, a parent session, or anyone (an empty list overrides nothing,
      // so a public route says so explicitly).
      security: spec.auth === 'none' ? [] : [{ [securitySchemeOf[spec.auth]]: [] }],
      ...(parameters.length ? { parameters } : {}),
      ...(spec.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(spec.body, 'input') } } } }
        : {}),
      responses: {
        200: {
          description: 'OK',
          ...(spec.response ? { content: { 'application/json': { schema: toSchema(spec.response, 'output') } } } : {}),
        },
        400: { description: 'Invalid input: `{ error, message }`, nothing changed' },
        ...(spec.auth === 'staff' ? { 401: { description: 'No live device session' } } : {}),
        ...(spec.auth === 'parent' ? { 401: { description: 'No live parent session' } } : {}),
        ...(spec.auth === 'department' ? { 401: { description: 'No live department session' } } : {}),
        413: { description: 'The body is larger than the route accepts' },
        ...(path.startsWith(REPLICATION_PREFIX)
          ? {
              426: {
                description: `Upgrade Required: the URL names another replication protocol version than v${REPLICATION_VERSION} (an outdated or newer app): \`{ error: 'upgrade_required', serverVersion }\``,
              },
            }
          : {}),
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Kindergarten intake — central server', version },
    components: {
      securitySchemes: {
        deviceSession: { type: 'http', scheme: 'bearer', description: 'A staff device session (POST /api/auth/login)' },
        parentSession: { type: 'http', scheme: 'bearer', description: "A parent's session (POST /api/parent/login)" },
        departmentSession: {
          type: 'http',
          scheme: 'bearer',
          description: "A department employee's session (POST /api/department/login)",
        },
      },
    },
    paths,
  };
}

function schemaParameters(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = toSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: s,
  }));
}
