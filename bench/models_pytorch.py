"""PyTorch twin of bench/models.ts: the same architectures as reslab's zoo entries
resnet20 (option A), tabular_mlp_resnet and tabular_resnet2d, timed for forward +
backward in Debian's PyTorch. Prints one JSON line: {"threads", "torch", "cases": [...]}."""
import json
import sys
import time

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
# reslab's state-dict names. The torchvision-shaped ResNet v1 twin uses torchvision's
# names; TV_NAMES maps reslab's onto them.

TV_NAMES = [('stem.conv1.', 'conv1.'), ('stem.bn1.', 'bn1.'), ('.proj.', '.downsample.')]


def tv_name(k):
    for a, b in TV_NAMES:
        k = (b + k[len(a):] if k.startswith(a) else k) if a.startswith('stem') else k.replace(a, b)
    return k


def read_safetensors(path):
    import struct
    raw = open(path, 'rb').read()
    (n,) = struct.unpack('<Q', raw[:8])
    header = json.loads(raw[8:8 + n].decode('utf-8'))
    header.pop('__metadata__', None)
    data = raw[8 + n:]
    codes = {'F32': torch.float32, 'F64': torch.float64, 'I64': torch.int64}
    out = {}
    for name, spec in header.items():
        b, e = spec['data_offsets']
        t = torch.frombuffer(bytearray(data[b:e]), dtype=codes[spec['dtype']]) if e > b else torch.empty(0, dtype=codes[spec['dtype']])
        out[name] = t.reshape(spec['shape'])
    return out


def pair(s):
    return tuple(s) if isinstance(s, list) else (s, s)


def conv3(cin, cout, k, stride=1, groups=1):
    return nn.Conv2d(cin, cout, k, pair(stride), (k - 1) // 2, groups=groups, bias=False)


class ZeroPad(nn.Module):
    """He et al.'s option A: subsample, zero-pad the new channels (no parameters)."""
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.cin, self.cout, self.stride = cin, cout, pair(stride)

    def forward(self, x):
        lo = (self.cout - self.cin) // 2
        return F.pad(x[:, :, ::self.stride[0], ::self.stride[1]], (0, 0, 0, 0, lo, self.cout - self.cin - lo))


def shortcut(kind, cin, cout, stride, with_norm):
    if cin == cout and pair(stride) == (1, 1):
        return None
    if kind == 'A':
        return ZeroPad(cin, cout, stride)
    layers = [nn.Conv2d(cin, cout, 1, pair(stride), bias=False)] + ([nn.BatchNorm2d(cout)] if with_norm else [])
    return nn.Sequential(*layers)


class TVBasicBlock(nn.Module):
    """torchvision.models.resnet.BasicBlock."""
    expansion = 1

    def __init__(self, cin, planes, stride, kind, groups, base_width):
        super().__init__()
        self.conv1 = conv3(cin, planes, 3, stride)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = conv3(planes, planes, 3)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = shortcut(kind, cin, planes, stride, True)

    def forward(self, x):
        out = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
        return F.relu(out + (self.downsample(x) if self.downsample is not None else x))


class TVBottleneck(nn.Module):
    """torchvision.models.resnet.Bottleneck (v1.5: the stride sits in the 3x3)."""
    expansion = 4

    def __init__(self, cin, planes, stride, kind, groups, base_width):
        super().__init__()
        width = int(planes * (base_width / 64.0)) * groups
        self.conv1 = conv3(cin, width, 1)
        self.bn1 = nn.BatchNorm2d(width)
        self.conv2 = conv3(width, width, 3, stride, groups)
        self.bn2 = nn.BatchNorm2d(width)
        self.conv3 = conv3(width, planes * 4, 1)
        self.bn3 = nn.BatchNorm2d(planes * 4)
        self.downsample = shortcut(kind, cin, planes * 4, stride, True)

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = F.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        return F.relu(out + (self.downsample(x) if self.downsample is not None else x))


class PreActBlock(nn.Module):
    """Full pre-activation basic block, arrangement (e), Wide ResNet's dropout before conv2."""
    expansion = 1

    def __init__(self, cin, planes, stride, kind, groups, base_width, dropout=0):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(cin)
        self.conv1 = conv3(cin, planes, 3, stride)
        self.bn2 = nn.BatchNorm2d(planes)
        if dropout:
            self.dropout = nn.Dropout(dropout)
        self.conv2 = conv3(planes, planes, 3)
        self.proj = shortcut(kind, cin, planes, stride, False)

    def forward(self, x):
        h = self.conv1(F.relu(self.bn1(x)))
        h = F.relu(self.bn2(h))
        if hasattr(self, 'dropout'):
            h = self.dropout(h)
        return self.conv2(h) + (self.proj(x) if self.proj is not None else x)


class Stem(nn.Module):
    def __init__(self, spec, cin):
        super().__init__()
        big = spec['kind'] == 'imagenet'
        self.big = big
        self.conv1 = conv3(cin, spec['width'], 7 if big else 3, 2 if big else 1)
        if spec.get('norm', True):
            self.bn1 = nn.BatchNorm2d(spec['width'])

    def forward(self, x):
        h = self.conv1(x)
        if hasattr(self, 'bn1'):
            h = F.relu(self.bn1(h))
        return F.max_pool2d(h, 3, 2, 1) if self.big else h


class TwinResNet(nn.Module):
    """reslab's ResNet config as torchvision builds it (basic, bottleneck) or pre-activation."""
    def __init__(self, c):
        super().__init__()
        block = {'basic': TVBasicBlock, 'bottleneck': TVBottleneck, 'preact_basic': PreActBlock}[c['block']]
        self.tv = c['block'] in ('basic', 'bottleneck')
        stem = Stem(c['stem'], c['inChannels'])
        if self.tv:  # torchvision keeps the stem at the top level
            self.conv1 = stem.conv1
            if hasattr(stem, 'bn1'):
                self.bn1 = stem.bn1
            self.big = stem.big
        else:
            self.stem = stem
        cin = c['stem']['width']
        extra = {'dropout': c['dropout']} if c.get('dropout') else {}
        for i, (n, w, s) in enumerate(zip(c['layers'], c['widths'], c['strides'])):
            blocks = []
            for j in range(n):
                blocks.append(block(cin, w, s if j == 0 else 1, c['shortcut'], c.get('groups', 1), c.get('baseWidth', 64), **extra))
                cin = w * block.expansion
            setattr(self, f'layer{i + 1}', nn.Sequential(*blocks))
        self.nstages = len(c['layers'])
        if c.get('finalNorm'):
            self.bn_final = nn.BatchNorm2d(cin)
        self.fc = nn.Linear(cin, c['numClasses'])

    def forward(self, x):
        if self.tv:
            h = self.conv1(x)
            if hasattr(self, 'bn1'):
                h = F.relu(self.bn1(h))
            h = F.max_pool2d(h, 3, 2, 1) if self.big else h
        else:
            h = self.stem(x)
        for i in range(self.nstages):
            h = getattr(self, f'layer{i + 1}')(h)
        if hasattr(self, 'bn_final'):
            h = F.relu(self.bn_final(h))
        return self.fc(h.mean((2, 3)))


class DenseLayer(nn.Module):
    def __init__(self, cin, growth, bottleneck):
        super().__init__()
        mid = bottleneck * growth if bottleneck else cin
        if bottleneck:
            self.norm1 = nn.BatchNorm2d(cin)
            self.conv1 = conv3(cin, mid, 1)
        self.norm2 = nn.BatchNorm2d(mid)
        self.conv2 = conv3(mid, growth, 3)

    def forward(self, x):
        h = self.conv1(F.relu(self.norm1(x))) if hasattr(self, 'conv1') else x
        return torch.cat([x, self.conv2(F.relu(self.norm2(h)))], 1)


class Transition(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.norm = nn.BatchNorm2d(cin)
        self.conv = conv3(cin, cout, 1)

    def forward(self, x):
        return F.avg_pool2d(self.conv(F.relu(self.norm(x))), 2, 2)


class TwinDenseNet(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.stem = Stem(c['stem'], c['inChannels'])
        ch = c['stem']['width']
        for bi, n in enumerate(c['blocks']):
            items = []
            for _ in range(n):
                items.append(DenseLayer(ch, c['growth'], c['bottleneck']))
                ch += c['growth']
            if bi < len(c['blocks']) - 1:
                out = int(ch * c['compression'])
                items.append(Transition(ch, out))
                ch = out
            setattr(self, f'denseblock{bi + 1}', nn.Sequential(*items))
        self.nblocks = len(c['blocks'])
        self.norm_final = nn.BatchNorm2d(ch)
        self.fc = nn.Linear(ch, c['numClasses'])

    def forward(self, x):
        h = self.stem(x)
        for i in range(self.nblocks):
            h = getattr(self, f'denseblock{i + 1}')(h)
        return self.fc(F.relu(self.norm_final(h)).mean((2, 3)))


def twin(c):
    if c['family'] == 'resnet':
        return TwinResNet(c)
    if c['family'] == 'densenet':
        return TwinDenseNet(c)
    raise ValueError(f"no PyTorch twin for family {c['family']}")


def parity_case(case):
    torch.manual_seed(0)
    tensors = read_safetensors(case['weights'])
    x, r = tensors.pop('__x'), tensors.pop('__r')
    model = twin(case['config']).double()
    # reslab name -> twin name
    names = {k: tv_name(k) if getattr(model, 'tv', False) else k for k in tensors}
    model.load_state_dict({names[k]: v for k, v in tensors.items()}, strict=True)
    out = {}
    for mode in case['modes']:
        model.train(mode == 'train')
        model.zero_grad(set_to_none=True)
        xi = x.clone().requires_grad_(True)
        logits = model(xi)
        (logits * r).sum().backward()
        params = dict(model.named_parameters())
        res = {'logits': logits.detach().reshape(-1).tolist(), 'xgrad': xi.grad.reshape(-1).tolist(),
               'grads': {k: params[t].grad.reshape(-1).tolist() for k, t in names.items() if t in params}}
        if mode == 'train':
            bufs = dict(model.named_buffers())
            res['buffers'] = {k: bufs[t].double().reshape(-1).tolist() for k, t in names.items() if t in bufs}
        out[mode] = res
    return out


def parity(path):
    torch.set_num_threads(1)
    cases = json.load(open(path))
    print(json.dumps({c['name']: parity_case(c) for c in cases}))


def main():
    if sys.argv[1] == 'parity':
        return parity(sys.argv[2])
    spec = json.loads(sys.argv[1])  # {"threads": n, "cases": [[name, batch, shape, iters, warmup], ...]}
    torch.set_num_threads(spec['threads'])
    cases = [bench(n, b, s, i, w) for n, b, s, i, w in spec['cases']]
    print(json.dumps({'threads': torch.get_num_threads(), 'torch': torch.__version__, 'cases': cases}))


if __name__ == '__main__':
    main()
