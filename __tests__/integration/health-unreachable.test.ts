import net from 'node:net';
import { closeDatabase } from '@/lib/db/client';
import { TEST_DATA_ENCRYPTION_KEY } from '../helpers/database';

afterAll(closeDatabase);

test('GET /api/health answers 503 naming the database when it cannot be reached', async () => {
  // A port that was free a moment ago: nothing listens there.
  const port = await new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = server.address() as net.AddressInfo;
      server.close(() => resolve(free));
    });
  });
  process.env.DATABASE_URL = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  process.env.DATA_ENCRYPTION_KEY = TEST_DATA_ENCRYPTION_KEY;
  const { GET } = await import('@/app/api/health/route');
  const response = await GET();
  expect(response.status).toBe(503);
  expect(await response.json()).toEqual({ status: 'error', database: 'unreachable' });
});
