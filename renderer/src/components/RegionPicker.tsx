import { useState } from 'react';

const other = '\u0000other';

/**
 * A region from the ones providers are known to be in (a preset's, a configured provider's), or
 * another typed in: residency policies match regions by name, so a typo would silently match none.
 */
export function RegionPicker({
  label,
  value,
  regions,
  placeholder,
  onChange,
}: {
  /** The accessible name. */
  label: string;
  value: string;
  regions: string[];
  /** What an empty value means (the preset's region). */
  placeholder?: string;
  onChange(region: string): void;
}) {
  const known = [...new Set(regions)].sort();
  const [typing, setTyping] = useState(value !== '' && !known.includes(value));
  return (
    <span className="region-picker">
      <select
        aria-label={label}
        value={typing ? other : value}
        onChange={(event) => {
          const choice = event.target.value;
          setTyping(choice === other);
          if (choice !== other) onChange(choice);
        }}
      >
        <option value="">{placeholder ? `${placeholder} (the preset's)` : 'choose a region'}</option>
        {known.map((region) => (
          <option key={region} value={region}>
            {region}
          </option>
        ))}
        <option value={other}>another region…</option>
      </select>
      {typing && (
        <input
          aria-label={`${label}, another`}
          placeholder="e.g. eu-west"
          value={value}
          size={10}
          onChange={(event) => onChange(event.target.value.trim())}
        />
      )}
    </span>
  );
}
