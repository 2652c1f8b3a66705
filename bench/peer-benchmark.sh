#!/usr/bin/env bash
# Tarjama beside transformers.js (Node, default settings) on the same model folder, the same
# sentences and the same settings: greedy, fixed length, batch 1 and 16. Prints both tokens/s and
# their ratio. Results and the command's output are described in docs/benchmarks.md.
#
#   bench/peer-benchmark.sh [--model DIR] [--input FILE] [--sentences N] [--max-new-tokens N] [--rounds N]
#
# DIR must hold the transformers.js layout (onnx/encoder_model.onnx + onnx/decoder_model_merged.onnx,
# as the real-dimension model written by models/tools/generate_tiny_models.py --real-dims does); both
# run exactly those files. transformers.js (pinned in bench/peer/package.json) is installed on first
# use with `npm install --ignore-scripts` into bench/peer/node_modules (ignored by git).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
model="$root/models/build/real-dims"
input="$root/conf/samples/bench-ar.txt"
sentences=32
max_new=64
rounds=3
while [ $# -gt 0 ]; do
  case "$1" in
    --model) model="$2"; shift 2 ;;
    --input) input="$2"; shift 2 ;;
    --sentences) sentences="$2"; shift 2 ;;
    --max-new-tokens) max_new="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    *) echo "peer-benchmark: unknown option $1 (see the top of $0)" >&2; exit 2 ;;
  esac
done

command -v node >/dev/null && command -v npm >/dev/null \
  || { echo "peer-benchmark: Node.js 18 or later and npm are needed" >&2; exit 1; }
model="$(cd "$model" && pwd)" || { echo "peer-benchmark: no model folder $model" >&2; exit 1; }
for f in config.json generation_config.json tokenizer.json onnx/encoder_model.onnx onnx/decoder_model_merged.onnx; do
  [ -f "$model/$f" ] || { echo "peer-benchmark: $model/$f is missing (the transformers.js layout is needed)" >&2; exit 1; }
done

peer="$root/bench/peer"
if [ ! -f "$peer/node_modules/@huggingface/transformers/package.json" ] \
    || [ "$peer/package-lock.json" -nt "$peer/node_modules/.package-lock.json" ]; then
  echo "peer-benchmark: installing transformers.js (npm install --ignore-scripts)..." >&2
  (cd "$peer" && npm install --ignore-scripts --no-audit --no-fund >&2)
fi

# One folder both read: the model's JSON files and its onnx/ folder, nothing else, so that Tarjama
# cannot pick the split decoder files at the root.
build="$root/bench/build"
view="$build/peer-model"
rm -rf "$view" "$build"/round-*.json
mkdir -p "$view"
for f in config.json generation_config.json tokenizer.json; do ln -s "$model/$f" "$view/$f"; done
ln -s "$model/onnx" "$view/onnx"

echo "peer benchmark: $model | $sentences sentences of $input | $max_new new tokens (fixed) | $rounds round(s)"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), node $(node --version)"
reports=()
for r in $(seq 1 "$rounds"); do
  "$root/tarjama" bench --model "$view" --input "$input" --batch 1 --batch 16 --beams 1 --max-new-tokens "$max_new" \
    --sentences "$sentences" --no-baseline --json "$build/round-$r-tarjama.json"
  node "$peer/transformersjs.mjs" measure --model "$view" --tarjama "$build/round-$r-tarjama.json" \
    --out "$build/round-$r-transformersjs.json"
  reports+=("$build/round-$r-transformersjs.json")
done
node "$peer/transformersjs.mjs" report "${reports[@]}"
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
