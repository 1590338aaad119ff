import { useTestDatabase } from '../helpers/database';

useTestDatabase();

test('GET /api/health answers ok with the outbox counts', async () => {
  const { GET } = await import('@/app/api/health/route');
  const response = await GET();
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok', database: 'ok', outbox: { pending: 0, failed: 0 } });
});
