// Progress reporting for long jobs: a bar with rate and ETA on a TTY (cli-progress),
// plain lines at most every few seconds otherwise, nothing when quiet (tests, --json).
import cliProgress from 'cli-progress';

export interface Progress {
  /** Set the absolute amount done. */
  update(done: number, label?: string): void;
  /** Add to the amount done. */
  increment(by?: number, label?: string): void;
  stop(): void;
}

export interface ProgressOptions {
  title: string;
  total: number;
  unit?: string;
  /** Suppress all output. */
  quiet?: boolean;
  stream?: NodeJS.WriteStream;
}

const silent: Progress = { update() {}, increment() {}, stop() {} };

export function progress(opts: ProgressOptions): Progress {
  if (opts.quiet) return silent;
  const stream = opts.stream ?? process.stderr;
  const unit = opts.unit ?? 'items';
  if (stream.isTTY) return ttyBar(opts, stream, unit);
  return plainLines(opts, stream, unit);
}

function ttyBar(opts: ProgressOptions, stream: NodeJS.WriteStream, unit: string): Progress {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${opts.title} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate}/s | ETA {eta_formatted} {label}`,
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const t0 = Date.now();
  let done = 0;
  bar.start(opts.total, 0, { rate: '0', label: '' });
  const payload = (label?: string) => ({ rate: fmtRate(done / Math.max(1e-3, (Date.now() - t0) / 1000)), label: label ?? '' });
  return {
    update(d, label) { done = d; bar.update(d, payload(label)); },
    increment(by = 1, label) { done += by; bar.update(done, payload(label)); },
    stop() { bar.stop(); },
  };
}

function plainLines(opts: ProgressOptions, stream: NodeJS.WriteStream, unit: string): Progress {
  const t0 = Date.now();
  let last = 0;
  let done = 0;
  const emit = (force: boolean, label?: string) => {
    const now = Date.now();
    if (!force && now - last < 5000) return;
    last = now;
    const secs = (now - t0) / 1000;
    const pct = opts.total > 0 ? ((100 * done) / opts.total).toFixed(1) : '?';
    stream.write(`${opts.title}: ${done}/${opts.total} ${unit} (${pct}%) ${fmtRate(done / Math.max(secs, 1e-3))}/s ${secs.toFixed(1)}s${label ? ' ' + label : ''}\n`);
  };
  return {
    update(d, label) { done = d; emit(false, label); },
    increment(by = 1, label) { done += by; emit(false, label); },
    stop() { emit(true); },
  };
}

function fmtRate(r: number): string {
  if (r >= 1e6) return (r / 1e6).toFixed(2) + 'M';
  if (r >= 1e3) return (r / 1e3).toFixed(1) + 'k';
  return r.toFixed(1);
}
