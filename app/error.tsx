'use client';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <>
      <title>Sorry, something went wrong – Provider Intake</title>
      <h1>Sorry, something went wrong</h1>
      <p>Please try again. If it keeps happening, quote this code when you contact us: {error.digest ?? 'unknown'}.</p>
      <button type="button" className="button" onClick={reset}>
        Try again
      </button>
    </>
  );
}
