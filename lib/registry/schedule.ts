import 'server-only';
import { after } from 'next/server';
import { db } from '@/lib/db/client';
import { log } from '@/lib/log';
import { checkSubmission } from './checks';
import { isRegistryOn } from './lookup';

/**
 * Looks a stored submission's NPIs up once the answer has gone to the browser (Next's `after`), so the registry never
 * slows or blocks a post. Outside a request (a script, a test) it runs at once, unawaited.
 */
export function scheduleRegistryCheck(submissionId: string): void {
  if (!isRegistryOn()) return;
  const run = async () => {
    try {
      await checkSubmission(await db(), submissionId);
    } catch (error) {
      log().error({ event: 'registry_check_failed', submissionId, err: (error as Error).message }, 'could not check NPIs in the registry');
    }
  };
  try {
    after(run);
  } catch {
    void run();
  }
}
