#!/usr/bin/env bash
# The WebGPU bench on a machine with a real NVIDIA GPU (prepared by bench/gpu-prepare.sh; carry
# bench/.gpu). A few minutes: the adapter's name, GEMM in all three orientations, W1, W3, W4
# on the GPU through Dawn/Vulkan, then PyTorch on CUDA as the peer. Run from the repository root:
#   bash bench/gpu-machine.sh [FP32_PEAK_GFLOPS]      (default 67000: H100/H200 SXM fp32, no tensor cores)
set -uo pipefail
cd "$(dirname "$0")/.."
gpu=bench/.gpu
peak=${1:-67000}
[ -f "$gpu/bench.mjs" ] || { echo "bench/.gpu is missing: run bash bench/gpu-prepare.sh on a networked machine and carry bench/.gpu"; exit 2; }
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || echo "nvidia-smi: not found"

# 1. The Vulkan loader, unpacked from Debian's .deb (dpkg-deb, or ar + tar where dpkg is absent).
vk=/tmp/backprop-vulkan
mkdir -p "$vk"
for deb in "$gpu"/*.deb; do
  if command -v dpkg-deb >/dev/null; then dpkg-deb -x "$deb" "$vk"
  else (cd "$vk" && ar x "$OLDPWD/$deb" && tar xf data.tar.* && rm -f data.tar.* control.tar.* debian-binary); fi
done
export LD_LIBRARY_PATH="$vk/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

# 2. The NVIDIA Vulkan driver: the ICD file the driver installed, or one written for its library.
icd=$(ls /usr/share/vulkan/icd.d/nvidia_icd*.json /etc/vulkan/icd.d/nvidia_icd*.json 2>/dev/null | head -n 1)
if [ -z "$icd" ]; then
  lib=$( (ldconfig -p 2>/dev/null | grep -o '/[^ ]*libGLX_nvidia\.so\.0$'; find / -xdev -name 'libGLX_nvidia.so.0' 2>/dev/null) | head -n 1)
  if [ -z "$lib" ]; then
    echo "no NVIDIA Vulkan driver here (no nvidia_icd.json, no libGLX_nvidia.so.0): a container needs NVIDIA_DRIVER_CAPABILITIES to include 'graphics'"
  else
    icd=/tmp/nvidia_icd.json
    printf '{"file_format_version":"1.0.1","ICD":{"library_path":"%s","api_version":"1.3.0"}}\n' "$lib" > "$icd"
  fi
fi
[ -n "$icd" ] && export VK_ICD_FILENAMES="$icd" && echo "Vulkan ICD: $icd"

# 3. Node: the machine's, or the one carried.
node=$(command -v node || true)
if [ -z "$node" ]; then xz -dc "$gpu/node.xz" > /tmp/backprop-node && chmod +x /tmp/backprop-node && node=/tmp/backprop-node; fi
echo "node $("$node" --version)"

# 4. backprop on the GPU (the bundle finds Dawn in bench/.gpu/node_modules), then PyTorch CUDA.
(cd "$gpu" && timeout 300 "$node" bench.mjs --backend webgpu --only gemm,w1,w3,w4 --synthetic --fp32-peak "$peak" --trial-ms 200) \
  || echo "webgpu bench failed or timed out (exit $?)"
python=$(command -v /usr/bin/python3 || command -v python3)
timeout 180 "$python" "$gpu/torch_cuda.py" --synthetic || echo "torch peer failed or timed out (exit $?)"
