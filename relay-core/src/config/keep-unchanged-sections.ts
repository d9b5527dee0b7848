import { isMap, isScalar, parseDocument } from 'yaml';

interface Section {
  key: string;
  /** Where the key starts, and where the next top-level key starts (or the text ends). */
  start: number;
  end: number;
}

/** The top-level keys of a YAML text with the region of each, in order; undefined when it is not a map. */
function sectionsOf(text: string): { head: number; sections: Section[] } | undefined {
  const document = parseDocument(text);
  if (!isMap(document.contents) || document.errors.length > 0) return undefined;
  const starts = document.contents.items.map((pair) => ({
    key: String(isScalar(pair.key) ? pair.key.value : pair.key),
    start: (pair.key as { range?: [number, number, number] } | null)?.range?.[0],
  }));
  if (starts.some((entry) => entry.start === undefined)) return undefined;
  const sections = starts.map((entry, index) => ({
    key: entry.key,
    start: entry.start!,
    end: starts[index + 1]?.start ?? text.length,
  }));
  return { head: sections[0]?.start ?? text.length, sections };
}

const withNewline = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

/**
 * `changed` (a re-serialised config.yaml) with every top-level section whose value did not change
 * taken byte for byte from `original`: yaml re-aligns every trailing comment it writes, so saving
 * the routes would otherwise re-format the user's `server:` block. `unchanged(key)` says whether a
 * section's value is the same in both. Sections keep the order of `changed`; the text before the
 * first key (the file's opening comments) is the original's.
 */
export function keepUnchangedSections(
  original: string,
  changed: string,
  unchanged: (key: string) => boolean,
): string {
  const before = sectionsOf(original);
  const after = sectionsOf(changed);
  if (!before || !after) return changed;
  const originals = new Map(before.sections.map((section) => [section.key, section]));
  let text = original.slice(0, before.head);
  for (const section of after.sections) {
    const kept = originals.get(section.key);
    text +=
      kept && unchanged(section.key)
        ? withNewline(original.slice(kept.start, kept.end))
        : withNewline(changed.slice(section.start, section.end));
  }
  return text;
}
