#!/usr/bin/python3
"""PyTorch on CUDA as the GPU peer of `npm run bench -- --backend webgpu` (bench/gpu-machine.sh).

Times, on the first CUDA device, in float32 with TF32 off (the WebGPU kernels are plain fp32):
GEMM in the three orientations (A@B, A.T@B, A@B.T) on the bench's shapes, and W1, W3 (one
epoch each, data on the GPU, a fresh permutation, the same networks and optimisers as
bench/workloads.ts) and W4 (inference over 10k images in batches of 1000). Data: Fashion-MNIST
from FMNIST_DIR when present, else random images of the same shapes (--synthetic; accuracies
are then chance). Prints a table and one JSON line. Every timing ends with
torch.cuda.synchronize().
"""
import gzip, json, os, sys, time

import numpy as np
import torch

SHAPES = [(64, 784, 128), (128, 784, 512), (784, 64, 128), (1000, 512, 256), (1024, 1024, 1024), (4096, 4096, 4096)]


def idx(path):
    with gzip.open(path) as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], 'big') for i in range(dims)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(synthetic):
    d = os.environ.get('FMNIST_DIR', os.path.join(os.environ.get('BACKPROP_DATA_DIR', '/usr/share/datasets'), 'fashion-mnist'))
    if not synthetic and os.path.exists(os.path.join(d, 'train-images-idx3-ubyte.gz')):
        part = lambda p: (idx(os.path.join(d, f'{p}-images-idx3-ubyte.gz')).reshape(-1, 784), idx(os.path.join(d, f'{p}-labels-idx1-ubyte.gz')))
        return part('train'), part('t10k'), False
    rng = np.random.default_rng(1)
    make = lambda n: (rng.integers(0, 256, (n, 784), dtype=np.uint8), rng.integers(0, 10, n, dtype=np.uint8))
    return make(60000), make(10000), True


def sync_time(fn):
    torch.cuda.synchronize()
    t0 = time.perf_counter()
    fn()
    torch.cuda.synchronize()
    return time.perf_counter() - t0


def gemm(dev):
    out = {}
    for m, k, n in SHAPES:
        a, b = torch.randn(m, k, device=dev), torch.randn(k, n, device=dev)
        at, bt = a.T.contiguous(), b.T.contiguous()
        row = {}
        for name, fn in (('A·B', lambda: a @ b), ('Aᵀ·B', lambda: at.T @ b), ('A·Bᵀ', lambda: a @ bt.T)):
            for _ in range(3):
                fn()
            calls = 1
            while sync_time(lambda: [fn() for _ in range(calls)]) < 0.05 and calls < 1 << 14:
                calls *= 2
            rates = sorted(2 * m * n * k * calls / sync_time(lambda: [fn() for _ in range(calls)]) / 1e9 for _ in range(3))
            row[name] = rates[1]
        out[f'{m}x{k}x{n}'] = row
    return out


def mlp(sizes, dev):
    layers = []
    for i, (a, b) in enumerate(zip(sizes, sizes[1:])):
        lin = torch.nn.Linear(a, b)
        torch.nn.init.xavier_uniform_(lin.weight)
        torch.nn.init.zeros_(lin.bias)
        layers += [lin] if i == len(sizes) - 2 else [lin, torch.nn.ReLU()]
    return torch.nn.Sequential(*layers).to(dev)


def epoch(model, opt, x, y, batch):
    loss_fn = torch.nn.CrossEntropyLoss()
    order = torch.randperm(x.shape[0], device=x.device)
    total = torch.zeros((), device=x.device)
    for s in range(0, x.shape[0], batch):
        i = order[s:s + batch]
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x[i].float() / 255), y[i])
        loss.backward()
        opt.step()
        total += loss.detach() * i.shape[0]
    return (total / x.shape[0]).item()  # one read per epoch, as fitAsync


def accuracy(model, x, y):
    with torch.no_grad():
        return (model(x.float() / 255).argmax(1) == y).float().mean().item()


def main():
    if not torch.cuda.is_available():
        print(json.dumps({'peer': 'torch-cuda', 'skipped': 'no CUDA device'}))
        return
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    dev = torch.device('cuda')
    (xtr, ytr), (xte, yte), synthetic = load('--synthetic' in sys.argv)
    xtr, ytr, xte, yte = (torch.as_tensor(np.array(v), device=dev) for v in (xtr, ytr.astype(np.int64), xte, yte.astype(np.int64)))
    result = {'peer': 'torch-cuda', 'device': torch.cuda.get_device_name(0), 'torch': torch.__version__, 'synthetic': synthetic, 'gemm': gemm(dev)}
    for name, sizes, make_opt, batch in (
        ('w1', [784, 128, 10], lambda p: torch.optim.SGD(p, lr=0.1), 64),
        ('w3', [784, 512, 256, 10], lambda p: torch.optim.Adam(p, lr=1e-3, betas=(0.9, 0.999), eps=1e-8), 128),
    ):
        runs = []
        for seed in (1234, 1235):  # the first pays CUDA's one-time costs
            torch.manual_seed(seed)
            model = mlp(sizes, dev)
            opt = make_opt(model.parameters())
            runs.append({'seconds': sync_time(lambda: epoch(model, opt, xtr, ytr, batch)), 'accuracy': accuracy(model, xte, yte)})
        result[name] = runs
    model = mlp([784, 512, 256, 10], dev)
    with torch.no_grad():
        model(xte[:1000].float() / 255)
        result['w4'] = {'seconds': sync_time(lambda: [model(xte[s:s + 1000].float() / 255).argmax(1).cpu() for s in range(0, 10000, 1000)])}
    for shape, row in result['gemm'].items():
        print(f'{shape:<16}' + ''.join(f'{v:9.0f}' for v in row.values()))
    for w in ('w1', 'w3'):
        print(f"{w.upper()}  {result[w][1]['seconds']:.3f} s/epoch, acc {100 * result[w][1]['accuracy']:.1f}%")
    print(f"W4  {result['w4']['seconds']:.4f} s for 10k")
    print(json.dumps(result))


if __name__ == '__main__':
    main()
