'use client';

import { useEffect, useRef } from 'react';
import { fieldId } from './field';

/** "There is a problem" box at the top of a form: links to each bad field, and takes focus when shown. */
export function ErrorSummary({ errors, labels }: { errors: Array<[name: string, message: string]>; labels?: Record<string, string> }) {
  const ref = useRef<HTMLDivElement>(null);
  const signature = errors.map(([name, message]) => `${name}:${message}`).join('|');
  useEffect(() => {
    if (signature) ref.current?.focus();
  }, [signature]);
  if (errors.length === 0) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={ref} autoFocus>
      <h2 id="error-summary-title">There is a problem</h2>
      <ul>
        {errors.map(([name, message]) => (
          <li key={name}>
            <a
              href={`#${fieldId(name)}`}
              onClick={(event) => {
                const target = document.getElementById(fieldId(name));
                if (target) {
                  event.preventDefault();
                  target.focus();
                }
              }}
            >
              {labels?.[name] ? `${labels[name]}: ` : ''}
              {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
