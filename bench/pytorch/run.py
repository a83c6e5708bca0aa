#!/usr/bin/env python3
"""PyTorch runner of the benchmark spec (shared/bench/spec.json).

Reads the data and init files the Node harness wrote into bench/.cache/ (checking the spec's
sha256 values), runs one workload plan given as JSON on the command line, and prints one JSON
result line per workload (per size for W3) on stdout, as the spec's `output` section defines.
Progress goes to stderr. Run by `pnpm bench`; standalone:

    /usr/bin/python3 bench/pytorch/run.py --spec bench/spec.json --data-dir bench/.cache \
        --plan '{"workload": "W1_mlp", "model": "mlp", "batch": 128, ...}' [--threads 2]
"""

import argparse
import hashlib
import json
import os
import platform
import random
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

FEATURE_MAP = (7, 7, 32)  # the CNN's [h, w, c] map before flattening


def log(message):
    print(message, file=sys.stderr, flush=True)


def read_checked(path, sha256, dtype):
    raw = open(path, "rb").read()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != sha256:
        raise SystemExit(f"{path}: sha256 {digest}, the spec says {sha256}; rerun the Node harness")
    return np.frombuffer(raw, dtype=dtype)


def load_data(spec, data_dir):
    d = spec["data"]
    images = read_checked(
        os.path.join(data_dir, os.path.basename(d["images"]["path"])), d["images"]["sha256"], "<f4"
    ).reshape(d["images"]["shape"])
    labels = read_checked(
        os.path.join(data_dir, os.path.basename(d["labels"]["path"])), d["labels"]["sha256"], "u1"
    )
    return torch.from_numpy(images.copy()), torch.from_numpy(labels.astype(np.int64))


def load_init(spec, model, data_dir):
    """Canonical-layout parameters of `model`, split from its init file."""
    info = spec["models"][model]
    flat = read_checked(
        os.path.join(data_dir, os.path.basename(info["init_file"]["path"])),
        info["init_file"]["sha256"],
        "<f4",
    )
    params, offset = {}, 0
    for p in info["params"]:
        size = int(np.prod(p["shape"]))
        params[p["name"]] = torch.from_numpy(flat[offset : offset + size].copy()).reshape(p["shape"])
        offset += size
    return params


def to_torch_layout(model, params):
    """Dense [in, out] -> Linear [out, in]; HWIO -> OIHW; (h, w, c) flatten rows -> (c, h, w)."""
    out = {}
    for name, value in params.items():
        if value.dim() == 1:
            out[name] = value.clone()
        elif value.dim() == 4:
            out[name] = value.permute(3, 2, 0, 1).contiguous()
        elif model == "cnn" and value.shape[0] == FEATURE_MAP[0] * FEATURE_MAP[1] * FEATURE_MAP[2]:
            h, w, c = FEATURE_MAP
            chw = value.reshape(h, w, c, -1).permute(2, 0, 1, 3).reshape(h * w * c, -1)
            out[name] = chw.t().contiguous()
        else:
            out[name] = value.t().contiguous()
    return out


def forward(model, p, x):
    if model == "mlp":
        h = F.relu(F.linear(x, p["w1"], p["b1"]))
        h = F.relu(F.linear(h, p["w2"], p["b2"]))
        return F.linear(h, p["w3"], p["b3"])
    b = x.shape[0]
    h = x.view(b, 1, 28, 28)
    h = F.max_pool2d(F.relu(F.conv2d(h, p["c1_w"], p["c1_b"], padding=1)), 2)
    h = F.max_pool2d(F.relu(F.conv2d(h, p["c2_w"], p["c2_b"], padding=1)), 2)
    return F.linear(h.reshape(b, -1), p["d_w"], p["d_b"])


def optimizer_for(plan, params):
    o = plan["optimizer"]
    if o["name"] == "adam":
        return torch.optim.Adam(params, lr=o["lr"], betas=(o["beta1"], o["beta2"]), eps=o["eps"])
    return torch.optim.SGD(
        params, lr=o["lr"], momentum=o["momentum"], dampening=o["dampening"], nesterov=o["nesterov"]
    )


def base_result(workload):
    return {
        "framework": "pytorch",
        "framework_version": torch.__version__,
        "backend": "cpu",
        "workload": workload,
        "test_acc": None,
        "last_loss": None,
        "threads": torch.get_num_threads(),
        "notes": (
            f"torch {torch.__version__} CPU, mkldnn {torch.backends.mkldnn.is_available()}, "
            f"numpy {np.__version__}, Python {platform.python_version()}, "
            f"OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset"
        ),
    }


def run_train(spec, plan, data_dir):
    images, labels = load_data(spec, data_dir)
    model = plan["model"]
    init = load_init(spec, model, data_dir)
    t_setup = time.perf_counter()
    train_lo, train_hi = spec["data"]["train"]
    test_lo, test_hi = spec["data"]["test"]
    train_x, train_y = images[train_lo:train_hi], labels[train_lo:train_hi]
    test_x, test_y = images[test_lo:test_hi], labels[test_lo:test_hi]
    p = {k: v.requires_grad_(True) for k, v in to_torch_layout(model, init).items()}
    opt = optimizer_for(plan, list(p.values()))
    batch, spe = plan["batch"], plan["stepsPerEpoch"]
    warmup, timed, total = plan["warmupSteps"], plan["timedSteps"], plan["totalSteps"]
    timed_end = warmup + timed - 1
    first_loss = last_loss = elapsed = ttfs = None
    t0 = 0.0
    for s in range(total):
        if s == warmup:
            t0 = time.perf_counter()
        row = (s % spe) * batch
        x, y = train_x[row : row + batch], train_y[row : row + batch]
        loss = F.cross_entropy(forward(model, p, x), y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if s in (0, timed_end, total - 1):
            value = loss.item()
            if s == timed_end:
                elapsed = time.perf_counter() - t0
            if s == 0:
                ttfs = (time.perf_counter() - t_setup) * 1000
                first_loss = value
            last_loss = value
            log(f"[pytorch-cpu {plan['workload']}] step {s} loss {value:.7f}")
    with torch.no_grad():
        correct = 0
        for start in range(0, len(test_y), 500):
            logits = forward(model, p, test_x[start : start + 500])
            correct += int((logits.argmax(1) == test_y[start : start + 500]).sum())
    result = base_result(plan["workload"])
    if plan["metric"] == "steps_per_s":
        result["steps_per_s"] = float(f"{timed / elapsed:.5g}")
    result["samples_per_s"] = float(f"{timed * batch / elapsed:.5g}")
    result["test_acc"] = correct / len(test_y)
    result["last_loss"] = last_loss
    result["first_loss"] = first_loss
    result["time_to_first_step_ms"] = float(f"{ttfs:.4g}")
    return [result]


def run_matmul(plans):
    out = []
    for plan in plans:
        n = plan["n"]
        g = torch.Generator().manual_seed(7 + 2 * n)
        a = torch.rand(n, n, generator=g) * 2 - 1
        b = torch.rand(n, n, generator=g) * 2 - 1
        for _ in range(plan["warmupReps"]):
            torch.mm(a, b)
        times, c = [], None
        for _ in range(plan["reps"]):
            t0 = time.perf_counter()
            c = torch.mm(a, b)
            times.append(time.perf_counter() - t0)
        rng = random.Random(n)
        a64, b64 = a.double(), b.double()
        worst = 0.0
        for _ in range(64):
            i, j = rng.randrange(n), rng.randrange(n)
            ref = float(a64[i] @ b64[:, j])
            worst = max(worst, abs(float(c[i, j]) - ref) / abs(ref))
        result = base_result(plan["workload"])
        result["gflops"] = float(f"{2 * n**3 / float(np.median(times)) / 1e9:.4g}")
        result["check_rel_err"] = float(f"{worst:.3g}")
        log(f"[pytorch-cpu {plan['workload']}] {result['gflops']} GFLOP/s")
        out.append(result)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", required=True)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--plan", required=True, help="a train plan object, or a list of matmul plans")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1, help="default: every core")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    spec = json.load(open(args.spec))
    plan = json.loads(args.plan)
    results = run_matmul(plan) if isinstance(plan, list) else run_train(spec, plan, args.data_dir)
    for r in results:
        print(json.dumps(r), flush=True)


if __name__ == "__main__":
    main()
