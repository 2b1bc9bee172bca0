// The variants of the seeds' study, sized for 28×28 grey images: every residual family of
// papers.md next to the plain twin, at (about) the depth of fmnist_resnet32 and at most
// ~150 k parameters, so that a few epochs on a Fashion-MNIST subset fit on two cores.
// Where a paper fixes its own CIFAR depth (ResNeXt-29, DenseNet-BC-40, WRN-16-k,
// FractalNet's columns) that depth is kept and the width chosen to match the parameter
// budget; every ResNet-structured variant uses widths 8/16/32 like fmnist_resnet32.
// ReXNet has no CIFAR depth of its own; it is cut to the budget (see rexnetSmall).
import { cifarResNet, cifarDense, plainOf, withStochasticDepth, wrn, huang, type ModelConfig, type ResNetConfig, type ReXNetConfig, type Arrangement } from '../../models/index.js';

export interface Variant {
  name: string;
  /** The paper / family label shown in tables. */
  family: string;
  description: string;
  config: () => ModelConfig;
}

const WIDTHS = [8, 16, 32];
const stem8 = (norm = true) => ({ kind: 'cifar' as const, width: 8, ...(norm ? {} : { norm: false }) });
const grey = { inChannels: 1, widths: WIDTHS };

/** ResNet-32 (15 basic blocks, option-A shortcuts) at widths 8/16/32: fmnist_resnet32. */
const v1 = (): ResNetConfig => cifarResNet(32, 'basic', 'A', { ...grey, stem: stem8() });

/** ResNet-32 with arrangement (a)–(e) of He et al.'s "Identity mappings", Fig. 4. */
function preact(a: Arrangement): ResNetConfig {
  // (d) and (e) end a block on a convolution: the stem normalises nothing, the head does.
  const ends = a === 'd' || a === 'e';
  return cifarResNet(32, 'preact_basic', 'A', { ...grey, arrangement: a, stem: stem8(!ends), ...(ends ? { finalNorm: true } : {}) });
}

/** WRN-16-2 on the half-width base, last stage trimmed 64 → 48 to stay near the parameter budget: shallower and wider. */
const wide = (): ResNetConfig => ({ ...wrn(16, 2, 0, 10), inChannels: 1, stem: { kind: 'cifar', width: 8, norm: false }, widths: [16, 32, 48] });

/**
 * ReXNet at width ×0.12 and depth ×0.5 (10 inverted bottlenecks, widths 16 → 35 in the
 * paper's linear growth, SE from the third stage). Its narrowest width (a 32-channel stem,
 * 16 to start; width multipliers below 1 do not shrink them) at the paper's 16 blocks is
 * already ~200 k parameters, so half the depth keeps it in the budget. The map is halved
 * twice (28 → 14 → 7) like ResNet-32's, but early (stage strides 1,2,1,2,1,1): its ×6
 * expansions at 28×28 made it the slowest variant on CPU (34 s per 3,000 images against
 * ResNet-32's 8 s) for no gain in MACs (7.8 M against 12.7 M the later halvings gave). No head
 * dropout: the study trains every family with one recipe, and only the regularisers that
 * are a family's subject (drop-path, stochastic depth) stay on.
 */
const rexnetSmall = (): ReXNetConfig => ({
  family: 'rexnet', dims: 2, inChannels: 1, numClasses: 10, widthMult: 0.12, depthMult: 0.5, stemStride: 1, strides: [1, 2, 1, 2, 1, 1], seRatio: 1 / 12, headDropout: 0,
});

export const VARIANTS: Variant[] = [
  { name: 'resnet_v1', family: 'ResNet v1', description: 'ResNet-32, basic post-activation blocks, option A (fmnist_resnet32)', config: v1 },
  ...(['a', 'b', 'c', 'd', 'e'] as const).map((a) => ({
    name: `preact_${a}`, family: `pre-act (${a})`, description: `ResNet-32 with arrangement (${a}) of "Identity mappings" Fig. 4`, config: () => preact(a),
  })),
  { name: 'wrn', family: 'Wide ResNet', description: 'WRN-16-2 style: 6 pre-activation blocks at widths 16/32/48', config: wide },
  {
    name: 'resnext', family: 'ResNeXt', description: 'ResNeXt-29 4×8d: 9 bottlenecks, cardinality 4, outputs 32/64/128',
    config: () => cifarResNet(29, 'bottleneck', 'B', { ...grey, stem: stem8(), groups: 4, baseWidth: 32 }),
  },
  {
    name: 'res2net', family: 'Res2Net', description: 'Res2Net-29 (width 4 × scale 4 in stage 1): 9 bottlenecks, outputs 32/64/128',
    config: () => cifarResNet(29, 'res2net', 'B', { ...grey, stem: stem8(), baseWidth: 32, scale: 4 }),
  },
  {
    name: 'densenet', family: 'DenseNet', description: 'DenseNet-BC L=40 k=8: 3 × 6 dense layers, compression 0.5',
    config: () => ({ ...cifarDense(40, 8, true), inChannels: 1 }),
  },
  { name: 'stochastic', family: 'stochastic depth', description: 'resnet_v1 with stochastic depth, p_L = 0.5 (linear decay)', config: () => withStochasticDepth(v1(), huang(0.5)) },
  {
    name: 'fractalnet', family: 'FractalNet', description: 'FractalNet, 3 columns × 4 blocks (widths 8/16/24/24), local drop 0.15, global 0.5',
    config: () => ({ family: 'fractalnet', dims: 2, inChannels: 1, numClasses: 10, columns: 3, widths: [8, 16, 24, 24], localDrop: 0.15, globalRatio: 0.5 }),
  },
  {
    name: 'rexnet', family: 'ReXNet', description: 'ReXNet ×0.12 width, ×0.5 depth: 10 inverted bottlenecks (7 with zero-padded shortcuts), widths 16 → 35',
    config: rexnetSmall,
  },
  { name: 'highway', family: 'Highway', description: 'ResNet-32 layout with highway (gated) blocks', config: () => cifarResNet(32, 'highway', 'B', { ...grey, stem: stem8() }) },
  {
    name: 'multires', family: 'multi-residual', description: 'depth-20 multi-residual net, multiplicity 2 (18 residual functions)',
    config: () => cifarResNet(20, 'multires', 'B', { ...grey, multiplicity: 2, stem: stem8(false), finalNorm: true }),
  },
  { name: 'plain', family: 'plain twin', description: 'resnet_v1 without shortcuts (fmnist_plain32)', config: () => plainOf(v1()) },
];

export function variantNames(): string[] {
  return VARIANTS.map((v) => v.name);
}

/** The variants named in `only` (all when empty), in study order; unknown names throw. */
export function pickVariants(only: string[] = []): Variant[] {
  const bad = only.filter((n) => !VARIANTS.some((v) => v.name === n));
  if (bad.length) throw new Error(`unknown variant(s) ${bad.join(', ')}; one of ${variantNames().join(', ')}`);
  return only.length ? VARIANTS.filter((v) => only.includes(v.name)) : VARIANTS;
}
