import { isPlainObject } from '../../shared/is-plain-object.js';

/** Keywords whose values are schemas, or lists or maps of them. */
const nested = { properties: 'map', items: 'one', anyOf: 'list' } as const;

/** Gemini's int64 limits, which proto's JSON mapping may write as strings. */
const counts = new Set(['minItems', 'maxItems', 'minLength', 'maxLength', 'minProperties', 'maxProperties']);

function camel(key: string): string {
  return key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

function convertEach(kind: 'map' | 'one' | 'list', value: unknown): unknown {
  if (kind === 'one') return convertGeminiSchema(value);
  if (kind === 'list') return Array.isArray(value) ? value.map(convertGeminiSchema) : value;
  if (!isPlainObject(value)) return value;
  // property names are the client's own: never renamed
  return Object.fromEntries(
    Object.entries(value).map(([name, schema]) => [name, convertGeminiSchema(schema)]),
  );
}

/**
 * Gemini's `Schema` (an OpenAPI 3.0 subset: `type: "OBJECT"`, `nullable`, `propertyOrdering`,
 * in either field spelling) as the JSON Schema the canonical form carries: lower-case types, a
 * nullable type as `[type, "null"]`, `example` as `examples`; Gemini's ordering hint and its
 * `format: "enum"` marker are left out.
 */
export function convertGeminiSchema(schema: unknown): unknown {
  if (!isPlainObject(schema)) return schema;
  const out: Record<string, unknown> = {};
  let nullable = false;
  for (const [rawKey, value] of Object.entries(schema)) {
    const key = camel(rawKey);
    if (key === 'type') out.type = typeof value === 'string' ? value.toLowerCase() : value;
    else if (key === 'nullable') nullable = value === true;
    else if (key === 'propertyOrdering') continue;
    else if (key === 'format' && value === 'enum') continue;
    else if (key === 'example') out.examples = [value];
    else if (counts.has(key) && typeof value === 'string' && /^\d+$/.test(value)) out[key] = Number(value);
    else if (Object.hasOwn(nested, key)) out[key] = convertEach(nested[key as keyof typeof nested], value);
    else out[key] = value;
  }
  if (out.type === 'type_unspecified') delete out.type;
  if (nullable && typeof out.type === 'string') out.type = [out.type, 'null'];
  return out;
}
