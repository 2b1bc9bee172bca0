"""PyTorch twin of bench/engine.ts: the same two zoo networks, optimisers and losses, timed the same way.

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
import torch.nn.functional as F

# The architectures are the zoo twins bench:models uses (this folder is on sys.path).
from models_pytorch import build


def time_case(case, warmup, steps, repeats):
    torch.manual_seed(0)
    if case["model"] == "resnet20":
        model = build("resnet20")
        x = torch.randn(case["batch"], 3, 32, 32)
        y = torch.randint(0, 10, (case["batch"],))
        opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)
        loss_fn = F.cross_entropy
    else:
        model = build("tabular_mlp_resnet")
        x = torch.randn(case["batch"], 100)
        y = (torch.rand(case["batch"]) < 0.1).float()
        opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-2)
        loss_fn = lambda out, t: F.binary_cross_entropy_with_logits(out.squeeze(1), t)
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
