#!/usr/bin/env bash
# Prepares bench/.gpu/ on this (networked) machine for bench/gpu-machine.sh on a machine with a
# real NVIDIA GPU but no Vulkan loader and no network (such as the lent H200):
#   - libvulkan1 (the Vulkan loader) as Debian's .deb, unpacked there;
#   - the bench as one ESM bundle (bench/run.ts and everything it imports, kernels included),
#     so the machine needs no node_modules;
#   - Dawn's Node bindings for linux-x64 only (npm webgpu: index.js + dist/linux-x64, ~21 MB);
#   - a Node binary (xz-compressed) in case the machine has none;
#   - PyTorch's peer script.
# Fashion-MNIST is not carried (30 MB): the GPU run uses random images of the same shapes
# (--synthetic), which time the same work. Total well under the 64 MiB a device run may carry.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/.gpu
rm -rf "$out" && mkdir -p "$out/node_modules/webgpu/dist"
(cd "$out" && apt-get download libvulkan1)
node_modules/.bin/esbuild bench/run.ts --bundle --platform=node --format=esm --target=node20 --external:webgpu \
  --banner:js="import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" \
  --outfile="$out/bench.mjs" --log-level=warning
cp node_modules/webgpu/index.js node_modules/webgpu/package.json "$out/node_modules/webgpu/"
cp -r node_modules/webgpu/dist/linux-x64 "$out/node_modules/webgpu/dist/"
xz -T2 -6 -c "$(readlink -f "$(command -v node)")" > "$out/node.xz"
cp bench/torch_cuda.py "$out/"
du -sh "$out"
