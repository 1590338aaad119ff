import { historyLine } from '@/app/staff/(workspace)/submissions/[id]/history';

test("a reviewer's decision on a possible exclusion reads in the submission's history with its reason", () => {
  const details = { entryKey: 'a'.repeat(64), decision: 'NOT_SAME_PROVIDER', from: null, reason: 'Different date of birth.' };
  expect(historyLine({ action: 'exclusion_decision', actorEmail: 'rita@careoregon.example', details })).toBe(
    'rita@careoregon.example decided a possible exclusion: Not the same provider. Reason: Different date of birth.',
  );
  expect(
    historyLine({
      action: 'exclusion_decision',
      actorEmail: 'rita@careoregon.example',
      details: { ...details, decision: 'SAME_PROVIDER' },
    }),
  ).toMatch(/: Same provider\. Reason/);
});
