/**
 * The security headers of every answer (proxy.ts): a Content-Security-Policy whose scripts must carry this request's
 * nonce (Next puts it on its own), and HSTS when the site is served over https. Pure, so it can be tested alone.
 */

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
  const headers: Record<string, string> = { 'Content-Security-Policy': contentSecurityPolicy(settings) };
  if (new URL(settings.appUrl).protocol === 'https:') headers['Strict-Transport-Security'] = 'max-age=63072000; includeSubDomains';
  return headers;
}
