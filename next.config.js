// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Loaded from node_modules at run time rather than bundled: PGlite finds its WASM and data
  // files beside its own module, and nodemailer and pg use Node built-ins throughout.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', 'pg', 'nodemailer', 'csv-parse'],
  experimental: {
    // forbidden() answers 403 with app/forbidden.tsx when a staff member's role is too small (lib/auth/session.ts).
    authInterrupts: true,
    serverActions: {
      // proxy.ts refuses bodies over 1 MB with a clear 413 page before they reach here.
      bodySizeLimit: '2mb',
    },
  },
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
