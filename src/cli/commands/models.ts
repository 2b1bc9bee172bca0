// `reslab models`: the model zoo's registry. `list` names every model; `info` builds
// one (by name or from a JSON config) and prints its size, cost and block table.
import { parse, membersFlag, emitResult, UsageError } from '../args.js';
import { listModels, namedConfig, createModel, loadConfigFile, profileModel, humanCount, type ModelConfig } from '../../models/index.js';

export const summary = 'list the model zoo; show parameters, MACs and blocks of a model';
export const usage = `usage: reslab models list [--json]
       reslab models info NAME [--input 3x32x32 | 1x100 | 100] [--members K] [--json]
       reslab models info --config FILE.json [--input …] [--json]

  --input   input shape without batch: CxHxW (2-D), CxL (1-D) or F (flat, MLP models);
            default: the model's own input. Sets the model's dims and input channels.
  --config  a JSON config: a full config ({"family": "resnet", …}) or a named model with
            overrides ({"base": "resnet56", "shortcut": "none"})
  --members an MLP model as a TabM-style efficient ensemble of K members, as
            'reslab train --members K' builds it (its MACs are K networks')

examples:
  reslab models list
  reslab models info detect_grid_resnet --input 2x6x246`;

export function parseInput(s: string): number[] {
  const dims = s.toLowerCase().split('x').map(Number);
  if (!dims.length || dims.some((d) => !Number.isInteger(d) || d <= 0)) throw new UsageError(`--input must look like 3x32x32, 1x100 or 100, got '${s}'`);
  return dims;
}

export async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, { input: { type: 'string' }, config: { type: 'string' }, members: { type: 'string' } });
  const [sub, name, ...extra] = positionals;
  if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  if (sub === 'list') {
    const rows = listModels().map(({ name: n, family, description, input }) => ({ name: n, family, input: input.join('x'), description }));
    const w = Math.max(...rows.map((r) => r.name.length));
    const human = rows.map((r) => `${r.name.padEnd(w)}  ${r.family.padEnd(10)}  ${r.input.padEnd(9)}  ${r.description}`).join('\n');
    emitResult(values.json, { models: rows }, human);
    return;
  }
  if (sub !== 'info') throw new UsageError(sub ? `unknown subcommand '${sub}'` : 'give a subcommand: list or info');
  if (!name && !values.config) throw new UsageError('models info needs a model NAME or --config FILE.json');
  if (name && values.config) throw new UsageError('give a model NAME or --config, not both');
  let cfg: ModelConfig;
  let input: number[] | undefined = values.input ? parseInput(values.input) : undefined;
  if (values.config) cfg = loadConfigFile(values.config);
  else {
    const e = namedConfig(name);
    cfg = e.config();
    input ??= e.input;
  }
  if (!input) throw new UsageError('--input is required with --config');
  const members = membersFlag(values.members);
  const model = createModel(cfg, { input, members });
  try {
    const p = profileModel(model, input);
    const label = name ?? values.config!;
    const lines = [
      `${label} (${model.config.family}), input ${input.join('x')} → output ${p.outputShape.join('x')}`,
      `parameters  ${p.params.toLocaleString('en-US')} (${humanCount(p.params)})`,
      `MACs        ${p.macs.toLocaleString('en-US')} (${humanCount(p.macs)}) per sample`,
      `blocks      ${p.blockCount}, downsampling: ${p.downsampling.length ? p.downsampling.join(', ') : 'none'}`,
      '',
      '  #  kind                shape                down  branches      params        MACs  output',
      ...p.blocks.map((b) => `${String(b.index).padStart(3)}  ${b.kind.padEnd(18)}  ${b.shape.padEnd(19)}  ${b.downsample ? 'yes ' : '    '}  ${String(b.numBranches).padStart(8)}  ${String(b.params).padStart(10)}  ${humanCount(b.macs).padStart(10)}  ${b.outputShape.join('x')}`),
    ];
    emitResult(values.json, { name: name ?? null, config: model.config, ...p }, lines.join('\n'));
  } finally {
    model.dispose();
  }
}
