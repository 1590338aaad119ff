// `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded database) and exits.
import { closeDatabase, database } from '@/lib/db/client';

database()
  .then(async ({ engine }) => {
    console.info(`[db] ${engine === 'pglite' ? 'embedded database' : 'PostgreSQL'} is up to date`);
    await closeDatabase();
  })
  .catch((error) => {
    console.error(`[db] ${(error as Error).message}`);
    process.exit(1);
  });
