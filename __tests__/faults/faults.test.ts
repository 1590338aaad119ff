/**
 * The fault suite (`npm run test:faults`, after `npm run build`): the production server, started with `npm start`, is
 * killed with SIGKILL mid-submission and mid-send, its SMTP relay goes down and flaps, and (on PostgreSQL) its
 * database is restarted under load. Each scenario then compares what the client was told, what the database holds and
 * what a real SMTP relay received (harness.ts, verify): nothing accepted is lost, nothing is stored twice, and every
 * e-mail arrives once, counted by Message-ID.
 *
 * The one duplicate the app cannot avoid, and which the scenarios that open it allow and count: a message whose data
 * the relay took and acknowledged, or was about to, when the server died, before its row was marked sent. Its outbox
 * row is still pending, so it is sent again, with the same Message-ID (`<row id@provider-intake>`, decision 002), by
 * which a receiving system can drop the second copy.
 *
 * Runs each scenario on the embedded PGlite (1–3) and on a throwaway PostgreSQL 15 of its own (1–4).
 * FAULTS_ONLY=pglite or postgres runs one; FAULTS_TIME_LIMIT_S (default 360) stops everything if the run hangs.
 * Started directly with node (node:test), not jest: `node --import tsx --test-reporter=spec __tests__/faults/faults.test.ts`.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { hiddenActionFields, installCleanupHandlers, multipart, request, stopAll } from '../../bench/lib';
import {
  AppServer,
  freePortFrom,
  log,
  randomName,
  readDatabase,
  tempDir,
  ThrowawayPostgres,
  Traffic,
  verify,
  waitUntil,
  type DatabaseTarget,
  type Post,
} from './harness';
import { FaultRelay, type Committed } from './relay';

const ENGINES = (process.env.FAULTS_ONLY ?? 'pglite,postgres').split(',').map((engine) => engine.trim());
for (const engine of ENGINES) if (engine !== 'pglite' && engine !== 'postgres') throw new Error(`FAULTS_ONLY: unknown engine ${engine}`);
/**
 * A hung run is stopped whole (a scenario's own waits have deadlines too). No per-test time-out: node:test would mark
 * the test failed but let it run on beside the next one.
 */
const TIME_LIMIT_S = Number(process.env.FAULTS_TIME_LIMIT_S ?? 360);

installCleanupHandlers();
const hardStop = setTimeout(() => {
  console.error(`[faults] still running after ${TIME_LIMIT_S} s: stopping everything`);
  void stopAll().finally(() => process.exit(1));
}, TIME_LIMIT_S * 1000);
hardStop.unref();
after(() => stopAll());

/** One engine's world: its database, the relay and the server, shared by its scenarios in turn. */
interface World {
  engine: 'pglite' | 'postgres';
  relay: FaultRelay;
  server: AppServer;
  target: DatabaseTarget;
  postgres?: ThrowawayPostgres;
}

async function ensureStarted(world: World): Promise<void> {
  if (!world.server.isRunning) await world.server.start();
}

/**
 * The end of every scenario: the outbox drained, the server stopped on PGlite (its database belongs to one process),
 * the database read, and the verdict asserted.
 */
async function finish(
  world: World,
  scenario: string,
  posts: Post[],
  relayFrom: number,
  allowDuplicate?: (messageId: string, copies: Committed[]) => boolean,
) {
  await world.server.drain();
  if (world.engine === 'pglite') await world.server.stop();
  const verdict = verify({ posts, stored: await readDatabase(world.target), relay: world.relay, relayFrom, allowDuplicate });
  log(
    `${world.engine} ${scenario}: ${Object.entries(verdict.counts)
      .map(([name, count]) => `${name} ${count}`)
      .join(', ')}`,
  );
  assert.deepEqual(verdict.problems, [], `${scenario} on ${world.engine}:\n${verdict.problems.join('\n')}`);
  return verdict;
}

/**
 * Runs a scenario from a drained outbox (so that mail left by a scenario that failed cannot be taken for this one's);
 * on failure shows what the posts were told and the end of the server's output.
 */
async function scenario(world: World, run: (traffic: (label: string) => Traffic) => Promise<void>) {
  const made: Traffic[] = [];
  try {
    await world.relay.setMode('up');
    await ensureStarted(world);
    await world.server.drain();
    await run((label) => {
      const traffic = new Traffic(world.server, `${world.engine}-${label}`);
      made.push(traffic);
      return traffic;
    });
  } catch (error) {
    for (const traffic of made) {
      console.error(`--- ${traffic.summary()}; the last ones:`);
      for (const post of traffic.posts.slice(-8)) console.error(JSON.stringify(post));
    }
    console.error(`--- /api/health now: ${JSON.stringify(await world.server.health())}`);
    console.error(`--- the end of the ${world.engine} server's output ---\n${world.server.output().slice(-6000)}`);
    throw error;
  }
}

for (const engine of ENGINES as Array<'pglite' | 'postgres'>) {
  describe(`on ${engine === 'pglite' ? 'the embedded PGlite' : 'PostgreSQL'}`, () => {
    let world: World;

    before(async () => {
      const relay = await FaultRelay.start('up');
      const dataDir = tempDir(`provider-intake-faults-${engine}-`);
      const port = await freePortFrom(engine === 'pglite' ? 3300 : 3350);
      if (engine === 'pglite') {
        world = {
          engine,
          relay,
          target: { engine, dataDir },
          server: new AppServer(`server (${engine})`, port, { DATA_DIR: dataDir, SMTP_URL: relay.url }),
        };
      } else {
        const postgres = ThrowawayPostgres.start();
        const url = await postgres.createDatabase(randomName('faults'));
        const server = new AppServer(`server (${engine})`, port, { DATA_DIR: dataDir, SMTP_URL: relay.url, DATABASE_URL: url });
        world = { engine, relay, target: { engine, url }, server, postgres };
      }
      log(`${engine}: relay on ${relay.port}, server on ${port}${world.postgres ? `, PostgreSQL at ${world.postgres.url}` : ''}`);
    });

    after(async () => {
      await world?.server.stop();
      await world?.relay.close();
    });

    test('1. the server killed with SIGKILL while submissions are in flight: after a restart every accepted one is stored and mailed once', () =>
      scenario(world, async (newTraffic) => {
        const { relay, server } = world;
        const relayFrom = relay.committed.length;
        const traffic = newTraffic('1');
        let killedAt = 0;
        let deadAt = 0;
        let postsInFlightAtKill = 0;
        traffic.start(4, 0);
        try {
          await waitUntil(() => traffic.count('accepted') >= 10, '10 posts are accepted');
          // The kill lands while the server has posts in hand (and, usually, mail on the wire).
          await waitUntil(() => traffic.postsInFlight >= 2, 'two posts are in flight');
          postsInFlightAtKill = traffic.postsInFlight;
          killedAt = Date.now();
          await server.kill();
          deadAt = Date.now();
          log(`${engine} 1: killed the server with ${postsInFlightAtKill} posts in flight`);
          await waitUntil(() => traffic.count('failed', killedAt) + traffic.count('unsent', killedAt) >= 4, 'posts fail while it is down');
          await server.start();
          const restartedAt = Date.now();
          await waitUntil(() => traffic.count('accepted', restartedAt) >= 10, '10 more posts are accepted after the restart');
        } finally {
          await traffic.stop();
        }
        assert.ok(postsInFlightAtKill >= 2);
        // Known window: a message the killed server had sent (or was sending: the relay may read its last bytes after
        // the kill), whose row was not yet marked sent, goes again once, from the restarted server. Which server sent
        // a copy is told by when its connection opened: the killed one's before it died, the new one's after.
        const verdict = await finish(
          world,
          '1 (SIGKILL mid-submission)',
          traffic.posts,
          relayFrom,
          (_id, copies) => copies.length === 2 && copies[0].connectedAt <= deadAt && copies[1].connectedAt > deadAt,
        );
        assert.ok(verdict.counts.accepted >= 20);
      }));

    test('2. the server killed with SIGKILL while the relay holds its replies: after a restart each message is delivered, a second time only if the relay had it', () =>
      scenario(world, async (newTraffic) => {
        const { relay, server } = world;
        const relayFrom = relay.committed.length;
        const heldFrom = relay.stats.held.length;
        const traffic = newTraffic('2');
        await relay.setMode('hold');
        traffic.start(2, 50);
        let heldAtKill = new Set<string>();
        try {
          await waitUntil(() => traffic.count('accepted') >= 8, '8 posts are accepted');
          // The worker sends a batch at a time and waits for the whole batch: the first post's two e-mails are held.
          await relay.waitFor(() => relay.stats.held.length - heldFrom >= 2, 'the relay holds the replies to 2 messages');
          heldAtKill = new Set(relay.stats.held.slice(heldFrom));
          const killedAt = Date.now();
          await server.kill();
          log(`${engine} 2: killed the server with ${heldAtKill.size} messages taken by the relay and not yet answered`);
          await relay.setMode('up');
          await server.start();
          const restartedAt = Date.now();
          await waitUntil(() => traffic.count('accepted', restartedAt) >= 4, '4 more posts are accepted after the restart');
          assert.ok(killedAt < restartedAt);
        } finally {
          await traffic.stop();
          await relay.setMode('up');
        }
        const verdict = await finish(
          world,
          '2 (SIGKILL mid-send)',
          traffic.posts,
          relayFrom,
          (id, copies) => heldAtKill.has(id) && copies.length === 2,
        );
        log(
          `${engine} 2: ${verdict.counts.allowedDuplicates} of the ${heldAtKill.size} held messages were sent again after the restart (same Message-ID)`,
        );
      }));

    test('3. the relay down, then up, then flapping (refusing connections, answering 421 and 451) under a stream of posts: every message is delivered once', () =>
      scenario(world, async (newTraffic) => {
        const { relay, server } = world;
        await relay.setMode('down');
        const relayFrom = relay.committed.length;
        const retriesBefore = server.events.get('mail_retry') ?? 0;
        const traffic = newTraffic('3');
        traffic.start(1, 100);
        const phases: string[] = [];
        try {
          // Each phase lasts until the fault has certainly been met (posts made, refusals given), not for a set time.
          const phase = async (
            mode: 'down' | 'up' | 'refuse',
            until: (since: number, refusedBefore: number, committedBefore: number) => boolean,
          ) => {
            const since = Date.now();
            const refusedBefore = relay.stats.refused;
            const committedBefore = relay.committed.length;
            await relay.setMode(mode);
            await relay.waitFor(() => until(since, refusedBefore, committedBefore), `the relay's ${mode} phase has done its work`);
            phases.push(mode);
          };
          const atLeast = (ms: number, since: number) => Date.now() - since >= ms;
          const acceptedSince = (count: number) => (since: number) => traffic.count('accepted', since) >= count && atLeast(1_000, since);
          const deliveredSince = (count: number) => (_since: number, _refused: number, committed: number) =>
            relay.committed.length - committed >= count;
          const refusedSince = (count: number) => (_since: number, refused: number) => relay.stats.refused - refused >= count;
          await phase('down', acceptedSince(3));
          await phase('up', deliveredSince(2));
          await phase('refuse', refusedSince(3));
          await phase('up', deliveredSince(2));
          await phase('down', acceptedSince(2));
          await phase('refuse', refusedSince(2));
          await phase('up', deliveredSince(2));
        } finally {
          await traffic.stop();
          await relay.setMode('up');
        }
        log(`${engine} 3: relay phases ${phases.join(' → ')}, ${relay.stats.refused} refusals so far`);
        const retries = (server.events.get('mail_retry') ?? 0) - retriesBefore;
        log(`${engine} 3: the worker logged ${retries} sends to try again later`);
        assert.ok(retries > 0, 'the worker met the faults');
        const verdict = await finish(world, '3 (relay down and flapping)', traffic.posts, relayFrom);
        // Whatever the relay does, the form is never affected.
        assert.equal(verdict.counts.accepted, traffic.posts.length, traffic.summary());
      }));

    if (engine === 'postgres') {
      test('4. PostgreSQL stopped and started under load: posts meanwhile get the form back with an apology, never a 500; the server recovers by itself and every message is delivered once', () =>
        scenario(world, async (newTraffic) => {
          const { relay, server, postgres } = world;
          const pid = server.pid;
          const starts = server.starts;
          const relayFrom = relay.committed.length;
          const traffic = newTraffic('4');
          let isDatabaseDown = false;
          let heldDuringOutage = 0;
          traffic.start(3, 0);
          try {
            await waitUntil(
              () => traffic.count('accepted') >= 6 && relay.committed.length - relayFrom >= 2,
              'posts are accepted and mailed',
            );
            // A message on the wire when the database goes: the relay answers it only once the database is down, so
            // the worker learns it was sent when it cannot write that down.
            const heldFrom = relay.stats.held.length;
            await relay.setMode('hold');
            await relay.waitFor(() => relay.stats.held.length > heldFrom, 'the relay holds a reply');
            const stoppedAt = Date.now();
            isDatabaseDown = true;
            await postgres!.stopServer();
            heldDuringOutage = relay.stats.held.length - heldFrom;
            await relay.setMode('up');
            log(`${engine} 4: PostgreSQL stopped (fast), ${heldDuringOutage} held message(s) answered while it is down`);
            await waitUntil(
              () => traffic.count('refused', stoppedAt) >= 3 && Date.now() - stoppedAt >= 1_500,
              '3 posts are refused while the database is down, for at least 1.5 s',
            );
            const health = await server.health();
            assert.equal(health.status, 503, 'the health check names the database while it is down');
            await postgres!.startServer();
            isDatabaseDown = false;
            const restartedAt = Date.now();
            log(`${engine} 4: PostgreSQL started again`);
            await waitUntil(() => traffic.count('accepted', restartedAt) >= 6, '6 posts are accepted once the database is back');
          } finally {
            await traffic.stop();
            await relay.setMode('up');
            if (isDatabaseDown) await postgres!.startServer();
          }
          // Recovered by itself: the same processes, never restarted.
          assert.equal(server.pid, pid);
          assert.equal(server.starts, starts);
          assert.ok(server.isRunning);
          assert.equal((await server.health()).status, 200);
          // The held messages were answered while the database was down: the worker had to wait to record them.
          assert.ok((server.events.get('mail_sent_not_recorded') ?? 0) >= 1, 'a sent message waited to be recorded');
          const verdict = await finish(world, '4 (PostgreSQL restarted)', traffic.posts, relayFrom);
          assert.ok(verdict.counts.refused >= 3);
          log(`${engine} 4: ${server.events.get('mail_sent_not_recorded')} failed attempts to record a sent message were retried`);
        }));
    }
    test('5. the client address comes from the connection: 40 status look-ups from one socket, each with a forged X-Forwarded-For, are limited like 40 from one address', () =>
      scenario(world, async () => {
        const { server } = world;
        // One keep-alive connection: one peer address, whatever the header says (STATUS_LOOKUPS_PER_15_MINUTES is 30).
        const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
        try {
          const page = await request(`${server.base}/status`, { agent });
          const { action } = hiddenActionFields(page.body.toString('utf8'));
          const limited: number[] = [];
          for (let n = 1; n <= 40; n++) {
            const { body, contentType } = multipart([...action, ['reference', 'NCR-ABCD2345'], ['email', 'someone@clinic.example']]);
            const reply = await request(`${server.base}/status`, {
              method: 'POST',
              body,
              agent,
              headers: {
                'content-type': contentType,
                origin: server.base,
                accept: 'text/html',
                'x-forwarded-for': `198.51.100.${n}, 203.0.113.${n}`,
              },
            });
            assert.equal(reply.status, 200, `look-up ${n} answered ${reply.status}`);
            if (/Too many status checks have come from your network/.test(reply.body.toString('utf8'))) limited.push(n);
          }
          assert.deepEqual(limited, [31, 32, 33, 34, 35, 36, 37, 38, 39, 40]);
          log(`${engine} 5: look-ups 31 to 40 were refused, whatever X-Forwarded-For claimed`);
        } finally {
          agent.destroy();
        }
      }));
  });
}
