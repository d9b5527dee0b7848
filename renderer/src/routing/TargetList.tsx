import { useState } from 'react';
import { moveItem } from './route-draft.js';

/**
 * A route's targets in order: drag a row to reorder, or use the arrow buttons (keyboard). The
 * order is the failover order of an `ordered` route.
 */
export function TargetList({
  targets,
  suggestions,
  onChange,
}: {
  targets: string[];
  suggestions: string[];
  onChange(targets: string[]): void;
}) {
  const [dragged, setDragged] = useState<number>();
  const [adding, setAdding] = useState('');
  const add = () => {
    if (!adding.trim()) return;
    onChange([...targets, adding.trim()]);
    setAdding('');
  };
  return (
    <div className="targets">
      <ol data-testid="route-targets">
        {targets.map((target, index) => (
          <li
            key={`${target}-${index}`}
            draggable
            onDragStart={() => setDragged(index)}
            onDragOver={(event) => event.preventDefault()}
            onDrop={() => {
              if (dragged !== undefined) onChange(moveItem(targets, dragged, index));
              setDragged(undefined);
            }}
            className={dragged === index ? 'dragging' : undefined}
          >
            <span className="grip" aria-hidden="true">
              ⋮⋮
            </span>
            <code>{target}</code>
            <button
              type="button"
              aria-label={`Move ${target} up`}
              disabled={index === 0}
              onClick={() => onChange(moveItem(targets, index, index - 1))}
            >
              ↑
            </button>
            <button
              type="button"
              aria-label={`Move ${target} down`}
              disabled={index === targets.length - 1}
              onClick={() => onChange(moveItem(targets, index, index + 1))}
            >
              ↓
            </button>
            <button
              type="button"
              aria-label={`Remove ${target}`}
              onClick={() => onChange(targets.filter((_, i) => i !== index))}
            >
              ✕
            </button>
          </li>
        ))}
      </ol>
      <div className="toolbar">
        <input
          list="route-target-options"
          aria-label="Add a target"
          placeholder="provider/model"
          value={adding}
          onChange={(event) => setAdding(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
        />
        <button type="button" onClick={add}>
          Add target
        </button>
      </div>
      <datalist id="route-target-options">
        {suggestions.map((option) => (
          <option key={option} value={option} />
        ))}
      </datalist>
    </div>
  );
}
