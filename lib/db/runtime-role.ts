import type { SqlRunner } from './migrate';

/**
 * With DATABASE_MIGRATION_URL, the tables belong to the migration (owner) role, and the application's runtime role
 * (DATABASE_URL's) gets only what it needs: it reads and writes every table but the audit log, where it may only
 * read and add. It cannot truncate, alter, drop, disable a trigger or back-date an event: those need the owner.
 * Granted after every migration run, so new tables are covered. See docs/decisions/008-audit-log-owner-role.md.
 */
export async function grantRuntimeRole(owner: SqlRunner, runtimeRole: string): Promise<void> {
  const [{ quoted }] = await owner.query<{ quoted: string }>('SELECT quote_ident($1) AS quoted', [runtimeRole]);
  await owner.exec(`
    GRANT USAGE ON SCHEMA public TO ${quoted};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${quoted};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${quoted};
    REVOKE ALL ON "audit_event" FROM ${quoted};
    GRANT SELECT, INSERT ON "audit_event" TO ${quoted};
    REVOKE ALL ON "_prisma_migrations" FROM ${quoted};
    GRANT SELECT ON "_prisma_migrations" TO ${quoted};
  `);
}
