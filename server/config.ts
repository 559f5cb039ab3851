import { resolve } from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).optional(),
  DATA_DIR: z.string().default('.data/pglite'),
  SESSION_TTL_DAYS: z.coerce.number().positive().default(30),
  HEARTBEAT_MS: z.coerce.number().int().positive().optional(),
  RENDERER_DIR: z.string().default('out/renderer'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FILE: z.string().optional(),
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
  TRUST_PROXY: z.string().optional(),
  SEED_DEMO: z.enum(['city', 'kindergarten', 'off']).default('city'),
  DEMO_SEED: z.coerce.number().int().min(0).max(0xffffffff).default(1),
});

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
    heartbeatMs: e.HEARTBEAT_MS ?? 15_000,
    rendererDir: resolve(e.RENDERER_DIR),
    logLevel: e.LOG_LEVEL,
    logFile: e.LOG_FILE || undefined,
    schedulerIntervalMs: e.SCHEDULER_INTERVAL_MS,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    seedDemo: e.SEED_DEMO,
    demoSeed: e.DEMO_SEED,
  };
}

function parseTrustProxy(value: string | undefined): boolean | string {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  return value;
}
