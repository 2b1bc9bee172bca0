// Vega-Lite spec → SVG text, on the server: compile to Vega, run a headless View
// (renderer 'none', no DOM, no canvas) and serialise its scenegraph. The page then needs
// no script and no network to show the chart.
import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { installTextMetrics } from './measure.js';

/** Compiles a Vega-Lite spec; warnings (dropped encodings, bad types) are errors here, because a chart that silently loses a channel misleads. */
export function compileSpec(spec: TopLevelSpec): vega.Spec {
  const warnings: string[] = [];
  const logger = {
    _level: 0,
    level(l?: number) {
      if (l === undefined) return this._level;
      this._level = l;
      return this;
    },
    error(...args: unknown[]) {
      throw new Error(`Vega-Lite: ${args.join(' ')}`);
    },
    warn(...args: unknown[]) {
      warnings.push(args.join(' '));
      return this;
    },
    info() {
      return this;
    },
    debug() {
      return this;
    },
  };
  const out = compile(spec, { logger: logger as never }).spec as vega.Spec;
  if (warnings.length) throw new Error(`Vega-Lite warnings for "${titleOf(spec)}": ${warnings.join('; ')}`);
  return out;
}

function titleOf(spec: TopLevelSpec): string {
  const t = (spec as { title?: string | { text?: unknown } }).title;
  return typeof t === 'string' ? t : String(t?.text ?? '(untitled)');
}

/** A loader that refuses everything: charts carry their data inline, so any fetch is a bug. */
const noLoader = {
  load: (uri: string) => Promise.reject(new Error(`chart tried to load '${uri}'; report charts must carry inline data`)),
  sanitize: (uri: string) => Promise.reject(new Error(`chart tried to load '${uri}'`)),
  http: () => Promise.reject(new Error('no network in reports')),
  file: () => Promise.reject(new Error('no files in reports')),
};

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  installTextMetrics();
  const view = new vega.View(vega.parse(compileSpec(spec)), { renderer: 'none', loader: noLoader as never, logLevel: vega.Warn });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
