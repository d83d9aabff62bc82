#!/usr/bin/python3
"""Python reference for the training-throughput benchmark (issue 4): the same 2M-Net compact network
as core/nn (ResNet-18 at width 0.25, non-local block after conv group 2, negative-correlation channel
attention after groups 3 and 4, three MLP heads, jigsaw steps N = 4, 2, 1 with one optimiser update
each), the same batch, threads, optimiser and data (a `boneage prepare` cache), timed the same way
as the C++ trainer's `train_images_per_second`: only the progressive training step, not data loading.

usage: /usr/bin/python3 train_throughput_reference.py CACHE [steps] [batch] [threads]
       python3 train_throughput_reference.py CACHE --epochs E --batch B [--device cuda] [--bf16]
                                             [--threads T] [--val-fraction F]   (whole epochs, issue 20)
Debian's python3-torch (1.13.1, the same LibTorch as the C++ build), or a GPU machine's PyTorch.
Prints JSON.
"""
import json, os, sys, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def width(c, m):
    return max(8, round(c * m))


class Unit(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False); self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False); self.bn2 = nn.BatchNorm2d(cout)
        self.down = None
        if stride != 1 or cin != cout:
            self.down = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        idn = self.down(x) if self.down is not None else x
        y = F.relu(self.bn1(self.conv1(x)))
        return F.relu(self.bn2(self.conv2(y)) + idn)


class NonLocal(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.inner = max(1, c // 2)
        self.theta, self.phi, self.g = (nn.Conv2d(c, self.inner, 1) for _ in range(3))
        self.project = nn.Conv2d(self.inner, c, 1); self.bn = nn.BatchNorm2d(c)
        nn.init.zeros_(self.bn.weight)

    def forward(self, x):
        b, _, h, w = x.shape
        q = self.theta(x).view(b, self.inner, h * w).permute(0, 2, 1)
        k = F.max_pool2d(self.phi(x), 2, 2).reshape(b, self.inner, -1)
        v = F.max_pool2d(self.g(x), 2, 2).reshape(b, self.inner, -1).permute(0, 2, 1)
        a = torch.softmax(torch.bmm(q, k), -1)
        y = torch.bmm(a, v).permute(0, 2, 1).reshape(b, self.inner, h, w)
        return self.bn(self.project(y)) + x


class ChannelBlock(nn.Module):
    def __init__(self):
        super().__init__()
        self.gamma = nn.Parameter(torch.zeros(1))

    def forward(self, x):
        b, c, h, w = x.shape
        flat = x.reshape(b, c, h * w)
        a = torch.softmax(-torch.bmm(flat, flat.transpose(1, 2)), -1)
        return self.gamma * torch.bmm(a, flat).view(b, c, h, w) + x


class TwoMNetCompact(nn.Module):
    def __init__(self, m=0.25):
        super().__init__()
        c = [width(64, m), width(64, m), width(128, m), width(256, m), width(512, m)]
        self.conv1 = nn.Conv2d(1, c[0], 7, 2, 3, bias=False); self.bn1 = nn.BatchNorm2d(c[0])
        layers, cin = [], c[0]
        for s in range(4):
            layers.append(nn.Sequential(Unit(cin, c[s + 1], 1 if s == 0 else 2), Unit(c[s + 1], c[s + 1], 1)))
            cin = c[s + 1]
        self.layer1, self.layer2, self.layer3, self.layer4 = layers
        self.spatial = NonLocal(c[2]); self.ca3 = ChannelBlock(); self.ca4 = ChannelBlock()
        hidden = max(64, int(256 * m))
        head = lambda i: nn.Sequential(nn.Linear(i, hidden), nn.ReLU(), nn.Linear(hidden, 1))
        self.heads = nn.ModuleList([head(c[3]), head(c[4]), head(c[3] + c[4])])

    def forward_step(self, x, step):
        y = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 3, 2, 1)
        y = self.spatial(self.layer2(self.layer1(y)))
        g3 = self.ca3(self.layer3(y))
        if step == 0:
            feat = g3.mean((2, 3))
        else:
            g4 = self.ca4(self.layer4(g3))
            feat = g4.mean((2, 3)) if step == 1 else torch.cat([g3.mean((2, 3)), g4.mean((2, 3))], 1)
        return self.heads[step](feat).squeeze(1) * 50.0 + 120.0


def jigsaw(x, n, rng):
    if n <= 1:
        return x
    b, c, h, w = x.shape
    th, tw = h // n, w // n
    tiles = x[:, :, :th * n, :tw * n].reshape(b, c, n, th, n, tw).permute(0, 2, 4, 1, 3, 5).reshape(b, n * n, c, th, tw)
    perm = torch.from_numpy(np.stack([rng.permutation(n * n) for _ in range(b)]))
    moved = tiles.gather(1, perm.view(b, n * n, 1, 1, 1).expand_as(tiles))
    return moved.reshape(b, n, n, c, th, tw).permute(0, 3, 1, 4, 2, 5).reshape(b, c, n * th, n * tw)


def load_cache(cache):
    """A `boneage prepare` cache: its images as uint8 [n, 1, h, w] and its ages in months (float32)."""
    meta = dict(l.strip().split("=", 1) for l in open(os.path.join(cache, "cache.txt")) if "=" in l)
    w, h, n = int(meta["width"]), int(meta["height"]), int(meta["count"])
    images = np.fromfile(os.path.join(cache, "images.u8"), dtype=np.uint8).reshape(n, 1, h, w)
    ages = np.array([float(l.split(",")[2]) for l in open(os.path.join(cache, "samples.csv")).read().splitlines()[1:]],
                    dtype=np.float32)
    return images, ages


def augment(x, gen):
    """The C++ trainer's augmentation (core/training/Augmentation.cpp, its defaults): rotation +-15 deg,
    scale +-10 %, shift +-6 %, left/right flip with p 0.5, gamma exp(+-0.3), contrast +-15 %, all on the
    batch's device."""
    b, dev = x.shape[0], x.device
    u = lambda lo, hi: torch.rand(b, device=dev, generator=gen) * (hi - lo) + lo
    angle, scale = u(-15, 15) * (np.pi / 180), u(0.9, 1.1)
    flip = torch.where(torch.rand(b, device=dev, generator=gen) < 0.5, -1.0, 1.0)
    tx, ty = u(-0.06, 0.06) * 2, u(-0.06, 0.06) * 2
    c, s_ = torch.cos(angle) / scale, torch.sin(angle) / scale
    theta = torch.stack([torch.stack([c * flip, -s_, tx], 1), torch.stack([s_ * flip, c, ty], 1)], 1)
    out = F.grid_sample(x, F.affine_grid(theta, list(x.shape), align_corners=False), mode="bilinear",
                        padding_mode="zeros", align_corners=False)
    out = out.clamp(0, 1).pow(torch.exp(u(-0.3, 0.3)).view(b, 1, 1, 1))
    mean = out.mean((1, 2, 3), keepdim=True)
    return ((out - mean) * u(0.85, 1.15).view(b, 1, 1, 1) + mean).clamp(0, 1)


def jigsaw_on_device(x, n, gen):
    """jigsaw() with the permutations drawn on the batch's device (no host round trip)."""
    if n <= 1:
        return x
    b, c, h, w = x.shape
    th, tw = h // n, w // n
    tiles = x[:, :, :th * n, :tw * n].reshape(b, c, n, th, n, tw).permute(0, 2, 4, 1, 3, 5).reshape(b, n * n, c, th, tw)
    perm = torch.argsort(torch.rand(b, n * n, device=x.device, generator=gen), 1)
    moved = tiles.gather(1, perm.view(b, n * n, 1, 1, 1).expand_as(tiles))
    return moved.reshape(b, n, n, c, th, tw).permute(0, 3, 1, 4, 2, 5).reshape(b, c, n * th, n * tw)


def epochs_mode(args):
    """Whole epochs end to end, as the GPU benchmark (scripts/bench-gpu-train.sh) compares them with the
    C++ trainer: the cache held on the device, each epoch a random order, per batch the resize to
    96 px, the augmentation and the three jigsaw steps on the device, AdamW (fused where this PyTorch
    has it on a GPU), bf16 autocast as an option. The last epoch is timed (the first warms up)."""
    import argparse
    p = argparse.ArgumentParser()
    p.add_argument("cache"); p.add_argument("--epochs", type=int, default=2); p.add_argument("--batch", type=int, default=64)
    p.add_argument("--device", default="cpu"); p.add_argument("--threads", type=int, default=2)
    p.add_argument("--bf16", action="store_true"); p.add_argument("--val-fraction", type=float, default=0.01)
    a = p.parse_args(args)
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    dev = torch.device(a.device)
    images, ages = load_cache(a.cache)
    n = images.shape[0]
    images, ages = torch.from_numpy(images).to(dev), torch.from_numpy(ages).to(dev)
    train = n - max(1, int(round(n * a.val_fraction)))   # the C++ trainer holds out the same share
    model = TwoMNetCompact().to(dev)
    fused = {}
    if dev.type == "cuda" and "fused" in torch.optim.AdamW.__init__.__code__.co_varnames:
        fused = {"fused": True}
    opt = torch.optim.AdamW(model.parameters(), lr=4e-4, weight_decay=1e-4, **fused)
    gen = torch.Generator(device=dev); gen.manual_seed(1)
    model.train()
    sync = (lambda: torch.cuda.synchronize()) if dev.type == "cuda" else (lambda: None)
    per_epoch = []
    for epoch in range(a.epochs):
        sync(); t0 = time.perf_counter()
        order = torch.randperm(train, device=dev, generator=gen)
        for first in range(0, train, a.batch):
            idx = order[first:first + a.batch]
            x = F.interpolate(images[idx].float().div_(255.0), size=(96, 96), mode="bilinear", align_corners=False)
            x = augment(x, gen)
            y = ages[idx]
            for s_, g in enumerate((4, 2, 1)):
                opt.zero_grad(set_to_none=True)
                with torch.autocast(dev.type, dtype=torch.bfloat16, enabled=a.bf16):
                    pred = model.forward_step(jigsaw_on_device(x, g, gen), s_)
                loss = (pred.float() - y).abs().mean() / 50.0
                loss.backward()
                opt.step()
        sync(); per_epoch.append(time.perf_counter() - t0)
    print(json.dumps({"implementation": "python", "torch": torch.__version__, "device": a.device, "batch": a.batch,
                      "bf16": a.bf16, "fused_adamw": bool(fused), "train_images": train, "epochs": a.epochs,
                      "epoch_seconds": [round(t, 3) for t in per_epoch],
                      "epoch_images_per_second": round(train / per_epoch[-1], 1)}))


def main():
    if "--epochs" in sys.argv:
        return epochs_mode(sys.argv[1:])
    cache = sys.argv[1]
    steps = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    batch = int(sys.argv[3]) if len(sys.argv) > 3 else 32
    threads = int(sys.argv[4]) if len(sys.argv) > 4 else 2
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    images, ages = load_cache(cache)
    n = images.shape[0]
    model = TwoMNetCompact()
    params = sum(p.numel() for p in model.parameters())
    opt = torch.optim.AdamW(model.parameters(), lr=4e-4, weight_decay=1e-4)
    rng = np.random.default_rng(1)
    model.train()
    seconds, seen = 0.0, 0
    for step in range(steps + 3):
        idx = rng.choice(n, batch, replace=False)
        x = F.interpolate(torch.from_numpy(images[idx]).float().div_(255.0), size=(96, 96), mode="bilinear",
                          align_corners=False)
        y = torch.from_numpy(ages[idx])
        t0 = time.perf_counter()
        for s, g in enumerate((4, 2, 1)):
            opt.zero_grad()
            loss = (model.forward_step(jigsaw(x, g, rng), s) - y).abs().mean() / 50.0
            loss.backward()
            opt.step()
        if step >= 3:   # warm-up steps not counted
            seconds += time.perf_counter() - t0
            seen += batch
    print(json.dumps({"implementation": "python", "torch": torch.__version__, "parameters": params, "batch": batch,
                      "threads": threads, "steps": steps, "train_images_per_second": round(seen / seconds, 1)}))


if __name__ == "__main__":
    main()
