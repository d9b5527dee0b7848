import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCatalog } from '../../relay-core/src/catalog/load-catalog.js';
import { buildCatalogData } from './build-catalog-data.js';
import { notText, priceTolerance } from './merge-model-group.js';
import { renderCatalogFiles } from './render-catalog-files.js';

// The real build, from the sources as installed: scripts/catalog/litellm-snapshot and the two dev dependencies.
let data: Awaited<ReturnType<typeof buildCatalogData>>;
let files: Record<string, string>;
beforeAll(async () => {
  data = await buildCatalogData();
  files = renderCatalogFiles(data);
});

describe('npm run build:catalog', () => {
  it('writes the same bytes every run, and the committed resources are what it writes', async () => {
    expect(renderCatalogFiles(await buildCatalogData())).toEqual(files);
    for (const [name, text] of Object.entries(files)) {
      expect(readFileSync(new URL(`../../resources/${name}`, import.meta.url), 'utf8'), name).toBe(text);
    }
  });

  it('prices every text model a source prices, whatever id the source lists it under', () => {
    const catalog = createCatalog(data.file);
    const leftOut: string[] = [];
    for (const record of data.models) {
      if (record.prices?.input === undefined || record.prices.output === undefined) continue;
      // the acceptance's "released before 2026-09": a model without a release date counts too
      if (record.releaseDate !== undefined && record.releaseDate >= '2026-09') continue;
      const entry = catalog.find(record.provider, record.id);
      if (!entry) {
        leftOut.push(record.id);
        continue;
      }
      expect(entry.input, `${record.source} ${record.provider}/${record.id}`).toBeDefined();
      expect(entry.output, `${record.source} ${record.provider}/${record.id}`).toBeDefined();
    }
    // what is not in the catalog is speech, images and the like, or a price for ids with a prefix
    for (const id of leftOut) expect(notText.test(id) || /[^a-z0-9]$/i.test(id), id).toBe(true);
  });

  it('is described by the README with the figures it writes', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const start = readme.indexOf('### Catalog\n');
    // the section's words, whatever their line breaks
    const section = readme.slice(start, readme.indexOf('\n## ', start)).replace(/\s+/g, ' ');
    const number = (value: number) => value.toLocaleString('en-US');
    const chat = data.file.entries.filter((entry) => entry.mode === 'chat');
    expect(section).toContain(`${number(data.merged.disagreements.length)} times`);
    const { entries } = data.file;
    expect(section).toContain(
      `${number(entries.length)} models of ${new Set(entries.map((entry) => entry.provider)).size} providers`,
    );
    expect(section).toContain(
      `${number(chat.length)} of them chat models of ${new Set(chat.map((entry) => entry.provider)).size} providers`,
    );
  });

  it('lists every disagreement once, each with figures that disagree, in the file and on its entry', () => {
    const report = JSON.parse(files['catalog-disagreements.json']!) as {
      count: number;
      disagreements: Array<{
        provider: string;
        model: string;
        field: string;
        figures: Array<{ value: number; date: string; source: string }>;
      }>;
    };
    expect(report.count).toBe(report.disagreements.length);
    expect(report.count).toBe(
      data.file.entries.reduce((sum, entry) => sum + (entry.disagreements?.length ?? 0), 0),
    );
    for (const item of report.disagreements) {
      const values = item.figures.map((figure) => figure.value);
      expect(new Set(item.figures.map((figure) => figure.source)).size).toBe(item.figures.length);
      if (item.field === 'contextWindow') expect(new Set(values).size).toBeGreaterThan(1);
      else
        expect(Math.max(...values) - Math.min(...values)).toBeGreaterThan(
          priceTolerance * Math.min(...values),
        );
    }
  });
});
