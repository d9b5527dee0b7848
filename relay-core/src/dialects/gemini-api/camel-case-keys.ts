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
    let changed = false;
    const items = value.map((item) => {
      const converted = camelCaseKeys(item);
      if (converted !== item) changed = true;
      return converted;
    });
    return changed ? items : value;
  }
  if (!isPlainObject(value)) return value;
  let changed = false;
  const entries = Object.entries(value).map(([key, inner]): [string, unknown] => {
    const name = camel(key);
    const converted = opaque.has(name) ? inner : camelCaseKeys(inner);
    if (name !== key || converted !== inner) changed = true;
    return [name, converted];
  });
  return changed ? Object.fromEntries(entries) : value;
}
