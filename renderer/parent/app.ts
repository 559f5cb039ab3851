// The parent page: the role the city's parent portal and mobile app play, for demos and tests.
// It calls the parent API of this server with fetch and keeps nothing but the session token
// (sessionStorage: one tab, one parent) and the chosen language. Times are the city's
// (Asia/Almaty) and countdowns run on the server's clock (the offset learned from its answers).
// Built by tools/build/parent-page-plugin.ts (with the staff app, `npm run build`) into out/parent/,
// which server/http/routes/parent-page.ts serves at /parent/.
import type { PublicationPhase } from '../../shared/rules/publication-phase.js';
import { formatCityClock, formatCityDate, formatCityInstant, type Instant } from '../../shared/text/city-format.js';
import { languages, reasonText, t, tn, type Lang, type Rejection } from './i18n.js';

// --- What the parent API answers (the fields this page reads) ---------------------------------
interface KindergartenRef {
  id: string;
  nameRu: string;
  nameKk: string;
}

/** GET /api/parent/me: the signed-in applicant's card. */
interface Me {
  child: { fullName: string; birthDate: string; iinMasked: string };
  language: Lang;
  priority: 'out_of_turn' | 'first' | 'general';
  appliedAt: string;
  representativeFullName: string;
  choices: KindergartenRef[];
}

/** GET /api/parent/offers: a publication this applicant may see now, and whether they may claim it. */
interface Offer {
  publicationId: string;
  kindergarten: KindergartenRef;
  birthYear: number;
  language: Lang;
  availableFrom: string;
  openSeats: number;
  phase: PublicationPhase;
  windowClosesAt: string | null;
  windowWorkingDaysLeft: number | null;
  inYourTurn: boolean;
  canClaim: boolean;
  reason: Rejection | null;
}

/** GET /api/parent/referrals: one of the applicant's referrals. */
interface Referral {
  id: string;
  number: string;
  status: string;
  kindergartenRu: string;
  kindergartenKk: string;
  claimedAt: string;
  availableFrom: string;
  contractDeadline: string;
  contractWorkingDaysLeft: number | null;
}

/** GET /api/parent/schedule: the city's approved summer intake schedule. */
interface Schedule {
  entries: {
    kindergarten: KindergartenRef;
    ageGroup: string | null;
    birthYear: number;
    language: Lang;
    seats: number;
    publishedSeats: number;
    availableFrom: string;
  }[];
}

/** Any answer of the API: its JSON, read field by field where the page needs it. */
type AnswerBody = Record<string, unknown> & { serverTime?: unknown; error?: string; rejection?: Rejection };
interface ApiAnswer {
  status: number;
  ok: boolean;
  data: AnswerBody;
}

const isLang = (value: unknown): value is Lang => typeof value === 'string' && Object.hasOwn(languages, value);

const state: {
  lang: Lang;
  token: string | null;
  offsetMs: number;
  me: Me | null;
  offers: Offer[];
  referrals: Referral[];
  schedule: Schedule | null;
  scheduleFilter: string;
  confirming: string | null;
  loadedAt: number | null;
  /** What the notice line says, kept as a function so it follows a change of language. */
  notice: { text: () => string; kind: 'ok' | 'error' } | null;
} = {
  lang: localStorage.getItem('parent-page.lang') === 'kk' ? 'kk' : 'ru',
  token: sessionStorage.getItem('parent-page.token'),
  offsetMs: 0,
  me: null,
  offers: [],
  referrals: [],
  schedule: null,
  scheduleFilter: 'mine',
  confirming: null,
  loadedAt: null,
  notice: null,
};

/** The page's element with this id (index.html has every one the page asks for). */
function $(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from the parent page`);
  return el;
}
const tr = (key: string, params?: Record<string, unknown>) => t(state.lang, key, params);
const serverNow = () => Date.now() + state.offsetMs;

type Attr = string | number | boolean | null | undefined | ((event: Event) => unknown);
type Leaf = Node | string | number | null | undefined | false;
/** A child, or a list of them (one level, as `items.map(...)` gives). */
type Child = Leaf | Leaf[];

/** An element with attributes (`on…` are listeners, `text` its text) and children. */
function h(tag: string, attrs: Record<string, Attr> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'text') el.textContent = String(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false)
      el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

// --- Time, always the city's --------------------------------------------------------------
// Dates DD.MM.YYYY and times HH:mm in the city's time, in both languages, from the same module the
// desk uses (shared/text/city-format.js, bundled into this page), never from Intl's locale data.
const formatInstant = (iso: Instant) => formatCityInstant(iso);
const formatDate = (date: string) => formatCityDate(date);
const formatClock = (ms: number) => formatCityClock(ms);

/** "05:12:33" until an instant on the server's clock (the last day of a window or deadline). */
function countdown(iso: string): string {
  const left = Math.max(0, Date.parse(iso) - serverNow());
  const s = Math.floor(left / 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
}

/**
 * How long is left, as the desk counts it: working days after today (the server's shared calendar),
 * and on the last day the hours ticking down to the closing time.
 */
function daysLeft(iso: string, workingDays: number | null): HTMLElement {
  if (typeof workingDays === 'number' && workingDays > 0)
    return h('span', { text: tn(state.lang, 'workingDaysLeft', workingDays) });
  const [before = '', after = ''] = tr('lastWorkingDay', { time: '\u0000' }).split('\u0000');
  return h('span', {}, before, countdownSpan(iso), after);
}

const countdownSpan = (iso: string) => h('span', { class: 'countdown', 'data-until': iso, text: countdown(iso) });

// --- The server ---------------------------------------------------------------------------
class PageError extends Error {}

async function api(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiAnswer> {
  const started = Date.now();
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        ...(state.token ? { authorization: `Bearer ${state.token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new PageError('network');
  }
  const data = (await response.json().catch(() => ({}))) as AnswerBody;
  if (typeof data.serverTime === 'string') state.offsetMs = Date.parse(data.serverTime) - (started + Date.now()) / 2;
  if (response.status === 401 && state.token) {
    signOut();
    throw new PageError('session');
  }
  if (response.status === 429) throw new PageError(data.error === 'server_busy' ? 'server_busy' : 'rate_limited');
  return { status: response.status, ok: response.ok, data };
}

/** Shows `text()` (re-run on a change of language) in the notice line; null clears it. */
function notify(text: (() => string) | null, kind: 'ok' | 'error' = 'ok') {
  state.notice = text ? { text, kind } : null;
  renderNotice();
}

function renderNotice() {
  const notice = $('notice');
  notice.textContent = state.notice ? state.notice.text() : '';
  notice.className = state.notice?.kind === 'error' ? 'error' : '';
}

function failed(error: unknown) {
  notify(() => tr(`error.${error instanceof PageError ? error.message : 'network'}`), 'error');
}

// --- Signing in and out -------------------------------------------------------------------
async function signIn(event: SubmitEvent) {
  event.preventDefault();
  const form = event.currentTarget as HTMLFormElement;
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
  const error = $('sign-in-error');
  error.textContent = '';
  const button = form.querySelector('button') as HTMLButtonElement;
  button.disabled = true;
  try {
    const res = await api('POST', '/api/parent/login', {
      login: field('login').value.trim(),
      password: field('password').value,
    });
    if (!res.ok) {
      const code = typeof res.data.error === 'string' ? res.data.error : 'unknown';
      error.textContent = tr(`error.${code}`, { code });
      return;
    }
    const token = String(res.data.token);
    state.token = token;
    sessionStorage.setItem('parent-page.token', token);
    form.reset();
    notify(null);
    await loadAll();
  } catch (e) {
    error.textContent = tr(`error.${e instanceof PageError ? e.message : 'network'}`);
  } finally {
    button.disabled = false;
  }
}

/** The parent's own sign-out: the server ends the session (its token stops working), then the page forgets it. */
async function signOutOnServer() {
  if (state.token) await api('POST', '/api/parent/logout').catch(() => undefined);
  signOut('user');
}

function signOut(reason?: 'user') {
  state.token = null;
  state.me = null;
  state.offers = [];
  state.referrals = [];
  sessionStorage.removeItem('parent-page.token');
  notify(reason === 'user' ? null : () => tr('error.session'), reason === 'user' ? 'ok' : 'error');
  render();
}

// --- Loading ------------------------------------------------------------------------------
async function loadSchedule() {
  const res = await api('GET', '/api/parent/schedule');
  if (res.ok) state.schedule = res.data as unknown as Schedule;
}

async function loadMine() {
  if (!state.token) return;
  const [me, offers, referrals] = await Promise.all([
    api('GET', '/api/parent/me'),
    api('GET', '/api/parent/offers'),
    api('GET', '/api/parent/referrals'),
  ]);
  if (me.ok) state.me = me.data as unknown as Me;
  if (offers.ok) state.offers = offers.data.offers as Offer[];
  if (referrals.ok) state.referrals = referrals.data.referrals as Referral[];
  state.loadedAt = serverNow();
}

async function loadAll() {
  try {
    await Promise.all([loadMine(), state.schedule ? null : loadSchedule()]);
  } catch (e) {
    failed(e);
  }
  render();
}

// --- Actions ------------------------------------------------------------------------------
async function act(button: HTMLButtonElement, call: () => Promise<ApiAnswer>, done: (data: AnswerBody) => string) {
  button.disabled = true;
  try {
    const res = await call();
    const rejection = res.data.rejection ?? { code: res.data.error ?? 'unknown', params: {} };
    if (res.ok) notify(() => done(res.data));
    else notify(() => reasonOf(rejection), 'error');
    await loadMine();
  } catch (e) {
    failed(e);
  }
  state.confirming = null;
  render();
}

const claim = (offer: Offer) => (event: Event) =>
  act(
    event.currentTarget as HTMLButtonElement,
    () => api('POST', '/api/parent/claims', { publicationId: offer.publicationId }),
    (r) => tr('claimed', { number: r.number, time: formatInstant(String(r.contractDeadline)) }),
  );

const conclude = (referral: Referral) => (event: Event) =>
  act(
    event.currentTarget as HTMLButtonElement,
    () => api('POST', `/api/parent/referrals/${referral.id}/contract`),
    () => tr('concluded'),
  );

const refuse = (referral: Referral) => (event: Event) => {
  if (state.confirming !== referral.id) {
    state.confirming = referral.id;
    render();
    return;
  }
  return act(
    event.currentTarget as HTMLButtonElement,
    () => api('POST', `/api/parent/referrals/${referral.id}/refuse`),
    () => tr('refused'),
  );
};

/** A refusal in words; its date and instant params formatted, its language named. */
function reasonOf(rejection: Rejection, extra: Record<string, unknown> = {}): string {
  const format = (key: string, value: unknown) => {
    if (typeof value !== 'string') return value;
    if (key === 'required' && (value === 'ru' || value === 'kk')) return tr(`lang.${value}`);
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
    if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return formatInstant(value);
    return value;
  };
  return reasonText(state.lang, { code: rejection.code, params: { ...rejection.params, ...extra } }, format);
}

// --- Rendering ----------------------------------------------------------------------------
const name = (k: KindergartenRef) => (state.lang === 'kk' ? k.nameKk : k.nameRu);

function renderChrome() {
  document.documentElement.lang = state.lang;
  document.title = tr('title');
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = tr(el.dataset.i18n ?? '');
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n-label]'))
    el.setAttribute('aria-label', tr(el.dataset.i18nLabel ?? ''));
  for (const button of document.querySelectorAll<HTMLElement>('[data-lang]'))
    button.setAttribute('aria-pressed', String(button.dataset.lang === state.lang));
  for (const button of document.querySelectorAll<HTMLElement>('[data-filter]'))
    button.setAttribute('aria-pressed', String(button.dataset.filter === state.scheduleFilter));
  const signedIn = Boolean(state.token);
  $('sign-in').hidden = signedIn;
  $('portal').hidden = !signedIn;
  $('sign-out').hidden = !signedIn;
  $('schedule-filter').hidden = !state.me;
  $('updated').textContent = state.loadedAt ? tr('updatedAt', { time: formatClock(state.loadedAt) }) : '';
}

function renderMe(): HTMLElement[] {
  const me = state.me;
  if (!me) return [];
  const row = (label: string, value: string) => [h('dt', { text: tr(label) }), h('dd', { text: value })];
  return [
    h('h2', { id: 'me-title', text: `${tr('child')}: ${me.child.fullName}` }),
    h(
      'dl',
      {},
      row('birthDate', formatDate(me.child.birthDate)),
      row('iin', me.child.iinMasked),
      row('instructionLanguage', tr(`lang.${me.language}`)),
      row('queue', tr(`priority.${me.priority}`)),
      row('appliedAt', formatInstant(me.appliedAt)),
      row('representative', me.representativeFullName),
      row('choices', me.choices.map(name).join('; ')),
    ),
  ];
}

function effectiveStatus(r: Referral): string {
  return r.status === 'active' && Date.parse(r.contractDeadline) < serverNow() ? 'expired' : r.status;
}

function renderReferrals(): HTMLElement | HTMLElement[] {
  if (!state.referrals.length) return h('p', { text: tr('noReferrals') });
  return state.referrals.map((r) => {
    const status = effectiveStatus(r);
    const live = status === 'active' || status === 'contracted';
    return h(
      'article',
      { class: 'card', 'aria-label': tr('referralNumber', { number: r.number }) },
      h('h3', {
        text: `${tr('referralNumber', { number: r.number })} — ${state.lang === 'kk' ? r.kindergartenKk : r.kindergartenRu}`,
      }),
      h('p', { class: `status status-${status}`, text: tr(`status.${status}`) }),
      h('p', {
        text: `${tr('claimedAt', { time: formatInstant(r.claimedAt) })} · ${tr('placeFrom', { date: formatDate(r.availableFrom) })}`,
      }),
      status === 'active'
        ? h(
            'p',
            { class: 'deadline' },
            tr('contractDeadline', { time: formatInstant(r.contractDeadline) }),
            ' (',
            daysLeft(r.contractDeadline, r.contractWorkingDaysLeft),
            ')',
          )
        : null,
      live
        ? h(
            'div',
            { class: 'actions' },
            status === 'active' ? h('button', { type: 'button', onclick: conclude(r), text: tr('conclude') }) : null,
            h('button', {
              type: 'button',
              onclick: refuse(r),
              text: state.confirming === r.id ? tr('confirmRefuse') : tr('refuse'),
            }),
          )
        : null,
    );
  });
}

function renderOffers(): HTMLElement | HTMLElement[] {
  if (!state.offers.length) return h('p', { text: tr('noOffers') });
  const sorted = [...state.offers].sort(
    (a, b) => Number(b.canClaim) - Number(a.canClaim) || Number(b.inYourTurn) - Number(a.inYourTurn),
  );
  const today = new Date(serverNow() + 5 * 3600_000).toISOString().slice(0, 10);
  return sorted.map((o) => {
    const phase =
      o.phase === 'queue_window' && o.windowClosesAt
        ? h(
            'p',
            { class: 'phase phase-queue_window' },
            tr('phase.queue_window', { time: formatInstant(o.windowClosesAt) }),
            ' (',
            daysLeft(o.windowClosesAt, o.windowWorkingDaysLeft),
            ')',
          )
        : h('p', { class: `phase phase-${o.phase}`, text: tr(`phase.${o.phase}`) });
    const why =
      o.canClaim || !o.reason
        ? h('p', { text: o.phase === 'queue_window' ? tr('inTurn') : tr('openToAllNote') })
        : h('p', {
            class: 'reason',
            text: reasonOf(o.reason, o.windowClosesAt ? { time: formatInstant(o.windowClosesAt) } : {}),
          });
    return h(
      'article',
      { class: `card${o.canClaim ? ' can-claim' : ''}`, 'aria-label': name(o.kindergarten) },
      h('h3', { text: name(o.kindergarten) }),
      h('p', {
        text: `${tr('birthYear', { year: o.birthYear })} · ${tr('instructionLanguage')}: ${tr(`lang.${o.language}`)} · ${tr('seatsLeft', { count: o.openSeats })}`,
      }),
      o.availableFrom > today ? h('p', { text: tr('earlyBooking', { date: formatDate(o.availableFrom) }) }) : null,
      phase,
      why,
      o.canClaim
        ? h('div', { class: 'actions' }, h('button', { type: 'button', onclick: claim(o), text: tr('claim') }))
        : null,
    );
  });
}

function renderSchedule(): HTMLElement | HTMLElement[] {
  const schedule = state.schedule;
  if (!schedule) return [];
  const me = state.me;
  const entries =
    me && state.scheduleFilter === 'mine'
      ? schedule.entries.filter(
          (e) => e.birthYear === Number(me.child.birthDate.slice(0, 4)) && e.language === me.language,
        )
      : schedule.entries;
  if (!entries.length) return h('p', { text: tr('noSchedule') });
  const columns = ['kindergarten', 'ageGroup', 'birthYear', 'language', 'seats', 'published', 'availableFrom'];
  return h(
    'table',
    {},
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        columns.map((c) => h('th', { scope: 'col', text: tr(`col.${c}`) })),
      ),
    ),
    h(
      'tbody',
      {},
      entries.map((e) =>
        h(
          'tr',
          {},
          h('td', { text: name(e.kindergarten) }),
          h('td', { text: e.ageGroup ? tr(`age.${e.ageGroup}`) : '—' }),
          h('td', { class: 'number', text: e.birthYear }),
          h('td', { text: tr(`lang.${e.language}`) }),
          h('td', { class: 'number', text: e.seats }),
          h('td', { class: 'number', text: e.publishedSeats }),
          h('td', { text: formatDate(e.availableFrom) }),
        ),
      ),
    ),
  );
}

function render() {
  renderChrome();
  renderNotice();
  $('me').replaceChildren(...renderMe());
  $('referrals').replaceChildren(...[renderReferrals()].flat());
  $('offers').replaceChildren(...[renderOffers()].flat());
  $('schedule').replaceChildren(...[renderSchedule()].flat());
  tick();
}

function tick() {
  $('server-clock').textContent = formatClock(serverNow());
  for (const span of document.querySelectorAll<HTMLElement>('[data-until]'))
    span.textContent = countdown(span.dataset.until ?? '');
}

// --- Start --------------------------------------------------------------------------------
function start() {
  $('sign-in-form').addEventListener('submit', (event) => void signIn(event));
  $('sign-out').addEventListener('click', () => void signOutOnServer());
  $('refresh').addEventListener('click', () => void loadAll());
  for (const button of document.querySelectorAll<HTMLElement>('[data-lang]')) {
    button.addEventListener('click', () => {
      const lang = button.dataset.lang;
      if (!isLang(lang)) return;
      state.lang = lang;
      localStorage.setItem('parent-page.lang', state.lang);
      render();
    });
  }
  for (const button of document.querySelectorAll<HTMLElement>('[data-filter]')) {
    button.addEventListener('click', () => {
      state.scheduleFilter = button.dataset.filter ?? 'mine';
      render();
    });
  }
  render();
  void loadAll();
  setInterval(tick, 1000);
  setInterval(() => {
    if (state.token) void loadMine().then(render, failed);
  }, 15_000);
}

start();
