import type { FirstStartReport } from './detect-providers.js';

/** How to add a provider to a relay that has none, naming the file to edit. */
export function addProviderHint(configPath: string): string[] {
  return [
    'No provider is configured yet. To add one:',
    '  - set its usual variable (OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY, …) or store its key with',
    '    `npm run relay -- secrets set <provider>`, then add `- id: <provider>` under providers: in',
    `    ${configPath} (or on the Providers page of the UI);`,
    '  - or start Ollama or LM Studio and add `- id: ollama` / `- id: lmstudio`;',
    '  - or try the relay with recorded answers: `npm run relay -- --demo`.',
  ];
}

/** The start-up lines of a first start: what was found and written (never a key), or how to add one. */
export function describeFirstStart(report: FirstStartReport, configPath: string): string[] {
  const lines =
    report.providers.length === 0
      ? [`First start: wrote ${configPath}; no provider key or local server was found.`]
      : [
          `First start: wrote ${configPath} with what this machine has:`,
          ...report.providers.map((provider) => `  ${provider.id.padEnd(11)} ${provider.found}`),
        ];
  for (const note of report.notes) lines.push(`  left out: ${note}`);
  if (report.providers.length === 0) lines.push(...addProviderHint(configPath));
  return lines;
}
