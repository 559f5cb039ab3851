import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { CITY_ZONE } from '../../shared/calendar/index.js';
import { DEMO_PARENT_PASSWORD, parentLogin } from './parent-logins.js';
import { Random } from './prng.js';

/**
 * `npm run simulate`: many demo parents on the parent API of a local server — signing in, claiming
 * seats, concluding contracts, refusing referrals — at a chosen rate, one line per action, so a
 * head watching the claims board sees the city live. Bounded in time and in actions, and it talks
 * only to this machine (127.0.0.1, localhost, ::1).
 */
export interface SimulatorOptions {
  url: string;
  /** Actions per second. */
  rate: number;
  /** Seconds to run. */
  duration: number;
  maxActions: number;
  /** Parent logins p<from> … p<to> are used, in order. */
  from: number;
  to: number;
  /** Parents signed in at once. */
  parents: number;
  password: string;
  seed: number;
}

export interface SimulatorReport {
  actions: number;
  signIns: number;
  claims: number;
  contracts: number;
  refusals: number;
  refusedByServer: number;
}

export const simulatorUsage = `Usage: npm run simulate -- [--url http://127.0.0.1:8787] [--rate 2] [--duration 60] [--max-actions N]
                         [--from 11] [--to 9999] [--parents 8] [--password demo-parent] [--seed 1]

Plays demo parents of the demo city on the parent API of a server on this machine:
  --url          the server (127.0.0.1, localhost or ::1 only)
  --rate         actions per second (0.1–50, default 2)
  --duration     seconds to run (1–3600, default 60); Ctrl+C stops earlier
  --max-actions  stop after this many actions (default rate × duration, at most 10000)
  --from, --to   parent logins used, p0011 … p9999 by default (p0001–p0010 are left for you)
  --parents      parents signed in at a time (1–50, default 8); the server allows 10 sign-ins a minute
  --password     the demo parents' password (default ${DEMO_PARENT_PASSWORD})
  --seed         the seed of the simulator's choices (default 1)`;

export class SimulatorUsageError extends Error {}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The server URL, if it is on this machine; anything else is refused. */
export function localServerUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SimulatorUsageError(`--url "${value}" is not a URL`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !LOCAL_HOSTS.has(url.hostname)) {
    throw new SimulatorUsageError(
      `--url must be a server on this machine (127.0.0.1, localhost or ::1), not ${url.host}`,
    );
  }
  return url.origin;
}

export function parseSimulatorArgs(argv: readonly string[]): SimulatorOptions {
  let values;
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: 'string', default: 'http://127.0.0.1:8787' },
        rate: { type: 'string', default: '2' },
        duration: { type: 'string', default: '60' },
        'max-actions': { type: 'string' },
        from: { type: 'string', default: '11' },
        to: { type: 'string', default: '9999' },
        parents: { type: 'string', default: '8' },
        password: { type: 'string', default: DEMO_PARENT_PASSWORD },
        seed: { type: 'string', default: '1' },
      },
    }).values;
  } catch (error) {
    throw new SimulatorUsageError(error instanceof Error ? error.message : String(error));
  }
  const number = (name: string, value: string | undefined, min: number, max: number, integer = true) => {
    const n = Number(value);
    if (value === undefined || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
      throw new SimulatorUsageError(
        `--${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`,
      );
    }
    return n;
  };
  const rate = number('rate', values.rate, 0.1, 50, false);
  const duration = number('duration', values.duration, 1, 3600);
  const from = number('from', values.from, 1, 99_999);
  return {
    url: localServerUrl(values.url),
    rate,
    duration,
    maxActions:
      values['max-actions'] === undefined
        ? Math.min(10_000, Math.ceil(rate * duration))
        : number('max-actions', values['max-actions'], 1, 10_000),
    from,
    to: number('to', values.to, from, 99_999),
    parents: number('parents', values.parents, 1, 50),
    password: values.password,
    seed: number('seed', values.seed, 0, 2 ** 32 - 1),
  };
}

interface Offer {
  publicationId: string;
  kindergarten: { nameRu: string };
  phase: 'queue_window' | 'open_to_all' | 'withdrawn';
  inYourTurn: boolean;
  canClaim: boolean;
}

interface Referral {
  id: string;
  number: string;
  status: string;
  contractDeadline: string;
  kindergartenRu: string;
}

interface Parent {
  login: string;
  token: string;
  /** What the parent last said it is waiting for (said once, not on every turn). */
  waiting: string | null;
}

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

const cityTime = (iso: string) => DateTime.fromISO(iso, { zone: CITY_ZONE }).toFormat('dd.MM.yyyy HH:mm');

/** Plays the parents until the time or the actions run out (or `signal` aborts); resolves to what was done. */
export async function runSimulator(
  options: SimulatorOptions,
  print: (line: string) => void,
  signal?: AbortSignal,
): Promise<SimulatorReport> {
  const url = localServerUrl(options.url);
  const random = new Random(options.seed);
  const report: SimulatorReport = { actions: 0, signIns: 0, claims: 0, contracts: 0, refusals: 0, refusedByServer: 0 };
  const pool: Parent[] = [];
  let next = options.from;
  let signInsPausedUntil = 0;
  let waitingSaid = false;
  const deadline = Date.now() + options.duration * 1000;
  const interval = 1000 / options.rate;
  const say = (text: string) => print(`${DateTime.now().setZone(CITY_ZONE).toFormat('HH:mm:ss')}  ${text}`);

  const call = async (method: string, path: string, token?: string, body?: unknown): Promise<Answer> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(10_000),
    });
    const parsed = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    return { status: response.status, headers: response.headers, body: parsed };
  };

  const signIn = async (): Promise<void> => {
    const login = parentLogin(next);
    const res = await call('POST', '/api/parent/login', undefined, { login, password: options.password });
    if (res.status === 429) {
      const retry = Number(res.headers.get('retry-after') ?? '60');
      signInsPausedUntil = Date.now() + (Number.isFinite(retry) ? retry : 60) * 1000;
      say(
        `sign-ins paused for ${Math.round((signInsPausedUntil - Date.now()) / 1000)} s: the server limits sign-ins per address`,
      );
      return;
    }
    next++;
    if (res.status !== 200) {
      say(`${login} cannot sign in (${String(res.body.error ?? res.status)})`);
      return;
    }
    pool.push({ login, token: String(res.body.token), waiting: null });
    report.signIns++;
    say(`${login} signed in`);
  };

  const play = async (parent: Parent): Promise<void> => {
    const mine = await call('GET', '/api/parent/referrals', parent.token);
    if (mine.status === 401) return drop(parent, 'was signed out');
    const now = Date.now();
    const live = ((mine.body.referrals as Referral[] | undefined) ?? []).find(
      (r) => r.status === 'contracted' || (r.status === 'active' && Date.parse(r.contractDeadline) >= now),
    );
    if (live?.status === 'active') {
      if (random.chance(0.65)) {
        const res = await call('POST', `/api/parent/referrals/${live.id}/contract`, parent.token);
        if (res.status === 200) {
          report.contracts++;
          return say(`${parent.login} concluded the contract of referral ${live.number} (${live.kindergartenRu})`);
        }
        return refused(parent, 'contract', res);
      }
      return refuse(parent, live);
    }
    if (live) {
      // A concluded contract: now and then the parent changes their mind.
      if (random.chance(0.25)) return refuse(parent, live);
      return idle(parent, `keeps the contract of referral ${live.number}`);
    }
    const offers = await call('GET', '/api/parent/offers', parent.token);
    const claimable = ((offers.body.offers as Offer[] | undefined) ?? []).filter((o) => o.canClaim);
    if (!claimable.length) return idle(parent, 'has no seat to claim now');
    const inTurn = claimable.filter((o) => o.inYourTurn);
    const offer = random.pick(inTurn.length ? inTurn : claimable);
    const res = await call('POST', '/api/parent/claims', parent.token, { publicationId: offer.publicationId });
    if (res.status !== 200) return refused(parent, 'claim', res);
    report.claims++;
    parent.waiting = null;
    say(
      `${parent.login} claimed a seat at ${offer.kindergarten.nameRu} (${offer.phase === 'queue_window' ? 'their turn' : 'open to all'}): ` +
        `referral ${String(res.body.number)}, contract by ${cityTime(String(res.body.contractDeadline))}`,
    );
  };

  const refuse = async (parent: Parent, referral: Referral) => {
    const res = await call('POST', `/api/parent/referrals/${referral.id}/refuse`, parent.token);
    if (res.status !== 200) return refused(parent, 'refusal', res);
    report.refusals++;
    say(`${parent.login} refused referral ${referral.number} (${referral.kindergartenRu}); the seat returns`);
  };

  const refused = (parent: Parent, what: string, res: Answer) => {
    report.refusedByServer++;
    const rejection = res.body.rejection as { code?: string } | undefined;
    say(`${parent.login}: the server refused the ${what} — ${rejection?.code ?? String(res.body.error ?? res.status)}`);
  };

  const drop = (parent: Parent, why: string) => {
    pool.splice(pool.indexOf(parent), 1);
    say(`${parent.login} ${why}; leaves`);
  };

  /** Nothing to do for this parent now: it makes room for the next login, or (sign-ins paused) waits for returned seats. */
  const idle = (parent: Parent, why: string) => {
    if (next <= options.to && Date.now() >= signInsPausedUntil) return drop(parent, why);
    if (parent.waiting !== why) say(`${parent.login} ${why}; waits`);
    parent.waiting = why;
  };

  say(
    `Simulating parents on ${url}: ${options.rate}/s for ${options.duration} s (at most ${options.maxActions} actions)`,
  );
  while (Date.now() < deadline && report.actions < options.maxActions && !signal?.aborted) {
    const started = Date.now();
    const canSignIn = next <= options.to && Date.now() >= signInsPausedUntil;
    try {
      if (canSignIn && pool.length < options.parents) {
        await signIn();
        report.actions++;
      } else if (pool.length) {
        waitingSaid = false;
        await play(random.pick(pool));
        report.actions++;
      } else if (!waitingSaid) {
        waitingSaid = true;
        say(next > options.to ? 'every parent login has been used' : 'waiting until sign-ins are allowed again');
        if (next > options.to) break;
      }
    } catch (error) {
      say(`request failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const wait = Math.min(interval - (Date.now() - started), deadline - Date.now());
    if (wait > 0) await sleep(wait, undefined, { signal }).catch(() => undefined);
  }
  say(
    `Done: ${report.actions} actions — ${report.signIns} sign-ins, ${report.claims} claims, ${report.contracts} contracts, ` +
      `${report.refusals} refusals, ${report.refusedByServer} refused by the server.`,
  );
  return report;
}

/** The command line: parses, runs until done or Ctrl+C, and resolves to the exit code. */
export async function simulatorMain(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(simulatorUsage);
    return 0;
  }
  let options: SimulatorOptions;
  try {
    options = parseSimulatorArgs(argv);
  } catch (error) {
    if (!(error instanceof SimulatorUsageError)) throw error;
    console.error(`${error.message}\n\n${simulatorUsage}`);
    return 2;
  }
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  try {
    await runSimulator(options, (line) => console.log(line), controller.signal);
    return 0;
  } catch (error) {
    console.error(`The simulator stopped: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    process.off('SIGINT', stop);
  }
}
