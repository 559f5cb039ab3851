/**
 * The token of an `Authorization` header spelt exactly `Bearer <token>` (RFC 6750's b64token: one
 * space, no tab, nothing before or after), or null for any other spelling — which answers 401. A
 * lenient parse would let `Bearer  <token>` (two spaces) or a tab pass as another caller.
 */
export function bearerToken(header: string | undefined): string | null {
  const match = header === undefined ? null : /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header);
  return match ? match[1]! : null;
}
