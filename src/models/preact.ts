// Pre-activation arrangements (He et al. 2016, "Identity mappings", Fig. 4), for basic
// (2 convs) and bottleneck (3 convs) blocks. Each arrangement is a token program over
// the block's convolutions; what follows the addition is the join:
//   (a) original            c b r … c b   | join: relu
//   (b) BN after addition   c b r … c     | join: bn relu
//   (c) ReLU before add     c b r … c b r | join: —
//   (d) ReLU-only preact    r c b … r c b | join: —
//   (e) full preact         b r c … b r c | join: —   (clean identity path; trains best)
// Wide ResNet's dropout goes right before the last convolution.
import { Tensor } from '../torch/index.js';
import { Module, Dropout } from '../nn/index.js';
import { BlockBase } from './blocks.js';
import { conv, norm, strideOf } from './conv.js';
import { makeShortcut, type ShortcutKind } from './shortcut.js';
import { makeSE } from './se.js';
import { bottleneckWidth, type Arrangement, type BlockArgs } from './blockargs.js';
import { cifarResNet, type NamedConfigs } from './presets.js';

type Token = 'c' | 'b' | 'r' | 'd';

function program(arr: Arrangement, convs: number, dropout: boolean): { body: Token[]; join: Token[] } {
  const per: Record<Arrangement, Token[]> = { a: ['c', 'b', 'r'], b: ['c', 'b', 'r'], c: ['c', 'b', 'r'], d: ['r', 'c', 'b'], e: ['b', 'r', 'c'] };
  const body: Token[] = [];
  for (let i = 0; i < convs; i++) {
    let t = per[arr].slice();
    if (i === convs - 1) {
      if (arr === 'a') t = ['c', 'b'];
      if (arr === 'b') t = ['c'];
      if (dropout) t.splice(t.indexOf('c'), 0, 'd');
    }
    body.push(...t);
  }
  const join: Token[] = arr === 'a' ? ['r'] : arr === 'b' ? ['b', 'r'] : [];
  return { body, join };
}

export class PreActBlock extends BlockBase {
  readonly arrangement: Arrangement;
  // Token programs name their layers rather than hold them, so a layer swapped in with
  // replaceModule is the one that runs.
  private readonly body: [Token, string | null][] = [];
  private readonly post: [Token, string | null][] = [];
  declare se: Module | null;

  constructor(a: BlockArgs, bottleneck: boolean) {
    const cout = bottleneck ? a.planes * 4 : a.planes;
    super({ inChannels: a.cin, outChannels: cout, stride: strideOf(a.stride, a.dims) });
    this.arrangement = a.arrangement ?? 'e';
    const width = bottleneck ? bottleneckWidth(a) : a.planes;
    const convs = bottleneck
      ? [{ cout: width, k: 1, stride: 1 as number | number[], groups: 1 }, { cout: width, k: 3, stride: a.stride, groups: a.groups }, { cout, k: 1, stride: 1, groups: 1 }]
      : [{ cout, k: 3, stride: a.stride, groups: 1 }, { cout, k: 3, stride: 1, groups: 1 }];
    const prog = program(this.arrangement, convs.length, (a.dropout ?? 0) > 0);
    const add = (name: string, m: Module): string => (this.registerModule(name, m), name);
    let ch = a.cin;
    let nc = 0;
    let nb = 0;
    for (const t of prog.body) {
      if (t === 'c') {
        const c = convs[nc++];
        this.body.push([t, add(`conv${nc}`, conv(a.dims, ch, c.cout, c.k, { stride: c.stride, groups: c.groups }))]);
        ch = c.cout;
      } else if (t === 'b') this.body.push([t, add(`bn${++nb}`, norm(a.dims, ch))]);
      else if (t === 'd') this.body.push([t, add('dropout', new Dropout(a.dropout))]);
      else this.body.push([t, null]);
    }
    for (const t of prog.join) this.post.push([t, t === 'b' ? add('bn_join', norm(a.dims, cout)) : null]);
    const se = makeSE(a.dims, cout, a.se);
    this.se = se ? this.registerModule('se', se) : null;
    // Post-activation arrangements normalise their projection; pre-activation ones keep
    // the shortcut a bare linear map.
    const postAct = this.arrangement === 'a' || this.arrangement === 'b' || this.arrangement === 'c';
    this.setShortcut(a.shortcut === 'none', makeShortcut(a.shortcut, a.dims, a.cin, cout, a.stride, postAct));
  }

  private run(ops: [Token, string | null][], x: Tensor): Tensor {
    for (const [t, name] of ops) x = t === 'r' ? x.relu() : this.getSubmodule(name!).forward(x);
    return x;
  }
  protected branch(_i: number, x: Tensor): Tensor {
    const h = this.run(this.body, x);
    return this.se ? this.se.forward(h) : h;
  }
  protected override join(y: Tensor): Tensor { return this.run(this.post, y); }
}

const preactCifar = (depth: number, bottleneck: boolean, arrangement: Arrangement = 'e', shortcut: ShortcutKind = 'B') =>
  cifarResNet(depth, bottleneck ? 'preact_bottleneck' : 'preact_basic', shortcut, {
    arrangement,
    // Arrangements that end a block on a convolution need the stem to normalise nothing
    // and the head to apply the last BN-ReLU.
    ...(arrangement === 'd' || arrangement === 'e' ? { stem: { kind: 'cifar' as const, width: 16, norm: false }, finalNorm: true } : {}),
  });

export const preactModels: NamedConfigs = {
  preact_resnet110: { description: 'pre-activation ResNet-110 (basic, full pre-activation (e))', input: [3, 32, 32], config: () => preactCifar(110, false) },
  preact_resnet164: { description: 'pre-activation ResNet-164 (bottleneck, (e); He et al.: 1.7 M)', input: [3, 32, 32], config: () => preactCifar(164, true) },
  preact_resnet1001: { description: 'pre-activation ResNet-1001 (bottleneck, (e); He et al.: 10.2 M)', input: [3, 32, 32], config: () => preactCifar(1001, true) },
};
for (const a of ['a', 'b', 'c', 'd', 'e'] as const) {
  preactModels[`preact_resnet20_${a}`] = { description: `ResNet-20 with arrangement (${a}) of "Identity mappings" Fig. 4`, input: [3, 32, 32], config: () => preactCifar(20, false, a, 'A') };
}
