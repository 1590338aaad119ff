import type { AnswerRow } from '@/lib/intake/kind-server';

/** A submission's answers as its kind words them (lib/intake/<kind>/answers.ts). TINs are masked there. */
export function SubmissionDetails({ rows }: { rows: AnswerRow[] }) {
  return (
    <dl className="details">
      {rows.map(([label, value]) => (
        <div key={label} style={{ display: 'contents' }}>
          <dt>{label}</dt>
          <dd>{value ?? '—'}</dd>
        </div>
      ))}
    </dl>
  );
}
