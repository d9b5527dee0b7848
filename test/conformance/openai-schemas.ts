import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';

// OpenAI's own schemas (extracted from its OpenAPI spec by scripts/extract-openai-schemas.ts)
const schema = JSON.parse(readFileSync(new URL('./schemas/openai.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema(schema, 'openai');

/** Validates a value against one of OpenAI's schemas; returns the problems (empty when valid). */
export function validateOpenAI(name: string, value: unknown): string[] {
  const check = ajv.getSchema(`openai#/$defs/${name}`);
  if (!check) throw new Error(`no OpenAI schema named ${name}`);
  return check(value) ? [] : check.errors!.map((e) => `${e.instancePath} ${e.message}`);
}
