import { useEffect, useRef, useState } from 'react';
import type { CatalogRow, FigureSource, SourceFigure } from '../api/admin-types.js';
import { formatContext, formatPerMillion } from '../format.js';

const fieldNames: Record<string, string> = {
  input: 'input',
  output: 'output',
  cacheRead: 'cache read',
  cacheWrite: 'cache write',
  cacheWrite1h: 'cache write (1 h)',
  reasoning: 'reasoning',
  perRequest: 'per request',
  webSearch: 'per web search',
  tiers: 'long-context tiers',
  limits: 'context and output limits',
};

const named = (figure: FigureSource) =>
  `${figure.source}${figure.version ? ` ${figure.version}` : ''}, ${figure.date}`;

/** Every figure's source, grouped: "input, output: genai-prices 0.1.8, 2026-09-23; …". */
function describeSources(row: CatalogRow): string {
  const groups = new Map<string, string[]>();
  for (const [field, figure] of Object.entries(row.provenance)) {
    if (!figure) continue;
    groups.set(named(figure), [...(groups.get(named(figure)) ?? []), fieldNames[field] ?? field]);
  }
  return [...groups].map(([source, fields]) => `${fields.join(', ')}: ${source}`).join('; ');
}

const formatFigure = (field: string, figure: SourceFigure) =>
  `${field === 'contextWindow' ? formatContext(figure.value) : `${formatPerMillion(figure.value)} per 1M`} (${figure.source}, ${figure.date})`;

/**
 * Where a model's figures come from: the prices' source and date under its name (each figure's
 * own in its title), and a mark where the sources disagree that opens every source's figure.
 */
export function ModelProvenance({ row }: { row: CatalogRow }) {
  const [open, setOpen] = useState(false);
  const priced = row.provenance.input ?? row.provenance.output;
  const disagreements = row.disagreements ?? [];
  const name = `${row.provider}/${row.model}`;
  return (
    <>
      {priced && (
        <span className="muted provenance" data-testid="price-source" title={describeSources(row)}>
          {priced.source} · {priced.date}
        </span>
      )}
      {disagreements.length > 0 && (
        <button
          type="button"
          className="badge warn disagreement"
          aria-expanded={open}
          aria-label={`Sources disagree on ${name}`}
          title="Sources disagree: show every figure"
          onClick={() => setOpen(!open)}
        >
          sources disagree
        </button>
      )}
      {open && <Disagreements name={name} row={row} onClose={() => setOpen(false)} />}
    </>
  );
}

/**
 * Every source's figure where they disagree, in a modal dialog: a model browser row has a fixed
 * height and would cut a list shown inside it. Esc or Close gives focus back to the mark.
 */
function Disagreements({ name, row, onClose }: { name: string; row: CatalogRow; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="confirm" aria-label={`What the sources say of ${name}`} onClose={onClose}>
      <ul className="disagreements" data-testid="disagreements">
        {(row.disagreements ?? []).map((disagreement) => (
          <li key={disagreement.field}>
            {disagreement.field === 'contextWindow' ? 'context window' : `${disagreement.field} price`}:{' '}
            {disagreement.figures.map((figure) => formatFigure(disagreement.field, figure)).join(' · ')}
          </li>
        ))}
      </ul>
      <div className="toolbar end">
        <button type="button" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
    </dialog>
  );
}
