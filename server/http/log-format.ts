import pinoPretty from 'pino-pretty';

export type LogFormat = 'json' | 'pretty';

/**
 * Fastify's logger options for a format: `json` writes pino's one object a line (what a log
 * collector reads); `pretty` writes a readable line per entry (time, level, message) for a person
 * at a terminal (`npm start`).
 */
export function loggerOptions(level: string, format: LogFormat = 'json') {
  if (format === 'json') return { level };
  return {
    level,
    stream: pinoPretty({ translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', singleLine: true, sync: true }),
  };
}
