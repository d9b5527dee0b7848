import { isPlainObject } from '../../shared/is-plain-object.js';

/**
 * Fields whose values are the client's own data (a call's arguments, a JSON schema, a map keyed by
 * names), never renamed. Gemini's schemas (`parameters`, `responseSchema`) are read in either
 * spelling by their converter.
 */
const opaque = new Set([
  'args',
  'response',
  'parameters',
  'parametersJsonSchema',
  'responseSchema',
  'responseJsonSchema',
  'labels',
  'partMetadata',
]);

function camel(key: string): string {
  return key.includes('_') ? key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase()) : key;
}

/**
 * A Gemini request with its field names in lowerCamelCase. Google's REST API reads proto field
 * names in either spelling (`system_instruction` or `systemInstruction`), and its own curl
 * examples use both; the relay reads one. Returns the value itself when nothing is renamed.
 */
export function camelCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const converted = camelCaseKeys(value[i]);
      if (converted !== value[i]) (copy ??= [...value])[i] = converted;
    }
    return copy ?? value;
  }
  if (!isPlainObject(value)) return value;
  // copied only once something in it is renamed: most requests use one spelling throughout
  let copy: Record<string, unknown> | undefined;
  for (const key in value) {
    const inner = value[key];
    const name = camel(key);
    const converted = opaque.has(name) ? inner : camelCaseKeys(inner);
    if (name === key && converted === inner && copy === undefined) continue;
    if (copy === undefined) {
      copy = {};
      for (const earlier in value) {
        if (earlier === key) break;
        copy[earlier] = value[earlier];
      }
    }
    copy[name] = converted;
  }
  return copy ?? value;
}
