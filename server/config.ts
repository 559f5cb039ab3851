import { resolve } from 'node:path';
import { z } from 'zod';
import { defaultPoolSize } from './db/postgres.js';
import { DEFAULT_UPDATES_DIR } from './http/routes/updates.js';

/**
 * The server's environment, the one place it is described: each variable's type, allowed values,
 * default and meaning. README.md's and docs/operations.md's tables say the same (a unit test,
 * test/tooling/docs-config.test.ts, compares them). `documentedDefault` is the default in words
 * where it is not one value.
 */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787).meta({ description: 'HTTP port' }),
  HOST: z.string().default('127.0.0.1').meta({ description: 'listen address' }),
  DATABASE_URL: z.string().url().optional().meta({ description: 'PostgreSQL connection string; else embedded PGlite' }),
  DATABASE_POOL_SIZE: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(defaultPoolSize)
    .meta({ description: 'connections to PostgreSQL per process' }),
  DATA_DIR: z.string().default('.data/pglite').meta({ description: "PGlite's data directory" }),
  SESSION_TTL_DAYS: z.coerce.number().positive().default(30).meta({ description: 'device session lifetime' }),
  HEARTBEAT_MS: z.coerce.number().int().positive().default(15_000).meta({ description: 'event-stream heartbeat' }),
  RENDERER_DIR: z.string().default('out/renderer').meta({ description: 'the built staff app served at /' }),
  UPDATES_DIR: z
    .string()
    .default(DEFAULT_UPDATES_DIR)
    .meta({ description: 'the published desktop-app versions served at /updates' }),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .meta({ description: 'pino log level' }),
  LOG_FORMAT: z
    .enum(['json', 'pretty'])
    .default('json')
    .meta({ description: 'one JSON object a line (a log collector), or readable lines (npm start)' }),
  LOG_FILE: z
    .string()
    .optional()
    .meta({ description: 'append log lines (JSON) to this file instead of stdout', documentedDefault: 'stdout' }),
  SCHEDULER_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(60_000)
    .meta({ description: 'how often the scheduler runs; 0 off' }),
  TRUST_PROXY: z.string().default('false').meta({ description: 'whom to trust for X-Forwarded-For' }),
  SEED_DEMO: z
    .enum(['city', 'kindergarten', 'off'])
    .default('city')
    .meta({ description: 'what an empty database is seeded with' }),
  DEMO_SEED: z.coerce
    .number()
    .int()
    .min(0)
    .max(0xffffffff)
    .default(1)
    .meta({ description: "the demo city's seed value" }),
  DEMO_CLOCK: z
    .enum(['on', 'off'])
    .optional()
    .meta({ description: 'the demo clock, or the real one', documentedDefault: '`on` while `SEED_DEMO` is not `off`' }),
  ADMIN_OPERATOR: z
    .string()
    .optional()
    .meta({ description: 'admin CLI only: the operator named in its audit rows', documentedDefault: 'the OS user' }),
});

export interface ConfigVariable {
  name: string;
  /** The default as the docs write it (`8787`), or in words; undefined where there is none. */
  default: string | undefined;
  /** The allowed values, for a variable that takes one of a list. */
  values: readonly string[] | undefined;
  description: string;
}

/** Every variable the server reads, as `envSchema` describes it (the docs' tables are checked against this). */
export function configVariables(): ConfigVariable[] {
  return Object.entries(envSchema.shape).map(([name, schema]) => {
    const meta = (schema.meta() ?? {}) as { description?: string; documentedDefault?: string };
    const inner = schema.unwrap();
    const fixed = schema.type === 'default' ? String(schema.def.defaultValue) : undefined;
    return {
      name,
      default: meta.documentedDefault ?? (fixed === undefined ? undefined : `\`${fixed}\``),
      values: inner.type === 'enum' ? inner.options : undefined,
      description: meta.description ?? '',
    };
  });
}

export interface ServerConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** Connections to PostgreSQL per process (unused on PGlite); undefined = the default (20). */
  databasePoolSize?: number | undefined;
  dataDir: string;
  sessionTtlMs: number;
  heartbeatMs: number;
  /** The built staff app served at / (browser mode), when present. */
  rendererDir: string | null;
  logLevel: string;
  /** `json`: one object a line, for a log collector; `pretty`: readable lines for a person. */
  logFormat?: 'json' | 'pretty';
  /** Log lines appended to this file instead of stdout (the tests collect one file per run). */
  logFile?: string | undefined;
  /** How often the scheduler materializes transitions; 0 turns it off (tests drive it themselves). */
  schedulerIntervalMs?: number;
  /**
   * Behind a reverse proxy: whom to trust for the client address (Fastify's trustProxy — true, or
   * the proxies' addresses/CIDRs, comma-separated), so rate limits count per client, not per proxy.
   */
  trustProxy?: boolean | string;
  /**
   * What an empty database is seeded with: the demo city (`city`), the one demo kindergarten
   * (`kindergarten`), or nothing (`off`, a real city's server).
   */
  seedDemo?: 'city' | 'kindergarten' | 'off';
  /** The demo city's seed value: the same value gives the same city. */
  demoSeed?: number;
  /**
   * The demo clock (real time plus the offset `demo:clock` moves) instead of the real one; on by
   * default while demo seeding is on.
   */
  demoClock?: boolean;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid configuration: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    dataDir: resolve(e.DATA_DIR),
    sessionTtlMs: e.SESSION_TTL_DAYS * 24 * 3600 * 1000,
    heartbeatMs: e.HEARTBEAT_MS,
    rendererDir: resolve(e.RENDERER_DIR),
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    logFile: e.LOG_FILE || undefined,
    schedulerIntervalMs: e.SCHEDULER_INTERVAL_MS,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    seedDemo: e.SEED_DEMO,
    demoSeed: e.DEMO_SEED,
    demoClock: (e.DEMO_CLOCK ?? (e.SEED_DEMO === 'off' ? 'off' : 'on')) === 'on',
  };
}

function parseTrustProxy(value: string | undefined): boolean | string {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  return value;
}
