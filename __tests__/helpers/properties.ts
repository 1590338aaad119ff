import type fc from 'fast-check';
import { isRedirectError } from 'next/dist/client/components/redirect-error';
import { getURLFromRedirectError } from 'next/dist/client/components/redirect';
import { useTestDatabase, type TestDatabaseHandle } from './database';

/**
 * What the property tests of the public Server Actions share (__tests__/integration/public-*-properties.test.ts): how
 * many posts, how to replay a failure, what an action did, and a cheap count of what was stored.
 */

/** Posts generated for each action. */
export const NUM_RUNS = 1000;

/**
 * fast-check's parameters: a random seed per run, printed with any failure; FC_SEED=<seed> replays it (add
 * `path` from the same message to go straight to the smallest failing post).
 */
export const PARAMETERS: fc.Parameters<unknown> = {
  numRuns: NUM_RUNS,
  ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}),
};

/** What an action did: returned a state, or redirected (Next's redirect() throws its own error). */
export type Outcome = { redirect: string; state?: undefined } | { redirect?: undefined; state: unknown };

/** Runs an action; anything thrown but a redirect is thrown on: the analogue of a 500. */
export async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { state: await run() };
  } catch (error) {
    if (isRedirectError(error)) return { redirect: getURLFromRedirectError(error) };
    throw error;
  }
}

/** A public form's state when it is shown again (lib/forms.ts FormState). */
export interface ShownAgain {
  status: string;
  values: Record<string, string>;
  fieldErrors: Record<string, string[] | undefined>;
  formError?: string;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The reference in a confirmation page's path. */
export const referenceOf = (location: string) => /\/([A-Z]{3}-[0-9A-Z]{8})(?:\?|$)/.exec(location)?.[1];

export interface RowCounts {
  submissions: number;
  outbox: number;
}

/**
 * This file's database (useTestDatabase, with the rate limits far out of the way: thousands of posts come from one
 * address here, and the limits are proven in rate-limit.test.ts), and a count of the rows that anything stored leaves:
 * submissions (their details cannot exist without one) and mail. They are counted as they are inserted, by triggers
 * added to the test database, so a count costs the same however large the tables grow (counting thousands of mail
 * bodies after every post made the runs several times slower).
 */
export function usePropertyDatabase(): TestDatabaseHandle & { rowCounter(): RowCounter } {
  const database = useTestDatabase({ env: { SUBMISSIONS_PER_HOUR: '1000000000', STATUS_LOOKUPS_PER_15_MINUTES: '1000000000' } });

  beforeAll(async () => {
    const { prisma } = database;
    await prisma.$executeRawUnsafe('CREATE TABLE test_inserted (submissions int NOT NULL, outbox int NOT NULL)');
    await prisma.$executeRawUnsafe('INSERT INTO test_inserted VALUES (0, 0)');
    await prisma.$executeRawUnsafe(`CREATE FUNCTION test_count_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'submission' THEN UPDATE test_inserted SET submissions = submissions + 1;
        ELSE UPDATE test_inserted SET outbox = outbox + 1;
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of ['submission', 'outbox_message']) {
      await prisma.$executeRawUnsafe(
        `CREATE TRIGGER test_count_insert AFTER INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION test_count_insert()`,
      );
    }
  });

  const count = async (): Promise<RowCounts> => {
    const [row] = await database.prisma.$queryRaw<RowCounts[]>`SELECT submissions, outbox FROM test_inserted`;
    return row;
  };

  return {
    get testDb() {
      return database.testDb;
    },
    get prisma() {
      return database.prisma;
    },
    beforeClose: database.beforeClose,
    rowCounter() {
      let current: RowCounts | undefined;
      return {
        async before() {
          current ??= await count();
          return current;
        },
        async after() {
          current = await count();
          return current;
        },
        forget() {
          current = undefined;
        },
      };
    },
  };
}

/**
 * Counts kept between runs, so that each run costs one query: read before the first post, then after every post.
 * After a run that threw, `forget` makes the next one read them afresh, so that fast-check's shrinking starts from
 * the truth.
 */
export interface RowCounter {
  before(): Promise<RowCounts>;
  after(): Promise<RowCounts>;
  forget(): void;
}

/**
 * Each outcome at least this often in a property's runs: generators that drifted (every post refused, say) would leave
 * half a property untested while it still passes. The tally is in the message.
 */
export function expectAtLeast<Outcome extends string>(tally: Record<Outcome, number>, minimums: Partial<Record<Outcome, number>>) {
  for (const [outcome, minimum] of Object.entries(minimums) as Array<[Outcome, number]>) {
    if (tally[outcome] < minimum)
      throw new Error(`Only ${tally[outcome]} ${outcome} (wanted ${minimum} or more) in ${JSON.stringify(tally)}`);
  }
}
