// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Loaded from node_modules at run time rather than bundled: PGlite finds its WASM and data
  // files beside its own module, and nodemailer and pg use Node built-ins throughout.
  serverExternalPackages: ['@electric-sql/pglite', '@electric-sql/pglite-socket', 'pglite-prisma-adapter', 'pg', 'nodemailer', 'csv-parse'],
  experimental: {
    // forbidden() answers 403 with app/forbidden.tsx when a staff member's role is too small (lib/auth/session.ts).
    authInterrupts: true,
    serverActions: {
      // scripts/server.mjs refuses bodies over 1 MB with a clear 413 page before they reach here (lib/request-preparation.ts).
      bodySizeLimit: '2mb',
    },
  },
  poweredByHeader: false,
  // The security headers of every answer are set by scripts/server.mjs (lib/request-preparation.ts), not here.
};

module.exports = nextConfig;
