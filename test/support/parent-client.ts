import { recordSecret } from './test-logging.js';
/** The parent portal's HTTP calls, as the parent page and the simulator make them. */
export async function parentSignIn(url: string, login: string, password: string) {
  const res = await fetch(`${url}/api/parent/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  recordSecret('login', login);
  recordSecret('password', password);
  if (!res.ok) throw new Error(`parent login ${login}: ${res.status}`);
  const { token } = (await res.json()) as { token: string };
  recordSecret('token', token);
  const call = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return {
      status: r.status,
      body: (await r.json()) as Record<string, unknown> & {
        rejection?: { code: string; params: Record<string, unknown> };
      },
    };
  };
  return {
    token,
    claim: (publicationId: string) => call('POST', '/api/parent/claims', { publicationId }),
    conclude: (referralId: string) => call('POST', `/api/parent/referrals/${referralId}/contract`),
    refuse: (referralId: string) => call('POST', `/api/parent/referrals/${referralId}/refuse`),
    offers: () => call('GET', '/api/parent/offers'),
    referrals: () => call('GET', '/api/parent/referrals'),
  };
}
