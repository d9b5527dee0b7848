/**
 * Extracts the OpenAI schemas the conformance tests validate against from OpenAI's OpenAPI spec
 * into test/conformance/schemas/openai.schema.json (JSON Schema 2020-12, refs rewritten to
 * `#/$defs/…`). Developers run it when the spec changes:
 *   npx tsx scripts/extract-openai-schemas.ts [path/to/openapi.yaml]
 * Tests read only the generated, committed file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const roots = [
  'CreateChatCompletionResponse',
  'CreateChatCompletionStreamResponse',
  'ErrorResponse',
  'ListModelsResponse',
  'Response',
  'ResponseStreamEvent',
  'CreateEmbeddingResponse',
];
const input = process.argv[2] ?? new URL('../../shared/specs/openai/openapi.yaml', import.meta.url).pathname;
const spec = parse(readFileSync(input, 'utf8'), { maxAliasCount: -1 }) as {
  components: { schemas: Record<string, unknown> };
};
const all = spec.components.schemas;
const defs: Record<string, unknown> = {};

function rewrite(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewrite);
  if (node === null || typeof node !== 'object') return node;
  // OpenAPI's `nullable` is not JSON Schema: express it as a null type
  const { nullable, ...rest } = node as Record<string, unknown>;
  if (nullable === true) {
    if (Array.isArray(rest.enum)) rest.enum = [...(rest.enum as unknown[]), null];
    if (typeof rest.type === 'string') return rewrite({ ...rest, type: [rest.type, 'null'] });
    return { anyOf: [rewrite(rest), { type: 'null' }] };
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    // draft 2019 recursion keywords (compound filters): dropped, the nested filter is not checked
    if (key === '$recursiveAnchor' || key === '$recursiveRef') continue;
    if (key === '$ref' && typeof value === 'string') {
      const name = value.replace('#/components/schemas/', '');
      collect(name);
      out.$ref = `#/$defs/${name}`;
    } else out[key] = rewrite(value);
  }
  return out;
}

function collect(name: string): void {
  if (name in defs) return;
  if (!(name in all)) throw new Error(`schema ${name} not found`);
  defs[name] = {};
  defs[name] = rewrite(all[name]);
}

for (const root of roots) collect(root);
const out = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $comment: `Extracted from OpenAI's openapi.yaml (openai/openai-openapi, MIT) by scripts/extract-openai-schemas.ts; roots: ${roots.join(', ')}`,
  $defs: defs,
};
writeFileSync(
  new URL('../test/conformance/schemas/openai.schema.json', import.meta.url),
  `${JSON.stringify(out, null, 1)}\n`,
);
console.log(`extracted ${Object.keys(defs).length} schemas`);
