// The `reslab` command: finds the subcommand and hands it the remaining flags.
// Each subcommand lives in commands/<name>.ts and exports `summary`, `usage` and `run(argv)`.
import { UsageError } from './args.js';

export interface Command {
  summary: string;
  usage: string;
  run(argv: string[]): Promise<void>;
}

const commands: Record<string, () => Promise<Command>> = {
  demo: () => import('./commands/demo.js'),
  generate: () => import('./commands/generate.js'),
  features: () => import('./commands/features.js'),
  train: () => import('./commands/train.js'),
  score: () => import('./commands/score.js'),
  baselines: () => import('./commands/baselines.js'),
  compare: () => import('./commands/compare.js'),
  contest: () => import('./commands/contest.js'),
  tune: () => import('./commands/tune.js'),
  models: () => import('./commands/models.js'),
  recipes: () => import('./commands/recipes.js'),
  report: () => import('./commands/report.js'),
  lesion: () => import('./commands/lesion.js'),
  paths: () => import('./commands/paths.js'),
  variants: () => import('./commands/variants.js'),
  rank: () => import('./commands/rank.js'),
  shattered: () => import('./commands/shattered.js'),
};

async function main(args: string[]): Promise<number> {
  // --verbose (any command): stack traces with errors; otherwise one line.
  const verbose = args.includes('--verbose') || Boolean(process.env.RESLAB_DEBUG);
  const [name, ...rest] = args.filter((a) => a !== '--verbose');
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const lines = ['usage: reslab <command> [flags] [--json] [--verbose]', '', 'commands:'];
    for (const [n, load] of Object.entries(commands)) {
      // A command that fails to load is listed with its error rather than hidden.
      const c = await load().catch((e: Error) => ({ summary: `(cannot load: ${e.message.split('\n')[0]})` }));
      lines.push(`  ${n.padEnd(10)} ${c.summary}`);
    }
    console.log(lines.join('\n'));
    return name ? 0 : 1;
  }
  const load = commands[name];
  if (!load) {
    console.error(`reslab: unknown command '${name}' (try 'reslab help')`);
    return 2;
  }
  const cmd = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(cmd.usage);
    return 0;
  }
  try {
    await cmd.run(rest);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`reslab ${name}: ${e.message}\n\n${cmd.usage}`);
      return 2;
    }
    console.error(`reslab ${name}: ${(e as Error).message}`);
    if (verbose) console.error((e as Error).stack);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
