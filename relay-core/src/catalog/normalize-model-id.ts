/**
 * Bedrock's geographic inference-profile prefixes (`us.anthropic.claude-…`, `global.…`), and
 * genai-prices' `regional.` for all of them. A prefix is only taken as one before a vendor segment.
 */
export const geoPrefix = /^(?:us|us-gov|eu|apac|au|jp|ca|in|uk|kr|sa|global|regional)\.(?=[a-z0-9-]+\.)/;

/** An AWS region (and a provisioned-throughput term) before a Bedrock id, as LiteLLM writes them. */
const regionPath = /^(?:\*|[a-z]{2}(?:-gov)?-[a-z]+-\d+|invoke)\/(?:\d+-month-commitment\/)?/;

/** A whole calendar date at the end of an id: `-2024-08-06`, `-20250929`. */
const dateSuffix = /-(?:20\d{2})-?(?:0[1-9]|1[0-2])-?(?:0[1-9]|[12]\d|3[01])$/;

/**
 * One key per model name, so ids that sources write differently meet: lower case; no Bedrock
 * geographic prefix, AWS region path (`eu-central-1/…`) or `:0` revision; no Vertex `@version`;
 * no `-latest`; no trailing calendar
 * date; and a version written with a dash or an underscore between two single digits becomes
 * dotted (`claude-opus-4-5` → `claude-opus-4.5`, `llama-3_3` → `llama-3.3`), with a `.0` version
 * dropped (`claude-sonnet-4-0` → `claude-sonnet-4`). Four-digit suffixes (`-0613`, `-2407`) stay:
 * sources price many of those apart from the undated model. Provider prefixes stay too: an
 * aggregator's `vendor/model` names differ by vendor.
 */
export function canonicalModelKey(id: string): string {
  let key = id.trim().toLowerCase();
  key = key.replace(regionPath, '').replace(geoPrefix, '');
  key = key.replace(/@[\w.-]+$/, '');
  // Bedrock's revision (`:0`); its `-v1` stays, which names the model in `claude-v2` or `titan-embed-text-v2`
  key = key.replace(/(?<=[a-z0-9]):\d+$/, '');
  key = key.replace(/-latest$/, '');
  key = key.replace(dateSuffix, '');
  // `4-5` before a separator or the end is a version; `4-9b` (GLM-4 9B) is not
  key = key.replace(/(?<![\d.])(\d)[-_](\d)(?=$|[-.:/@])/g, '$1.$2');
  key = key.replace(/(?<=[a-z-]\d+)\.0(?=$|-)/g, '');
  return key;
}

/**
 * Candidate ids for a model name, most specific first, so a requested or returned name finds its
 * price: `openai/gpt-4o` → `gpt-4o`; `gpt-4o-mini-2024-07-18` → `gpt-4o-mini`;
 * `claude-sonnet-4-5-20250929` → `claude-sonnet-4-5`; `deepseek-r1:free` → `deepseek-r1`;
 * `claude-3-5-sonnet@20240620` → `claude-3-5-sonnet`; `-latest` dropped.
 */
export function modelIdCandidates(name: string): string[] {
  const out: string[] = [];
  const add = (id: string) => {
    if (id.length > 0 && !out.includes(id)) out.push(id);
  };
  let id = name.trim().toLowerCase();
  add(id);
  const stripped = [
    (s: string) => s.replace(/:[a-z0-9-]+$/, ''), // OpenRouter-style :free / :beta / :thinking
    (s: string) => s.replace(/@[\w.-]+$/, ''), // Vertex @versions
    (s: string) => s.replace(/-latest$/, ''),
    (s: string) => s.replace(/-\d{4}-\d{2}-\d{2}$/, ''), // OpenAI dated snapshots
    (s: string) => s.replace(/-\d{8}$/, ''), // Anthropic dated snapshots
    (s: string) => s.replace(/-\d{4}$/, ''), // Mistral-style -2407 / -2501
  ];
  for (const strip of stripped) {
    id = strip(id);
    add(id);
  }
  // provider prefixes last: `openai/gpt-4o` exists in some catalogs as such
  for (const candidate of [...out]) {
    const slash = candidate.lastIndexOf('/');
    if (slash > 0) add(candidate.slice(slash + 1));
  }
  return out;
}
