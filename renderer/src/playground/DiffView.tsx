import { useMemo } from 'react';
import { diffWords } from './diff-words.js';

/** The words two answers do not share, marked in place. */
export function DiffView({
  before,
  after,
  labels,
}: {
  before: string;
  after: string;
  labels: [string, string];
}) {
  const parts = useMemo(() => diffWords(before, after), [before, after]);
  return (
    <div className="diff" data-testid="diff-view">
      <p className="muted small">
        <del>{labels[0]}</del> vs <ins>{labels[1]}</ins>
      </p>
      <div
        className="output"
        tabIndex={0}
        role="region"
        aria-label={`Differences between ${labels[0]} and ${labels[1]}`}
      >
        {parts.map((part, index) =>
          part.kind === 'same' ? (
            <span key={index}>{part.text}</span>
          ) : part.kind === 'removed' ? (
            <del key={index}>{part.text}</del>
          ) : (
            <ins key={index}>{part.text}</ins>
          ),
        )}
      </div>
    </div>
  );
}
