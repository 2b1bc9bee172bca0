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


def main():
    spec = json.loads(sys.argv[1])  # {"threads": n, "cases": [[name, batch, shape, iters, warmup], ...]}
    torch.set_num_threads(spec['threads'])
    cases = [bench(n, b, s, i, w) for n, b, s, i, w in spec['cases']]
    print(json.dumps({'threads': torch.get_num_threads(), 'torch': torch.__version__, 'cases': cases}))


if __name__ == '__main__':
    main()
