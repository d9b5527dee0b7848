import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';

// OpenAI's own schemas (extracted from its OpenAPI spec by scripts/extract-openai-schemas.ts)
const schema = JSON.parse(readFileSync(new URL('./schemas/openai.schema.json', import.meta.url), 'utf8'));
// OpenAI's schema requires every Responses usage detail, but the relay leaves out a figure it does
// not know rather than send a 0 (issue 28). What a client can rely on is what Codex parses: each
// details object is optional, and when there, it holds its first count (`cached_tokens`,
// `reasoning_tokens`).
const responseUsage = schema.$defs.ResponseUsage as {
  required: string[];
  properties: { input_tokens_details: { required: string[] } };
};
responseUsage.required = responseUsage.required.filter((name) => !name.endsWith('_details'));
responseUsage.properties.input_tokens_details.required = ['cached_tokens'];
// formats (uri, unixtime) are OpenAI's annotations, not constraints the tests are about
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(schema, 'openai');

/** Validates a value against one of OpenAI's schemas; returns the problems (empty when valid). */
export function validateOpenAI(name: string, value: unknown): string[] {
  const check = ajv.getSchema(`openai#/$defs/${name}`);
  if (!check) throw new Error(`no OpenAI schema named ${name}`);
  return check(value) ? [] : check.errors!.map((e) => `${e.instancePath} ${e.message}`);
}

// each Responses stream event has its own schema, found by the single value its `type` allows
const eventSchemas = new Map<string, string>();
for (const [name, definition] of Object.entries(
  schema.$defs as Record<string, { properties?: { type?: { enum?: unknown[] } } }>,
)) {
  const values = definition.properties?.type?.enum;
  if (name.endsWith('Event') && values?.length === 1 && typeof values[0] === 'string')
    eventSchemas.set(values[0], name);
}

/** Validates one Responses stream event against the schema of its own `type`. */
export function validateResponsesEvent(event: { type: string }): string[] {
  const name = eventSchemas.get(event.type);
  if (!name) return [`no OpenAI schema for event type ${event.type}`];
  return validateOpenAI(name, event).map((problem) => `${name}${problem}`);
}
