import type { PGlite } from '@electric-sql/pglite';
import type { Pool } from 'pg';
import type { Prisma } from '@/lib/generated/prisma/client';

/**
 * A query's rows as arrays, in the order of its columns, read through the driver itself (pg's `rowMode: 'array'`,
 * PGlite's likewise) rather than through Prisma's row decoding, which builds an object of every column and normalises
 * each value: at a million rows of some forty columns, the largest part of the export's time in Node (decision 018).
 * For reads of many rows only; everything else goes through Prisma.
 *
 * Values come as each driver parses them, which the two agree on for what a reader here may select: text and enums
 * as strings, booleans, float8 and int4 as numbers, NULL as null. Timestamps and the like may differ (pg gives a
 * Date, in the process's time zone for a timestamp without one): select them as text or numbers.
 */
export interface ArrayRows {
  /** The columns' names, as the query spells them. */
  columns: string[];
  rows: unknown[][];
}

export type ArrayRowReader = (query: Prisma.Sql) => Promise<ArrayRows>;

/** PostgreSQL, or the embedded database through its socket (decision 016): one of the pool's connections. */
export function poolArrayRows(pool: Pool): ArrayRowReader {
  return async (query) => {
    const result = await pool.query<unknown[]>({ text: query.text, values: query.values, rowMode: 'array' });
    return { columns: result.fields.map((field) => field.name), rows: result.rows };
  };
}

/** The embedded database in this process: PGlite's one session, waiting for a socket client's transaction as Prisma's adapter does. */
export function pgliteArrayRows(pglite: PGlite): ArrayRowReader {
  return async (query) => {
    const result = await pglite.query<unknown[]>(query.text, query.values, { rowMode: 'array' });
    return { columns: result.fields.map((field) => field.name), rows: result.rows };
  };
}
