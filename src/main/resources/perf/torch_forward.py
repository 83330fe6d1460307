"""The same encoder forward passes in PyTorch, for the ratio in reports/benchmarks/performance.md.

Run by `Benchmark performance` when `python3 -c "import torch, torchvision"` works (Debian:
apt-get install python3-torch python3-torchvision). Untrained weights: speed does not depend on them.
Each network is cut at anomaly4j's deepest tap, as the DL4J encoder is:
squeezenet1_1 up to fire7, resnet50 up to layer3 (res4f), vgg16 up to block5_conv3.
Prints one JSON line per encoder: {"encoder", "imagesPerSecond", "threads", "torch"}.
"""
import json
import statistics
import sys
import time

import torch
import torchvision


def encoder(name):
    if name == "squeezenet":
        return torchvision.models.squeezenet1_1().features[:11]      # ... fire7 (features[3:13] are fire2..fire9)
    if name == "resnet50":
        m = torchvision.models.resnet50()
        return torch.nn.Sequential(m.conv1, m.bn1, m.relu, m.maxpool, m.layer1, m.layer2, m.layer3)
    if name == "vgg16":
        return torchvision.models.vgg16().features[:30]             # ... block5_conv3 + ReLU
    raise ValueError(name)


def main():
    names, size, batch, repeats, threads = sys.argv[1].split(","), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    warmup = int(sys.argv[6]) if len(sys.argv) > 6 else 1
    torch.set_num_threads(threads)
    x = torch.rand(batch, 3, size, size)
    for name in names:
        net = encoder(name).eval()
        with torch.no_grad():
            for _ in range(max(1, warmup)):  # as many untimed runs as the DL4J side gets
                net(x)
            times = []
            for _ in range(repeats):
                t0 = time.perf_counter()
                net(x)
                times.append(time.perf_counter() - t0)
        print(json.dumps({"encoder": name, "imagesPerSecond": batch / statistics.median(times),
                          "threads": threads, "torch": torch.__version__}), flush=True)


if __name__ == "__main__":
    main()
