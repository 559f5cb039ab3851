import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { summarize, type ScenarioResult } from '../harness.js';
import { assertRendererBuilt, freshPage, launchChromium, signInAsHead, startEchoServer } from '../support/browser.js';
import type { Page } from '../support/browser.js';
import type { BenchEnvironment } from '../support/environment.js';
import { connectionPool, send } from '../support/http.js';
import { percentile, prepareClaimCity } from '../support/prepare.js';

const CLAIMS = 200;
const WARM_UP = 10;
const RUNS = 3;
const SEATS_PER_PUBLICATION = 60;

/** Node's clock on the page's scale: both are the machine's wall clock in ms (with sub-ms precision). */
const now = () => performance.timeOrigin + performance.now();

/**
 * In the page: a MutationObserver noting when a row `tr[data-referral=<id>]` first appears in the DOM
 * (added, or an existing node given that id), as performance.timeOrigin + performance.now().
 */
function observeRows(page: Page) {
  // A string, not a function: tsx's transform would wrap named functions in a helper the page lacks.
  return page.evaluate(`(() => {
    const seen = new Map();
    window.benchSeen = seen;
    const note = (el, at) => {
      const id = el.getAttribute('data-referral');
      if (id && !seen.has(id)) seen.set(id, at);
    };
    new MutationObserver((records) => {
      const at = performance.timeOrigin + performance.now();
      for (const record of records) {
        if (record.type === 'attributes') note(record.target, at);
        for (const node of record.addedNodes) {
          if (!(node instanceof Element)) continue;
          if (node.matches('tr[data-referral]')) note(node, at);
          node.querySelectorAll('tr[data-referral]').forEach((row) => note(row, at));
        }
      }
    }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-referral'] });
  })()`);
}

/** When the page's observer saw the row of `id` (waits for it). */
async function seenAt(page: Page, id: string): Promise<number> {
  const handle = await page.waitForFunction(
    (rowId) => (window as unknown as { benchSeen: Map<string, number> }).benchSeen.get(rowId),
    id,
    { polling: 5, timeout: 30_000 },
  );
  return (await handle.jsonValue()) as number;
}

/**
 * A second replication stream, read as the head in a worker thread of its own (the bench's main
 * thread, busy driving the browser, would stamp messages late): when each referral's "changes"
 * message left the server (arrived here) — to split the latency into server → stream and
 * stream → DOM.
 */
const streamWorker = `
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
(async () => {
  const login = await fetch(workerData.serverUrl + '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'head', password: 'balapan-head', deviceId: 'bench-stream' }),
  });
  const { token } = await login.json();
  const abort = new AbortController();
  parentPort.on('message', () => abort.abort());
  try {
    const response = await fetch(workerData.serverUrl + '/api/replication/v1/stream', {
      headers: { authorization: 'Bearer ' + token },
      signal: abort.signal,
    });
    parentPort.postMessage({ open: true });
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body) {
      const at = performance.timeOrigin + performance.now();
      buffer += decoder.decode(chunk, { stream: true });
      let end;
      while ((end = buffer.indexOf('\\n\\n')) >= 0) {
        const message = JSON.parse(buffer.slice(0, end).replace(/^data: /, ''));
        buffer = buffer.slice(end + 2);
        if (message.type === 'changes' && message.collection === 'referrals')
          parentPort.postMessage({ ids: message.documents.map((d) => d.id), at });
      }
    }
  } catch {
    // aborted at the end
  }
  parentPort.close();
})();
`;

export async function watchStream(
  serverUrl: string,
): Promise<{ arrivals: Map<string, number>; close(): Promise<void> }> {
  const arrivals = new Map<string, number>();
  const worker = new Worker(streamWorker, { eval: true, workerData: { serverUrl } });
  await new Promise<void>((resolve, reject) => {
    worker.on('message', (m: { open?: true; ids?: string[]; at?: number }) => {
      if (m.open) resolve();
      for (const id of m.ids ?? []) if (!arrivals.has(id)) arrivals.set(id, m.at!);
    });
    worker.once('error', reject);
  });
  return {
    arrivals,
    async close() {
      worker.postMessage('stop');
      await worker.terminate();
    },
  };
}

/** One claim's instants (ms, the machine's wall clock): its commit (as Node saw it) and its row in the DOM. */
interface Timed {
  id: string;
  committedAt: number;
  seenAt: number;
}

/** Latencies (ms) of `count` events, one at a time: from `commit()` resolving in Node to the row in the DOM. */
async function propagate(
  page: Page,
  count: number,
  commit: (i: number) => Promise<string>,
  timed?: Timed[],
): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const id = await commit(i);
    const committedAt = now();
    const seen = await seenAt(page, id);
    out.push(seen - committedAt);
    timed?.push({ id, committedAt, seenAt: seen });
  }
  return out;
}

/**
 * Live propagation: a parent's claim committed on the server (its HTTP response arriving in Node,
 * an upper bound of the commit) until its row is in the staff board's DOM in Chromium — against a
 * bare SSE echo whose event adds a row to a page in the same browser.
 */
export async function livePropagation(env: BenchEnvironment): Promise<ScenarioResult> {
  assertRendererBuilt();
  const total = WARM_UP + RUNS * (WARM_UP + CLAIMS);
  const { url, db, drop } = await env.database('bench_live');
  const city = await prepareClaimCity(db, {
    claimants: total,
    publications: Math.ceil(total / SEATS_PER_PUBLICATION),
    seats: SEATS_PER_PUBLICATION,
  });
  const [server] = await env.servers(url, 1);
  const browser = await launchChromium();
  const echo = await startEchoServer();
  const agent = connectionPool(1);
  let closeStream = () => Promise.resolve();
  try {
    const { page } = await freshPage(browser);
    await signInAsHead(page, server!.url);
    await page.getByRole('tab', { name: /Направления|Жолдамалар|Referrals/ }).click();
    await page.getByTestId('claims-table').waitFor();
    await page
      .getByTestId('connection')
      .filter({ hasText: /В сети · поток|live/i })
      .waitFor({ timeout: 30_000 })
      .catch(() => undefined);
    await observeRows(page);
    const stream = await watchStream(server!.url);
    closeStream = stream.close;
    const timed: Timed[] = [];
    let next = 0;
    const claim = async () => {
      const i = next++;
      const reply = await send(agent, `${server!.url}/api/parent/claims`, {
        token: city.tokens[i],
        body: { publicationId: city.publicationIds[Math.floor(i / SEATS_PER_PUBLICATION)] },
      });
      if (reply.status !== 200) throw new Error(`claim ${i}: ${reply.status} ${reply.body}`);
      return (JSON.parse(reply.body) as { referralId: string }).referralId;
    };

    const { page: echoPage } = await freshPage(browser);
    await echoPage.goto(echo.url);
    await echoPage.waitForFunction(() => (window as unknown as { echoReady?: boolean }).echoReady === true);
    await observeRows(echoPage);
    let fired = 0;
    const fire = async () => {
      const id = `echo-${fired++}`;
      await send(agent, `${echo.url}/fire?id=${id}`, { method: 'POST' });
      return id;
    };

    await propagate(page, WARM_UP, claim);
    await propagate(echoPage, WARM_UP, fire);
    const ours: number[][] = [];
    const theirs: number[][] = [];
    for (let run = 0; run < RUNS; run++) {
      ours.push(await propagate(page, CLAIMS, claim, timed));
      theirs.push(await propagate(echoPage, CLAIMS, fire));
    }
    const p = (runs: number[][], q: number) => runs.map((r) => percentile(r, q));
    // The worker's last messages may still be on their way to this thread.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const streamedAt = timed.filter((c) => stream.arrivals.has(c.id));
    const toStream = streamedAt.map((c) => stream.arrivals.get(c.id)! - c.committedAt);
    const streamToDom = streamedAt.map((c) => c.seenAt - stream.arrivals.get(c.id)!);
    const subject = summarize(p(ours, 95));
    const baseline = summarize(p(theirs, 95));
    const ratio = subject.median / baseline.median;
    const fmt = (m: { median: number; min: number; max: number }) =>
      `${m.median.toFixed(1)} ms (min ${m.min.toFixed(1)}, max ${m.max.toFixed(1)})`;
    return {
      scenario: 'live-propagation',
      unit: 'ms',
      subject: { label: `p95 claim commit → row on the staff board (${CLAIMS} claims, one at a time)`, ...subject },
      baseline: { label: `p95 bare SSE echo → row in a page of the same browser`, ...baseline },
      ratio,
      target: { maxRatio: 10, met: ratio <= 10 },
      notes:
        `commit → the referral's "changes" message on a second stream read in a Node worker thread: p50 ${percentile(toStream, 50).toFixed(1)} ms, ` +
        `p95 ${percentile(toStream, 95).toFixed(1)} ms; that message → the row in the page's DOM: p50 ${percentile(streamToDom, 50).toFixed(1)} ms, ` +
        `p95 ${percentile(streamToDom, 95).toFixed(1)} ms (${streamedAt.length} of ${timed.length} claims; the two streams are written ` +
        `within ~0.1 ms of each other). ` +
        `p50: board ${fmt(summarize(p(ours, 50)))}, echo ${fmt(summarize(p(theirs, 50)))}; max: board ${fmt(summarize(p(ours, 100)))}. ` +
        `Commit time = the claim's HTTP response arriving in Node (an upper bound of the commit); visibility = a MutationObserver in the page ` +
        `(performance.timeOrigin + performance.now(), the same clock) seeing tr[data-referral=<id>]. The board sorts newest first, so each new ` +
        `claim renders at the top of the virtualized window. The echo runs in its own page served by the bare SSE server itself ` +
        `(the app's CSP, connect-src 'self', forbids another origin), read with fetch like the app's stream; /fire answers, then writes.`,
    };
  } finally {
    await closeStream();
    agent.destroy();
    echo.stop();
    await browser.close();
    await server!.stop();
    await drop();
  }
}
