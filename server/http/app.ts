import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCors from '@fastify/cors';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { ContentionError } from '../db/contention.js';
import { onUndeclaredRejection } from '../executor/undeclared-rejections.js';
import type { AppDeps } from './deps.js';
import { errorCodeOf } from './errors.js';
import { answerFrameworkError, guardHostileInput } from './hostile-input.js';
import { LogFile, loggerOptions, type LogFormat } from './logging.js';
import { openApiDocument } from './openapi.js';
import { authRoutes } from './routes/auth.js';
import { departmentRoutes } from './routes/department.js';
import { departmentCalendarRoutes } from './routes/department-calendar.js';
import { departmentDashboardRoutes } from './routes/department-dashboard.js';
import { departmentReportRoutes } from './routes/department-reports.js';
import { healthRoutes } from './routes/health.js';
import { parentPageRoutes } from './routes/parent-page.js';
import { parentScheduleRoutes } from './routes/parent-schedule.js';
import { parentRoutes } from './routes/parent.js';
import { replicationRoutes } from './routes/replication.js';
import { updateRoutes, updatesDirFromEnv } from './routes/updates.js';
import { BROWSER_CSP, securityHeaders } from './security-headers.js';

export const SERVER_VERSION = '0.1.0';
/** The origin the Electron shell serves the staff app from (electron/main/security.ts, APP_ORIGIN). */
export const DESKTOP_ORIGIN = 'app://desk';

export async function buildApp(
  deps: AppDeps,
  options: { logLevel?: string; logFormat?: LogFormat; logFile?: string; trustProxy?: boolean | string } = {},
): Promise<FastifyInstance> {
  const logger = loggerOptions(options.logLevel ?? 'warn', {
    ...(options.logFormat ? { format: options.logFormat } : {}),
    ...(options.logFile ? { file: options.logFile } : {}),
  });
  const app = Fastify({
    logger,
    trustProxy: options.trustProxy ?? false,
    forceCloseConnections: true,
    bodyLimit: 256 * 1024,
    frameworkErrors: answerFrameworkError,
  });
  if ('stream' in logger && logger.stream instanceof LogFile) {
    const file = logger.stream;
    app.addHook('onClose', async () => file.close());
  }
  // A command refused with a code its kind does not declare is still answered; the log says so.
  const stopListening = onUndeclaredRejection((undeclared) =>
    app.log.error(undeclared, 'a command was refused with a code its kind does not declare'),
  );
  app.addHook('onClose', async () => stopListening());
  securityHeaders(app);
  guardHostileInput(app);
  app.decorateRequest('auth', null);
  app.decorateRequest('parent', null);
  app.decorateRequest('department', null);
  await app.register(fastifyRateLimit, { global: false });
  // The desktop app's page lives at app://desk: its calls to this server are cross-origin.
  // Only that origin is allowed (browser mode is same-origin and needs no CORS).
  await app.register(fastifyCors, {
    origin: [DESKTOP_ORIGIN],
    methods: ['GET', 'POST'],
    allowedHeaders: ['authorization', 'content-type'],
    // The desktop app reads how long to wait after a 429 (rate limit, locked account, busy server).
    exposedHeaders: ['retry-after'],
    maxAge: 600,
  });

  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, request, reply) => {
    // The database kept aborting the work for contention: nothing changed, the client retries later.
    if (error instanceof ContentionError) {
      request.log.warn({ attempts: error.attempts, sqlState: error.sqlState }, 'contention: retries ran out');
      return reply
        .code(429)
        .header('retry-after', String(error.retryAfterSeconds))
        .send({ error: error.code, message: error.message });
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    // Logged through safeError (logging.ts): never the statement's parameters or row values.
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.code(status).send({
      error: status === 500 ? 'internal_error' : errorCodeOf(error),
      message: status === 500 ? 'The server failed; nothing was changed.' : error.message,
    });
  });

  healthRoutes(app, deps);
  authRoutes(app, deps);
  replicationRoutes(app, deps);
  parentRoutes(app, deps);
  parentScheduleRoutes(app, deps);
  parentPageRoutes(app);
  departmentRoutes(app, deps);
  departmentCalendarRoutes(app, deps);
  departmentDashboardRoutes(app, deps);
  departmentReportRoutes(app, deps);
  await app.register(updateRoutes, { dir: updatesDirFromEnv() });
  app.get('/api/openapi.json', async () => openApiDocument(app, SERVER_VERSION));

  const rendererDir = deps.config.rendererDir;
  if (rendererDir && existsSync(join(rendererDir, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: rendererDir,
      setHeaders: (res) => res.header('content-security-policy', BROWSER_CSP),
    });
    app.setNotFoundHandler((request, reply) => {
      if (request.url.startsWith('/api/')) return reply.code(404).send({ error: 'not_found' });
      return reply.header('content-security-policy', BROWSER_CSP).sendFile('index.html');
    });
  }
  return app;
}
