/** A JSON Schema node, as far as the emulator reads it. */
interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  enum?: unknown[];
  const?: unknown;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  minItems?: number;
}

/**
 * The simplest value a JSON Schema accepts: every property filled, the first enum value,
 * `example` strings, 1 for numbers, true for booleans, one item per array. Stands in for a model
 * that follows a structured-output request.
 */
export function instanceOf(schema: SchemaNode | undefined): unknown {
  if (!schema) return {};
  if (schema.const !== undefined) return schema.const;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  const variant = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (variant) return instanceOf(variant);
  const type = Array.isArray(schema.type) ? schema.type.find((name) => name !== 'null') : schema.type;
  switch (type) {
    case 'string':
      return 'example';
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => instanceOf(schema.items));
    default:
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([name, inner]) => [name, instanceOf(inner)]),
      );
  }
}

/** The JSON text a structured-output request asks for: an instance of its schema, or `{}`. */
export function schemaAnswerText(body: Record<string, unknown>): string {
  const format = body.response_format as { type?: string; json_schema?: { schema?: SchemaNode } } | undefined;
  return JSON.stringify(format?.type === 'json_schema' ? instanceOf(format.json_schema?.schema) : {});
}
