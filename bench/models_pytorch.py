"""PyTorch twins of reslab's model zoo, in Debian's PyTorch.
- `models_pytorch.py SPEC` (bench/models.ts): resnet20 (option A), tabular_mlp_resnet
  and tabular_resnet2d timed for forward + backward; one JSON line {"threads", "torch", "cases"}.
- `models_pytorch.py parity CASES.json` (test/parity/models.test.ts): every family's twin
  runs reslab's float64 weights (see "Parity twins").
- `models_pytorch.py torchvision SPEC.json` (test/parity/torchvision.test.ts):
  torchvision's own models write checkpoints for reslab to load (see "torchvision
  checkpoints"); `torchvision-keys NAME,…` prints their state-dict keys and shapes."""
import json
import math
import struct
import sys
import time
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride, shortcut):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.stride, self.cin, self.cout, self.kind = stride, cin, cout, shortcut
        self.proj = None
        if shortcut == 'B' and (stride != (1, 1) or cin != cout):
            self.proj = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        out = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
        sc = x
        if self.proj is not None:
            sc = self.proj(x)
        elif self.stride != (1, 1) or self.cin != self.cout:
            lo = (self.cout - self.cin) // 2
            sc = F.pad(x[:, :, ::self.stride[0], ::self.stride[1]], (0, 0, 0, 0, lo, self.cout - self.cin - lo))
        return F.relu(out + sc)


class ResNet(nn.Module):
    def __init__(self, in_ch, classes, stem, widths, layers, strides, shortcut):
        super().__init__()
        self.conv1 = nn.Conv2d(in_ch, stem, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(stem)
        blocks, cin = [], stem
        for w, n, s in zip(widths, layers, strides):
            for j in range(n):
                blocks.append(BasicBlock(cin, w, s if j == 0 else (1, 1), shortcut))
                cin = w
        self.blocks = nn.Sequential(*blocks)
        self.fc = nn.Linear(cin, classes)

    def forward(self, x):
        h = self.blocks(F.relu(self.bn1(self.conv1(x))))
        return self.fc(h.mean((2, 3)))


class MLPBlock(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.bn = nn.BatchNorm1d(width)
        self.fc1 = nn.Linear(width, width)
        self.fc2 = nn.Linear(width, width)

    def forward(self, x):
        return x + self.fc2(F.relu(self.fc1(self.bn(x))))


class MLPResNet(nn.Module):
    def __init__(self, features, width, depth):
        super().__init__()
        self.stem = nn.Linear(features, width)
        self.blocks = nn.Sequential(*[MLPBlock(width) for _ in range(depth)])
        self.bn = nn.BatchNorm1d(width)
        self.head = nn.Linear(width, 1)

    def forward(self, x):
        return self.head(F.relu(self.bn(self.blocks(self.stem(x)))))


def build(name):
    if name == 'resnet20':
        return ResNet(3, 10, 16, [16, 32, 64], [3, 3, 3], [(1, 1), (2, 2), (2, 2)], 'A')
    if name == 'tabular_resnet2d':
        return ResNet(1, 1, 32, [32, 64, 128], [2, 2, 2], [(1, 1), (1, 2), (1, 2)], 'B')
    if name == 'tabular_mlp_resnet':
        return MLPResNet(100, 256, 4)
    raise ValueError(name)


def bench(name, batch, shape, iters, warmup):
    torch.manual_seed(0)
    model = build(name).train()
    x = torch.randn(batch, *shape)
    classes = 10 if name == 'resnet20' else 1
    y = torch.randint(0, classes, (batch,)) if classes > 1 else torch.rand(batch, 1).round()

    def step():
        for p in model.parameters():
            p.grad = None
        out = model(x)
        loss = F.cross_entropy(out, y) if classes > 1 else F.binary_cross_entropy_with_logits(out, y)
        loss.backward()

    for _ in range(warmup):
        step()
    t = time.perf_counter()
    for _ in range(iters):
        step()
    dt = time.perf_counter() - t
    return {'name': name, 'batch': batch, 'params': sum(p.numel() for p in model.parameters()),
            'ms_per_step': 1000 * dt / iters, 'samples_per_s': batch * iters / dt}


# --- Parity twins -------------------------------------------------------------------
# `python3 models_pytorch.py parity CASES.json` (test/parity/models.test.ts): for each case
# {name, config, modes, weights}, builds the twin of a reslab config, loads reslab's
# float64 weights (safetensors, with the input `__x` and output weighting `__r`), runs
# forward + backward of sum(logits * r) and prints one JSON line of logits, input
# gradient, parameter gradients and (train mode) the updated BN statistics, keyed by
# state-dict name. The twins are written from the papers and reslab's docs, and their
# module trees carry reslab's names, which for the torchvision-shaped families are
# torchvision's (`conv1`, `layer1.0.downsample.0`, `features.denseblock1.denselayer1`):
# the weights load unrenamed, strictly.

CODES = {'F32': torch.float32, 'F64': torch.float64, 'I64': torch.int64}


def read_safetensors(path):
    raw = open(path, 'rb').read()
    (n,) = struct.unpack('<Q', raw[:8])
    header = json.loads(raw[8:8 + n].decode('utf-8'))
    header.pop('__metadata__', None)
    data = raw[8 + n:]
    out = {}
    for name, spec in header.items():
        b, e = spec['data_offsets']
        dt = CODES[spec['dtype']]
        t = torch.frombuffer(bytearray(data[b:e]), dtype=dt) if e > b else torch.empty(0, dtype=dt)
        out[name] = t.reshape(spec['shape'])
    return out


def write_safetensors(path, tensors):
    """The format read_safetensors reads: header length, JSON header, packed little-endian data."""
    names = {v: k for k, v in CODES.items()}
    header, chunks, offset = {}, [], 0
    for name, t in tensors.items():
        b = t.detach().contiguous().cpu().numpy().tobytes()
        header[name] = {'dtype': names[t.dtype], 'shape': list(t.shape), 'data_offsets': [offset, offset + len(b)]}
        chunks.append(b)
        offset += len(b)
    head = json.dumps(header).encode('utf-8')
    head += b' ' * (-len(head) % 8)  # the data starts 8-byte aligned
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(head)) + head)
        for b in chunks:
            f.write(b)


def tup(s, dims):
    """A stride for every spatial axis from one number or a per-axis list."""
    return tuple(s) if isinstance(s, list) else (s,) * dims


def conv(dims, cin, cout, k, stride=1, groups=1, bias=False):
    cls = nn.Conv1d if dims == 1 else nn.Conv2d
    return cls(cin, cout, k, tup(stride, dims), (k - 1) // 2, groups=groups, bias=bias)


def bn(dims, c):
    return nn.BatchNorm1d(c) if dims == 1 else nn.BatchNorm2d(c)


def max_pool(x, dims, k, s, p=0):
    return (F.max_pool1d if dims == 1 else F.max_pool2d)(x, k, s, p)


def avg_pool(x, dims, k, s, p=0):
    return (F.avg_pool1d if dims == 1 else F.avg_pool2d)(x, k, s, p)


def gap(x):
    return x.mean(tuple(range(2, x.dim()))) if x.dim() > 2 else x


def pad_channels(x, lo, hi):
    return F.pad(x, (0, 0) * (x.dim() - 2) + (lo, hi))


def drop_rates(spec, count):
    """Stochastic-depth rate of each block: rate·(i+1)/count (linear) or rate (constant)."""
    if not spec or spec['rate'] <= 0:
        return [0.0] * count
    if spec.get('schedule', 'linear') == 'constant':
        return [spec['rate']] * count
    return [spec['rate'] * (i + 1) / count for i in range(count)]


class ZeroPad(nn.Module):
    """He et al.'s option A: subsample, zero-pad the new channels (no parameters)."""
    def __init__(self, dims, cin, cout, stride):
        super().__init__()
        self.cin, self.cout, self.stride = cin, cout, tup(stride, dims)

    def forward(self, x):
        x = x[(slice(None), slice(None)) + tuple(slice(None, None, s) for s in self.stride)]
        lo = (self.cout - self.cin) // 2
        return pad_channels(x, lo, self.cout - self.cin - lo)


def make_shortcut(kind, dims, cin, cout, stride, with_norm=True):
    if kind == 'none' or (cin == cout and all(s == 1 for s in tup(stride, dims))):
        return None
    if kind == 'A':
        return ZeroPad(dims, cin, cout, stride)
    return nn.Sequential(conv(dims, cin, cout, 1, stride), *([bn(dims, cout)] if with_norm else []))


class SE(nn.Module):
    """Squeeze-and-excitation with 1x1 convolutions (timm's names fc1/fc2), BN inside for ReXNet."""
    def __init__(self, dims, channels, hidden, with_norm=False):
        super().__init__()
        self.fc1 = conv(dims, channels, hidden, 1, bias=True)
        if with_norm:
            self.bn = bn(dims, hidden)
        self.fc2 = conv(dims, hidden, channels, 1, bias=True)

    def forward(self, x):
        h = self.fc1(x.mean(tuple(range(2, x.dim())), keepdim=True))
        if hasattr(self, 'bn'):
            h = self.bn(h)
        return x * torch.sigmoid(self.fc2(F.relu(h)))


def se_of(dims, channels, reduction):
    return SE(dims, channels, max(1, channels // reduction)) if reduction and reduction > 0 else None


class Residual(nn.Module):
    """join(shortcut(x) + r(x)): subclasses give the branch and the join; `downsample` is
    the projection (absent: identity, or no shortcut at all in a plain net). Huang et al.'s
    stochastic depth scales the branch by its survival probability in eval."""
    plain = False
    drop_rate = 0.0
    drop_mode = 'sample'

    def set_shortcut(self, a, cout, with_norm=True, kind=None):
        self.plain = a['shortcut'] == 'none'
        sc = make_shortcut(kind or a['shortcut'], a['dims'], a['cin'], cout, a['stride'], with_norm)
        if sc is not None:
            self.downsample = sc

    def carry(self, x):
        return self.downsample(x) if hasattr(self, 'downsample') else x

    def join(self, y):
        return y

    def forward(self, x):
        r = self.branch(x)
        if self.drop_rate > 0:
            if self.training:
                raise ValueError('the twins have no drop-path in training mode (random)')
            if self.drop_mode == 'batch':
                r = r * (1 - self.drop_rate)
        return self.join(r if self.plain else self.carry(x) + r)


class Basic(Residual):
    """torchvision.models.resnet.BasicBlock (+ SE after bn2 as in timm's SE-ResNet)."""
    expansion = 1

    def __init__(self, a):
        super().__init__()
        d, p = a['dims'], a['planes']
        self.conv1 = conv(d, a['cin'], p, 3, a['stride'])
        self.bn1 = bn(d, p)
        self.conv2 = conv(d, p, p, 3)
        self.bn2 = bn(d, p)
        se = se_of(d, p, a.get('se'))
        if se is not None:
            self.se = se
        self.set_shortcut(a, p)

    def branch(self, x):
        h = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
        return self.se(h) if hasattr(self, 'se') else h

    def join(self, y):
        return F.relu(y)


def bottleneck_width(a):
    return (a['planes'] * a['baseWidth'] // 64) * a['groups']


class Bottleneck(Residual):
    """torchvision.models.resnet.Bottleneck, v1.5: the stride sits on the grouped 3x3."""
    expansion = 4

    def __init__(self, a):
        super().__init__()
        d, w, cout = a['dims'], bottleneck_width(a), a['planes'] * 4
        self.conv1 = conv(d, a['cin'], w, 1)
        self.bn1 = bn(d, w)
        self.conv2 = conv(d, w, w, 3, a['stride'], a['groups'])
        self.bn2 = bn(d, w)
        self.conv3 = conv(d, w, cout, 1)
        self.bn3 = bn(d, cout)
        se = se_of(d, cout, a.get('se'))
        if se is not None:
            self.se = se
        self.set_shortcut(a, cout)

    def branch(self, x):
        h = F.relu(self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x))))))
        h = self.bn3(self.conv3(h))
        return self.se(h) if hasattr(self, 'se') else h

    def join(self, y):
        return F.relu(y)


class PreAct(Residual):
    """Full pre-activation (arrangement (e)): BN-ReLU-conv per convolution, Wide ResNet's
    dropout right before the last one, an unnormalised projection."""
    def __init__(self, a, bottleneck):
        super().__init__()
        if a.get('arrangement', 'e') != 'e':
            raise ValueError('the pre-activation twin has arrangement (e) only')
        d = a['dims']
        cout = a['planes'] * 4 if bottleneck else a['planes']
        w = bottleneck_width(a) if bottleneck else a['planes']
        specs = [(w, 1, 1, 1), (w, 3, a['stride'], a['groups']), (cout, 1, 1, 1)] if bottleneck else [(cout, 3, a['stride'], 1), (cout, 3, 1, 1)]
        ch = a['cin']
        for i, (co, k, s, g) in enumerate(specs, 1):
            setattr(self, f'bn{i}', bn(d, ch))
            setattr(self, f'conv{i}', conv(d, ch, co, k, s, g))
            ch = co
        self.n = len(specs)
        if a.get('dropout'):
            self.dropout = nn.Dropout(a['dropout'])
        se = se_of(d, cout, a.get('se'))
        if se is not None:
            self.se = se
        self.set_shortcut(a, cout, with_norm=False)

    def branch(self, x):
        for i in range(1, self.n + 1):
            x = F.relu(getattr(self, f'bn{i}')(x))
            if i == self.n and hasattr(self, 'dropout'):
                x = self.dropout(x)
            x = getattr(self, f'conv{i}')(x)
        return self.se(x) if hasattr(self, 'se') else x


class Bottle2neck(Residual):
    """Res2Net (Gao et al.): the 3x3 stage works on `scale` splits of `width` channels,
    split i convolved after adding split i-1's output; the last split passes (pooled in a
    stage's first block, where the splits are convolved independently)."""
    def __init__(self, a):
        super().__init__()
        d, w, s, cout = a['dims'], bottleneck_width(a), a.get('scale', 4), a['planes'] * 4
        self.width, self.scale, self.dims, self.stride = w, s, d, tup(a['stride'], d)
        self.first = any(v != 1 for v in self.stride) or a['cin'] != cout
        self.conv1 = conv(d, a['cin'], w * s, 1)
        self.bn1 = bn(d, w * s)
        n = max(1, s - 1)
        self.convs = nn.ModuleList([conv(d, w, w, 3, a['stride'], a['groups']) for _ in range(n)])
        self.bns = nn.ModuleList([bn(d, w) for _ in range(n)])
        self.conv3 = conv(d, w * s, cout, 1)
        self.bn3 = bn(d, cout)
        if a.get('se'):
            self.se = SE(d, cout, max(1, a['planes'] // 4))
        self.set_shortcut(a, cout)

    def branch(self, x):
        parts = torch.split(F.relu(self.bn1(self.conv1(x))), self.width, 1)
        outs, prev = [], None
        for i, (c, b) in enumerate(zip(self.convs, self.bns)):
            prev = F.relu(b(c(parts[i] if prev is None or self.first else prev + parts[i])))
            outs.append(prev)
        if self.scale > 1:
            outs.append(avg_pool(parts[-1], self.dims, 3, self.stride, 1) if self.first else parts[-1])
        h = self.bn3(self.conv3(torch.cat(outs, 1)))
        return self.se(h) if hasattr(self, 'se') else h

    def join(self, y):
        return F.relu(y)


class Highway(Residual):
    """Srivastava et al.: y = T·H + (1 − T)·c = c + T·(H − c), with c the (projected) input
    and T a sigmoid 1x1 convolution of c."""
    def __init__(self, a):
        super().__init__()
        d, p = a['dims'], a['planes']
        self.conv1 = conv(d, a['cin'], p, 3, a['stride'])
        self.bn1 = bn(d, p)
        self.conv2 = conv(d, p, p, 3)
        self.bn2 = bn(d, p)
        self.gate = conv(d, p, p, 1, bias=True)
        self.set_shortcut(a, p, kind='none' if a['shortcut'] == 'none' else 'B')

    def branch(self, x):
        h = F.relu(self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x))))))
        if self.plain:
            return h
        c = self.carry(x)
        return torch.sigmoid(self.gate(c)) * (h - c)


class MultiRes(Residual):
    """Abdi & Nahavandi: k pre-activation basic branches summed onto one shortcut."""
    def __init__(self, a):
        super().__init__()
        d, p = a['dims'], a['planes']

        def fn():
            layers = [bn(d, a['cin']), nn.ReLU(), conv(d, a['cin'], p, 3, a['stride']), bn(d, p), nn.ReLU()]
            if a.get('dropout'):
                layers.append(nn.Dropout(a['dropout']))
            return nn.Sequential(*layers, conv(d, p, p, 3))
        self.fns = nn.ModuleList([fn() for _ in range(a.get('multiplicity', 2))])
        self.set_shortcut(a, p, with_norm=False)

    def branch(self, x):
        return sum(f(x) for f in self.fns)


BLOCKS = {
    'basic': (Basic, 1), 'bottleneck': (Bottleneck, 4), 'preact_basic': (lambda a: PreAct(a, False), 1),
    'preact_bottleneck': (lambda a: PreAct(a, True), 4), 'res2net': (Bottle2neck, 4), 'highway': (Highway, 1), 'multires': (MultiRes, 1),
}


def stem_layers(dims, cin, spec):
    """torchvision's stem (7x7/2 conv, BN, ReLU, max-pool) or the small ones: a 3x3 conv
    (strided for the tabular stem) or a linear map of the flattened input ('dense')."""
    if spec['kind'] == 'dense':
        c = nn.Linear(spec['inFeatures'], spec['width'] * spec['length'])
    else:
        big = spec['kind'] == 'imagenet'
        c = conv(dims, cin, spec['width'], 7 if big else 3, 2 if big else spec.get('stride', 1))
    return c, (bn(dims, spec['width']) if spec.get('norm', True) else None)


def run_stem(spec, dims, c, n, x):
    h = c(x.flatten(1)).view(x.shape[0], spec['width'], spec['length']) if spec['kind'] == 'dense' else c(x)
    if n is not None:
        h = F.relu(n(h))
    return max_pool(h, dims, 3, 2, 1) if spec['kind'] == 'imagenet' else h


class TwinResNet(nn.Module):
    """Every ResNet-structured reslab config, laid out as torchvision's ResNet:
    conv1, bn1, layer1…, fc (with bn_final for pre-activation nets)."""
    def __init__(self, c):
        super().__init__()
        d, self.spec, self.dims, self.pool = c['dims'], c['stem'], c['dims'], c.get('pool', 'avg')
        self.conv1, norm = stem_layers(d, c['inChannels'], c['stem'])
        if norm is not None:
            self.bn1 = norm
        make, expansion = BLOCKS[c['block']]
        cin, self.stages = c['stem']['width'], []
        for i, (n, w, s) in enumerate(zip(c['layers'], c['widths'], c['strides'])):
            blocks = []
            for j in range(n):
                a = {'dims': d, 'cin': cin, 'planes': w, 'stride': s if j == 0 else 1, 'shortcut': c['shortcut'],
                     'groups': c.get('groups', 1), 'baseWidth': c.get('baseWidth', 64)}
                for k in ('se', 'dropout', 'arrangement', 'scale', 'multiplicity'):
                    if c.get(k) is not None:
                        a[k] = c[k]
                blocks.append(make(a))
                cin = w * expansion
            setattr(self, f'layer{i + 1}', nn.Sequential(*blocks))
            self.stages.append(f'layer{i + 1}')
        every = [b for s in self.stages for b in getattr(self, s)]
        for b, r in zip(every, drop_rates(c.get('dropPath'), len(every))):
            b.drop_rate, b.drop_mode = r, c['dropPath']['mode'] if r else 'sample'
        if c.get('finalNorm'):
            self.bn_final = bn(d, cin)
        self.fc = nn.Linear(cin, c['numClasses'])

    def forward(self, x):
        h = run_stem(self.spec, self.dims, self.conv1, getattr(self, 'bn1', None), x)
        for s in self.stages:
            h = getattr(self, s)(h)
        if hasattr(self, 'bn_final'):
            h = F.relu(self.bn_final(h))
        if self.pool == 'last':  # the last time step, averaged over the other axes
            h = h[..., -1]
            h = h.flatten(2).mean(2) if h.dim() > 2 else h
        else:
            h = gap(h)
        return self.fc(h)


class DenseLayer(nn.Module):
    """torchvision's _DenseLayer: BN-ReLU-1x1 (4k) BN-ReLU-3x3 (k), output appended."""
    def __init__(self, dims, cin, growth, bottleneck):
        super().__init__()
        mid = bottleneck * growth if bottleneck else cin
        if bottleneck:
            self.norm1 = bn(dims, cin)
            self.conv1 = conv(dims, cin, mid, 1)
        self.norm2 = bn(dims, mid)
        self.conv2 = conv(dims, mid, growth, 3)

    def forward(self, x):
        h = self.conv1(F.relu(self.norm1(x))) if hasattr(self, 'conv1') else x
        return torch.cat([x, self.conv2(F.relu(self.norm2(h)))], 1)


class Transition(nn.Module):
    def __init__(self, dims, cin, cout, stride):
        super().__init__()
        self.norm = bn(dims, cin)
        self.conv = conv(dims, cin, cout, 1)
        self.dims, self.stride = dims, tup(stride, dims)

    def forward(self, x):
        h = self.conv(F.relu(self.norm(x)))
        return h if all(s == 1 for s in self.stride) else avg_pool(h, self.dims, self.stride, self.stride)


class TwinDenseNet(nn.Module):
    """torchvision's DenseNet layout: features (conv0, norm0, denseblockN.denselayerK,
    transitionN, norm5) and classifier."""
    def __init__(self, c):
        super().__init__()
        d, self.spec, self.dims = c['dims'], c['stem'], c['dims']
        conv0, norm0 = stem_layers(d, c['inChannels'], c['stem'])
        parts = [('conv0', conv0)] + ([('norm0', norm0)] if norm0 is not None else [])
        ch = c['stem']['width']
        for bi, n in enumerate(c['blocks']):
            layers = []
            for i in range(n):
                layers.append((f'denselayer{i + 1}', DenseLayer(d, ch, c['growth'], c['bottleneck'])))
                ch += c['growth']
            parts.append((f'denseblock{bi + 1}', nn.Sequential(OrderedDict(layers))))
            if bi < len(c['blocks']) - 1:
                out = int(ch * c['compression'])
                parts.append((f'transition{bi + 1}', Transition(d, ch, out, c.get('transitionStride', 2))))
                ch = out
        parts.append(('norm5', bn(d, ch)))
        self.features = nn.Sequential(OrderedDict(parts))
        self.classifier = nn.Linear(ch, c['numClasses'])

    def forward(self, x):
        f = self.features
        h = run_stem(self.spec, self.dims, f.conv0, getattr(f, 'norm0', None), x)
        for name, m in f.named_children():
            if name not in ('conv0', 'norm0', 'norm5'):
                h = m(h)
        return self.classifier(gap(F.relu(f.norm5(h))))


def py_divisible(v):
    """timm's make_divisible with divisor 1 (round half up, never below 90 %)."""
    n = max(1, int(v + 0.5))
    return n + 1 if n < 0.9 * v else n


class LinearBottleneck(nn.Module):
    """ReXNet's block: 1x1 expansion (SiLU), depthwise 3x3 + BN, SE with BN, ReLU6, 1x1
    projection + BN; stride-1 blocks add their input to the first C_in channels."""
    def __init__(self, dims, cin, cout, stride, exp, se_ratio):
        super().__init__()
        self.cin, self.cout, self.stride = cin, cout, tup(stride, dims)
        dw = py_divisible(round(cin * exp)) if exp != 1 else cin
        if exp != 1:
            self.conv_exp = conv(dims, cin, dw, 1)
            self.bn_exp = bn(dims, dw)
        self.conv_dw = conv(dims, dw, dw, 3, stride, dw)
        self.bn_dw = bn(dims, dw)
        if se_ratio > 0:
            self.se = SE(dims, dw, py_divisible(int(dw * se_ratio)), with_norm=True)
        self.conv_pwl = conv(dims, dw, cout, 1)
        self.bn_pwl = bn(dims, cout)

    def forward(self, x):
        h = F.silu(self.bn_exp(self.conv_exp(x))) if hasattr(self, 'conv_exp') else x
        h = self.bn_dw(self.conv_dw(h))
        if hasattr(self, 'se'):
            h = self.se(h)
        h = self.bn_pwl(self.conv_pwl(F.relu6(h)))
        if all(s == 1 for s in self.stride) and self.cin <= self.cout:
            h = h + pad_channels(x, 0, self.cout - self.cin)
        return h


class TwinReXNet(nn.Module):
    """Han et al.'s ReXNet with timm's width rule: output widths grow by 180/n per block."""
    def __init__(self, c):
        super().__init__()
        d, wm = c['dims'], c['widthMult']
        stem_ch = py_divisible(round((32 / wm if wm < 1 else 32) * wm))
        self.stem_conv = conv(d, c['inChannels'], stem_ch, 3, c['stemStride'])
        self.stem_bn = bn(d, stem_ch)
        layers = [math.ceil(n * c['depthMult']) for n in [1, 2, 2, 3, 3, 5]]
        strides = c.get('strides') or [1, 2, 2, 2, 1, 2]
        total, base, cin, self.stages = sum(layers), (16 / wm if wm < 1 else 16), stem_ch, []
        for si, n in enumerate(layers):
            blocks = []
            for j in range(n):
                cout = py_divisible(round(base * wm))
                base += 180 / total
                blocks.append(LinearBottleneck(d, cin, cout, strides[si] if j == 0 else 1, 1 if si == 0 else 6, c['seRatio'] if si >= 2 else 0))
                cin = cout
            setattr(self, f'stage{si + 1}', nn.Sequential(*blocks))
            self.stages.append(f'stage{si + 1}')
        pen = py_divisible(1280 * wm)
        self.head_conv = conv(d, cin, pen, 1)
        self.head_bn = bn(d, pen)
        self.head_drop = nn.Dropout(c['headDropout'])
        self.fc = nn.Linear(pen, c['numClasses'])

    def forward(self, x):
        h = F.silu(self.stem_bn(self.stem_conv(x)))
        for s in self.stages:
            h = getattr(self, s)(h)
        return self.fc(self.head_drop(gap(F.silu(self.head_bn(self.head_conv(h))))))


class ConvUnit(nn.Module):
    def __init__(self, dims, cin, cout):
        super().__init__()
        self.conv = conv(dims, cin, cout, 3)
        self.bn = bn(dims, cout)

    def forward(self, x):
        return F.relu(self.bn(self.conv(x)))


class Fractal(nn.Module):
    """f_1 = conv; f_C(z) = join(conv(z), f_{C-1}(f_{C-1}(z))). run() returns the columns'
    outputs unjoined: the join (a mean) of a column's inputs happens where they meet."""
    def __init__(self, dims, cin, cout, columns):
        super().__init__()
        self.shallow = ConvUnit(dims, cin, cout)
        if columns > 1:
            self.first = Fractal(dims, cin, cout, columns - 1)
            self.second = Fractal(dims, cout, cout, columns - 1)

    def run(self, z):
        out = [self.shallow(z)]
        if hasattr(self, 'first'):
            out += self.second.run(torch.stack(self.first.run(z)).mean(0))
        return out


class FractalBlock(nn.Module):
    def __init__(self, dims, cin, cout, columns, pool):
        super().__init__()
        self.fractal = Fractal(dims, cin, cout, columns)
        self.dims, self.pool = dims, tup(pool, dims)

    def forward(self, x):
        y = torch.stack(self.fractal.run(x)).mean(0)
        return y if all(s == 1 for s in self.pool) else max_pool(y, self.dims, self.pool[0], self.pool)


class TwinFractalNet(nn.Module):
    """Larsson et al.'s FractalNet without drop-path: blocks of C columns, max-pooled."""
    def __init__(self, c):
        super().__init__()
        cin, blocks = c['inChannels'], []
        for w in c['widths']:
            blocks.append(FractalBlock(c['dims'], cin, w, c['columns'], c.get('pool', 2)))
            cin = w
        self.fractals = nn.Sequential(*blocks)
        self.fc = nn.Linear(cin, c['numClasses'])

    def forward(self, x):
        return self.fc(gap(self.fractals(x)))


class ResMLPBlock(nn.Module):
    def __init__(self, width, hidden, plain):
        super().__init__()
        self.bn = nn.BatchNorm1d(width)
        self.fc1 = nn.Linear(width, hidden)
        self.fc2 = nn.Linear(hidden, width)
        self.plain = plain

    def forward(self, x):
        r = self.fc2(F.relu(self.fc1(self.bn(x))))
        return r if self.plain else x + r


class TwinMLPResNet(nn.Module):
    """Gorishniy et al.'s tabular ResNet: linear stem, x + fc2(relu(fc1(BN x))), BN-ReLU, head."""
    def __init__(self, c):
        super().__init__()
        self.stem = nn.Linear(c['inFeatures'], c['width'])
        self.layers = nn.Sequential(*[ResMLPBlock(c['width'], c.get('hidden') or c['width'], c.get('plain', False)) for _ in range(c['depth'])])
        self.bn = nn.BatchNorm1d(c['width'])
        self.head = nn.Linear(c['width'], c['numClasses'])

    def forward(self, x):
        return self.head(F.relu(self.bn(self.layers(self.stem(x)))))


TWINS = {'resnet': TwinResNet, 'densenet': TwinDenseNet, 'rexnet': TwinReXNet, 'fractalnet': TwinFractalNet, 'mlp_resnet': TwinMLPResNet}


def twin(c):
    if c['family'] not in TWINS:
        raise ValueError(f"no PyTorch twin for family {c['family']}")
    return TWINS[c['family']](c)


def parity_case(case):
    torch.manual_seed(0)
    tensors = read_safetensors(case['weights'])
    x, r = tensors.pop('__x'), tensors.pop('__r')
    model = twin(case['config']).double()
    model.load_state_dict(tensors, strict=True)
    out = {}
    for mode in case['modes']:
        model.train(mode == 'train')
        model.zero_grad(set_to_none=True)
        xi = x.clone().requires_grad_(True)
        logits = model(xi)
        (logits * r).sum().backward()
        res = {'logits': logits.detach().reshape(-1).tolist(), 'xgrad': xi.grad.reshape(-1).tolist(),
               'grads': {k: p.grad.reshape(-1).tolist() for k, p in model.named_parameters()}}
        if mode == 'train':
            res['buffers'] = {k: b.double().reshape(-1).tolist() for k, b in model.named_buffers()}
        out[mode] = res
    return out


def parity(path):
    torch.set_num_threads(1)
    cases = json.load(open(path))
    print(json.dumps({c['name']: parity_case(c) for c in cases}))


# --- torchvision checkpoints ----------------------------------------------------------
# `python3 models_pytorch.py torchvision SPEC.json` (test/parity/torchvision.test.ts): for
# each {name, out, input, layers?} builds torchvision's model (random init from a fixed
# seed, BN affine and running statistics randomised so eval mode reads them), saves its
# state dict as float32 safetensors under torchvision's own keys with the input `__x`,
# and the logits `__logits` of those float32 weights run in float64 (eval mode).

def torchvision_case(spec):
    import torchvision.models as tvm
    torch.manual_seed(spec.get('seed', 0))
    model = getattr(tvm, spec['name'])(weights=None).eval()
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.weight.normal_(1, 0.2)
                m.bias.normal_(0, 0.2)
                m.running_mean.normal_(0, 0.2)
                m.running_var.uniform_(0.5, 1.5)
                m.num_batches_tracked.fill_(7)
        x = torch.randn(spec['input'], dtype=torch.float64)
        state = {k: v.clone() for k, v in model.state_dict().items()}
        logits = model.double()(x)
    write_safetensors(spec['out'], {**state, '__x': x, '__logits': logits})
    return {'name': spec['name'], 'keys': len(state), 'params': sum(p.numel() for p in model.parameters())}


def torchvision_checkpoints(path):
    torch.set_num_threads(1)
    print(json.dumps([torchvision_case(s) for s in json.load(open(path))]))


def torchvision_keys(names):
    """{name: {key: shape}} of torchvision's state dicts. Only names and shapes are read,
    so the initialisers are switched off: the 127 M-parameter models build in a second."""
    import torchvision.models as tvm
    for f in ('kaiming_normal_', 'kaiming_uniform_', 'normal_', 'uniform_', 'constant_', 'zeros_', 'ones_', 'trunc_normal_'):
        setattr(nn.init, f, lambda t, *a, **k: t)
    out = {}
    for n in names:
        out[n] = {k: list(v.shape) for k, v in getattr(tvm, n)(weights=None).state_dict().items()}
    print(json.dumps(out))


def main():
    if sys.argv[1] == 'parity':
        return parity(sys.argv[2])
    if sys.argv[1] == 'torchvision':
        return torchvision_checkpoints(sys.argv[2])
    if sys.argv[1] == 'torchvision-keys':
        return torchvision_keys(sys.argv[2].split(','))
    spec = json.loads(sys.argv[1])  # {"threads": n, "cases": [[name, batch, shape, iters, warmup], ...]}
    torch.set_num_threads(spec['threads'])
    cases = [bench(n, b, s, i, w) for n, b, s, i, w in spec['cases']]
    print(json.dumps({'threads': torch.get_num_threads(), 'torch': torch.__version__, 'cases': cases}))


if __name__ == '__main__':
    main()
