// Runs one feature extraction in its own process, so that its peak RSS is its own (the
// bench process also holds the generator's and earlier runs' memory), and prints one
// JSON line: the summary, seconds per stage, CPU time and peak RSS.
// MODE: fresh (default; nothing saved or restored), kill-after:STAGE (stages are saved, and
// the process kills itself with SIGKILL once STAGE is saved, as the OOM killer would), or
// resume (restores what a killed run saved).
// usage: node --import tsx bench/lib/extractOnce.ts DATA OUT GRANULARITY THREADS MEMORY [MODE]
import { extractFeatures, type StageEvent } from '../../src/data/cert/index.js';

const [data, out, granularity, threads, memory, mode = 'fresh'] = process.argv.slice(2);
const killAfter = mode.startsWith('kill-after:') ? mode.slice('kill-after:'.length) : null;
const t0 = performance.now();
let last = t0;
const stageSeconds: Record<string, number> = {};
const mark = (name: string) => {
  const now = performance.now();
  stageSeconds[name] = +((now - last) / 1000).toFixed(2);
  last = now;
};
const summary = await extractFeatures({
  data: data!,
  out: out!,
  granularity: granularity as 'day',
  threads: Number(threads),
  memoryLimit: memory!,
  quiet: true,
  resume: mode !== 'fresh',
  onStage: (e: StageEvent) => {
    // Time up to a stage's start is setup (LDAP, answers) or the previous stage's follow-up work.
    if (e.status === 'start') mark(e.stage === 'logon' ? 'setup' : `before ${e.stage}`);
    else if (e.status === 'done') mark(e.stage);
    else mark(`${e.stage} (restored)`);
    if (e.stage === killAfter && e.status === 'done') process.kill(process.pid, 'SIGKILL');
  },
});
mark('features and output');
const cpu = process.cpuUsage();
console.log(
  JSON.stringify({
    summary,
    stageSeconds,
    cpuUserSeconds: +(cpu.user / 1e6).toFixed(1),
    cpuSystemSeconds: +(cpu.system / 1e6).toFixed(1),
    maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
