/**
 * The security headers of every answer (lib/request-preparation.ts): a Content-Security-Policy whose scripts must carry
 * this request's nonce (Next puts it on its own), HSTS when the site is served over https, and the fixed ones below.
 * Pure, so it can be tested alone.
 */

/** The headers of every answer, static files included. */
export const BASELINE_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

export interface SecurityHeaderSettings {
  /** A fresh random value per request. */
  nonce: string;
  /** The site's public address (APP_URL): HSTS only over https. */
  appUrl: string;
  /** Where else a form may lead (the single sign-on start posts to us, then goes to the identity provider). */
  formTargets?: string[];
  /** next dev's React refresh needs eval; a production build never gets it. */
  isDevelopment?: boolean;
}

export function contentSecurityPolicy({ nonce, formTargets = [], isDevelopment = false }: SecurityHeaderSettings): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDevelopment ? " 'unsafe-eval'" : ''}`,
    // React sets a few style attributes (and next dev injects styles); scripts are what CSP must hold.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    ["form-action 'self'", ...formTargets].join(' '),
  ].join('; ');
}

export function securityHeaders(settings: SecurityHeaderSettings): Record<string, string> {
  const headers: Record<string, string> = { ...BASELINE_HEADERS, 'Content-Security-Policy': contentSecurityPolicy(settings) };
  if (new URL(settings.appUrl).protocol === 'https:') headers['Strict-Transport-Security'] = 'max-age=63072000; includeSubDomains';
  return headers;
}
