import { APP_ORIGIN, contentSecurityPolicy, isAllowedExternalUrl } from './security.js';

describe('the desktop shell’s security policy', () => {
  it('lets the page connect only to itself and the configured server', () => {
    const csp = contentSecurityPolicy('https://kindergarten.example.kz/some/path');
    expect(csp).toContain("connect-src 'self' https://kindergarten.example.kz;");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("object-src 'none'");
  });

  it('opens externally only allow-listed https addresses', () => {
    expect(isAllowedExternalUrl('https://egov.kz/cms/ru')).toBe(true);
    expect(isAllowedExternalUrl('https://www.gov.kz/memleket')).toBe(true);
    expect(isAllowedExternalUrl('http://egov.kz/')).toBe(false);
    expect(isAllowedExternalUrl('https://egov.kz.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
  });

  it('serves the app from its own app:// origin', () => {
    expect(APP_ORIGIN).toBe('app://desk');
  });
});
