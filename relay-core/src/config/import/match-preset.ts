import { providerPresets } from '../presets.js';
import type { AdapterKind, ProviderPreset } from '../presets.js';

const localHosts = new Set(['localhost', '127.0.0.1', '0.0.0.0', '[::1]', 'host.docker.internal']);
// presets that only stand for a local server on its default port
const localPorts: Record<string, string> = { '11434': 'ollama', '1234': 'lmstudio', '8000': 'vllm' };

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * The preset serving this URL with this API shape: the one whose default endpoint has the same
 * host (a local server by its default port), or undefined for an endpoint no preset knows.
 */
export function presetForUrl(url: string, adapter: AdapterKind): ProviderPreset | undefined {
  const parsed = parse(url);
  if (!parsed) return undefined;
  if (localHosts.has(parsed.hostname)) {
    const preset = providerPresets[localPorts[parsed.port] ?? ''];
    return preset?.adapter === adapter ? preset : undefined;
  }
  return Object.values(providerPresets).find(
    (preset) => preset.adapter === adapter && parse(preset.baseUrl)?.hostname === parsed.hostname,
  );
}

/** The preset whose default endpoint shares the URL's host, whatever its API shape (for its region). */
export function regionForUrl(url: string): string | undefined {
  const parsed = parse(url);
  if (!parsed) return undefined;
  if (localHosts.has(parsed.hostname)) return 'local';
  const preset = Object.values(providerPresets).find(
    (candidate) => parse(candidate.baseUrl)?.hostname === parsed.hostname,
  );
  // a mainland-China endpoint is known by its domain even where no preset lives
  return preset?.region ?? (parsed.hostname.endsWith('.cn') ? 'cn' : undefined);
}

/** A provider id from a URL's host, its domain's own name: `ark.cn-beijing.volces.com` → `volces`. */
export function idFromUrl(url: string): string {
  const host = parse(url)?.hostname ?? '';
  if (localHosts.has(host) || /^[\d.]+$/.test(host)) return 'local';
  const labels = host.split('.');
  return labels.length >= 2 ? labels[labels.length - 2]! : host || 'custom';
}

/** The URL without trailing slashes and without the endpoint path a client appends. */
export function trimEndpoint(url: string, endpoints: string[]): string {
  let base = url.trim().replace(/\/+$/, '');
  for (const endpoint of endpoints) {
    if (base.endsWith(endpoint)) {
      base = base.slice(0, -endpoint.length).replace(/\/+$/, '');
      break;
    }
  }
  return base;
}
