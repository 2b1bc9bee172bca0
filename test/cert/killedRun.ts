// A feature extraction that kills its own process (SIGKILL: no cleanup runs, as with the
// OOM killer or a power cut) right after STAGE is saved. Spawned by resume.test.ts.
// usage: node --import tsx test/cert/killedRun.ts DATA OUT GRANULARITY STAGE
import { extractFeatures, type Granularity } from '../../src/data/cert/index.js';

const [data, out, granularity, stage] = process.argv.slice(2);
await extractFeatures({
  data: data!,
  out: out!,
  granularity: granularity as Granularity,
  quiet: true,
  onStage: (e) => {
    if (e.stage === stage && e.status === 'done') process.kill(process.pid, 'SIGKILL');
  },
});
