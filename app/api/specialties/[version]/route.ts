import { publishedCatalog } from '@/lib/taxonomy/published';

/**
 * The specialty catalog for the combobox (decision 017). Its address names a hash of its content, so the current
 * one is cached for a year and never asked again; a page from before an update of the code set gets the current
 * list, uncached.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ version: string }> }) {
  const { version } = await params;
  const catalog = publishedCatalog();
  return new Response(catalog.json, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': version === catalog.version ? 'public, max-age=31536000, immutable' : 'no-cache',
    },
  });
}
