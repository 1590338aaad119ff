import { createHmac } from 'node:crypto';
import { derivedKey } from './data-key';

/**
 * A keyed hash of a validated submission: equal for the same answers, whatever the submission key.
 * Keyed because the answers include a TIN, which an unkeyed hash would let anyone confirm by guessing.
 */
export function submissionFingerprint(kind: string, answers: Record<string, unknown>): string {
  const canonical = JSON.stringify([
    kind,
    Object.keys(answers)
      .sort()
      .map((name) => [name, answers[name] ?? null]),
  ]);
  return createHmac('sha256', derivedKey('submission fingerprint')).update(canonical).digest('hex');
}
