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
