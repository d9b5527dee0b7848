const geo = /^(?:us|us-gov|eu|apac|au|jp|ca|in|uk|kr|sa|regional)\./;
const dated = /-20\d{2}-?\d{2}-?\d{2}(?:-v\d+(?::\d+)?)?$/;

/**
 * Orders ids of one model by how well each names it: no regional prefix (a `global.` one next),
 * not `-latest`, undated (a `-2025…` date before an `@` one), listed by more sources (`listings`),
 * fewer dashes (a dotted version), then shorter, then alphabetical.
 * The first is the entry's id.
 */
export function compareModelIds(a: string, b: string, listings?: ReadonlyMap<string, number>): number {
  const rank = (id: string) => [
    geo.test(id) ? 2 : id.startsWith('global.') ? 1 : 0,
    /-latest$/i.test(id) ? 1 : 0,
    // a Vertex `@version` is a dated id too, and Vertex's own spelling only
    id.includes('@') ? 2 : dated.test(id) ? 1 : 0,
    -(listings?.get(id) ?? 0),
    // `gpt-5.2` over `gpt-5-2`: where sources list both, the dotted one is the provider's spelling
    id.split('-').length,
    id.length,
  ];
  const x = rank(a);
  const y = rank(b);
  for (let index = 0; index < x.length; index += 1) if (x[index] !== y[index]) return x[index]! - y[index]!;
  return a < b ? -1 : a > b ? 1 : 0;
}
