import { Error as LOG_ERROR, logger, parse, View, type Loader } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * Renders a Vega-Lite specification to a standalone SVG string with Vega's
 * headless view (no canvas, no browser, no network). The loader refuses
 * every URL and file: a report's charts must carry their data inline, so
 * report.html opens the same offline as on the machine that wrote it.
 */

export interface RenderOptions {
  /**
   * Prefix for the ids inside the SVG (gradients, clip paths). Inline SVGs
   * share one id space in an HTML page, so each chart of a report needs its
   * own; ids are numbered from 1 per chart, so the output is byte-stable.
   */
  idPrefix?: string;
}

/** A loader that loads nothing and remembers what it was asked for (Vega only logs a failed load as a warning). */
function offlineLoader(refused: string[]): Loader {
  const refuse = (what: string): Promise<never> => {
    refused.push(what);
    return Promise.reject(new Error(`refusing to load ${what}`));
  };
  return { load: refuse, sanitize: refuse, http: refuse, file: refuse };
}

/** Vega logs dataflow failures instead of rejecting; collect them to fail loudly. */
function collectingLogger(errors: string[]) {
  return logger(LOG_ERROR, 'error', (method, _level, args) => {
    if (method === 'error') errors.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
  });
}

/** Renumbers every id in the SVG as `${prefix}-1`, `${prefix}-2` … and rewrites the url(#…) references to match. */
export function renumberIds(svg: string, prefix: string): string {
  if (!/^[A-Za-z][\w-]*$/.test(prefix)) throw new RangeError(`an id prefix must be a letter then letters, digits, "_" or "-", got "${prefix}"`);
  const ids = new Map<string, string>();
  for (const match of svg.matchAll(/\sid="([^"]+)"/g)) {
    const id = match[1] as string;
    if (!ids.has(id)) ids.set(id, `${prefix}-${ids.size + 1}`);
  }
  return svg
    .replace(/(\sid=")([^"]+)(")/g, (_, open: string, id: string, close: string) => `${open}${ids.get(id) ?? id}${close}`)
    .replace(/url\(#([^)]+)\)/g, (whole, id: string) => (ids.has(id) ? `url(#${ids.get(id)})` : whole));
}

export async function renderSvg(spec: TopLevelSpec, options: RenderOptions = {}): Promise<string> {
  const errors: string[] = [];
  const refused: string[] = [];
  const log = collectingLogger(errors);
  const { spec: vegaSpec } = compile(spec, { logger: log });
  const view = new View(parse(vegaSpec), { renderer: 'none', loader: offlineLoader(refused), logger: log });
  try {
    const svg = await view.toSVG();
    if (refused.length > 0) throw new Error(`charts render offline: refused to load ${refused.join(', ')}; put the data inline in the spec`);
    if (errors.length > 0) throw new Error(`chart failed to render: ${errors.join('; ')}`);
    return renumberIds(svg, options.idPrefix ?? 'chart');
  } finally {
    view.finalize();
  }
}
