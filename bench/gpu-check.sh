#!/usr/bin/env bash
# GPU check for an inference node host: runs the photo benchmark (bench/Demeter.Bench, `photos`) on cuda:0 and on the
# CPU in the same run, and prints both with their ratio. Needs an NVIDIA GPU with its driver, the CUDA 13 runtime and
# cuDNN 9 on the library path, and the .NET SDK of global.json. On a machine without them it fails at once and says
# what is missing.
#
#   bench/gpu-check.sh [--model my-export.onnx] [--photos 5] [--device cuda:1] [any other photo-benchmark option]
#
# Without --model the built-in detector is measured; a user's export (e.g. a YOLOv8n/YOLO11 .onnx) runs on 640 px
# tiles overlapping 0.2. Exit codes: 0 measured, 2 no usable GPU or CUDA libraries, other = the benchmark failed.
set -euo pipefail
cd "$(dirname "$0")/.."

device="cuda:0"
args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --device) device="$2"; shift 2 ;;
        *) args+=("$1"); shift ;;
    esac
done

fail() {
    echo "gpu-check: $*" >&2
    exit 2
}

command -v nvidia-smi >/dev/null 2>&1 || fail "no NVIDIA driver (nvidia-smi not found): this check needs a machine with an NVIDIA GPU."
gpus=$(nvidia-smi --query-gpu=index,name,driver_version,memory.total --format=csv,noheader 2>/dev/null) \
    || fail "nvidia-smi found no usable GPU: $(nvidia-smi 2>&1 | head -n 1)"
[ -n "$gpus" ] || fail "nvidia-smi lists no GPU."
index="${device#cuda:}"
[ "$index" = "$device" ] && index=0
echo "$gpus" | grep -q "^${index}," || fail "there is no GPU ${index}; this machine has: $(echo "$gpus" | tr '\n' ';')"

# ONNX Runtime's CUDA provider loads these when a session asks for the GPU; name the missing ones before the run does.
missing=()
IFS=: read -r -a library_path <<< "${LD_LIBRARY_PATH:-}"
for lib in libcudart.so.13 libcublas.so.13 libcublasLt.so.13 libcudnn.so.9; do
    found=no
    ldconfig -p 2>/dev/null | grep -q "$lib" && found=yes
    for dir in "${library_path[@]}"; do
        [ -n "$dir" ] && ls "$dir/$lib"* >/dev/null 2>&1 && found=yes
    done
    [ "$found" = yes ] || missing+=("$lib")
done
[ ${#missing[@]} -eq 0 ] || fail "the CUDA 13 runtime and cuDNN 9 are needed on the library path; missing: ${missing[*]} (install CUDA 13 and cuDNN 9, or add their lib folders to LD_LIBRARY_PATH)."

command -v dotnet >/dev/null 2>&1 || fail "the .NET SDK (dotnet) is not on PATH."
echo "gpu-check: GPU ${index}: $(echo "$gpus" | grep "^${index}," | cut -d, -f2- | sed 's/^ *//')"
dotnet build bench/Demeter.Bench -c Release -v quiet -nologo
exec dotnet run -c Release --no-build --project bench/Demeter.Bench -- photos --devices "${device},cpu" "${args[@]}"
