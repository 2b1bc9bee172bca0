"""PyTorch twin of bench/engine.ts: the same two networks, optimisers and losses, timed the same way.

Run by bench/engine.ts with Debian's python3-torch (the libtorch reslab links). Its best
configuration here: eager mode, NCHW, torch.set_num_threads(THREADS), glibc malloc thresholds
keeping blocks up to 32 MB in the heap (MALLOC_MMAP_THRESHOLD_, set by the caller) and
OPENBLAS_NUM_THREADS=1 (set by the caller before import; without it the 100->256 MLP step
is ~2.7x slower because OpenBLAS's own pool fights OpenMP), zero_grad(set_to_none=True).
Prints one JSON object: {case: {"ms": [per-repeat ms/step], "params": n}}.
"""
import json
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class BasicBlockA(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.cin, self.cout, self.stride = cin, cout, stride
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)

    def forward(self, x):
        out = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
        sc = x
        if self.stride != 1 or self.cin != self.cout:
            p = (self.cout - self.cin) // 2
            sc = F.pad(x[:, :, ::2, ::2], (0, 0, 0, 0, p, p))
        return F.relu(out + sc)


class ResNet20(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, 1, 1, bias=False)
        self.bn = nn.BatchNorm2d(16)
        blocks, cin = [], 16
        for i, w in enumerate([16, 32, 64]):
            for b in range(3):
                blocks.append(BasicBlockA(cin, w, 2 if i > 0 and b == 0 else 1))
                cin = w
        self.blocks = nn.Sequential(*blocks)
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        h = self.blocks(F.relu(self.bn(self.conv(x))))
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(h, 1), 1))


class MLPBlock(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.bn = nn.BatchNorm1d(width)
        self.fc1 = nn.Linear(width, width)
        self.fc2 = nn.Linear(width, width)

    def forward(self, x):
        return x + self.fc2(F.relu(self.fc1(self.bn(x))))


class TabularResNet(nn.Module):
    def __init__(self, features, width, depth):
        super().__init__()
        self.stem = nn.Linear(features, width)
        self.blocks = nn.Sequential(*[MLPBlock(width) for _ in range(depth)])
        self.bn = nn.BatchNorm1d(width)
        self.head = nn.Linear(width, 1)

    def forward(self, x):
        return self.head(F.relu(self.bn(self.blocks(self.stem(x))))).squeeze(1)


def time_case(case, warmup, steps, repeats):
    torch.manual_seed(0)
    if case["model"] == "resnet20":
        model = ResNet20()
        x = torch.randn(case["batch"], 3, 32, 32)
        y = torch.randint(0, 10, (case["batch"],))
        opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)
        loss_fn = F.cross_entropy
    else:
        model = TabularResNet(100, 256, 4)
        x = torch.randn(case["batch"], 100)
        y = (torch.rand(case["batch"]) < 0.1).float()
        opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-2)
        loss_fn = F.binary_cross_entropy_with_logits
    model.train()

    def step():
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()

    for _ in range(warmup):
        step()
    ms = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(steps):
            step()
        ms.append((time.perf_counter() - t0) * 1000 / steps)
    return {"ms": ms, "params": sum(p.numel() for p in model.parameters())}


def main():
    spec = json.loads(sys.argv[1])
    torch.set_num_threads(spec["threads"])
    out = {c["name"]: time_case(c, spec["warmup"], c["steps"], spec["repeats"]) for c in spec["cases"]}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
