#!/usr/bin/env bash
# Seeds fuzz/corpus/evaluate/ (ignored by git): each rubrics/*/ folder as
# rubric.json, a NUL byte, facts.json; and every tests/fuzz/*.bin (the
# hand-made one-rule-kind seeds and the minimised crashes).
set -euo pipefail
cd "$(dirname "$0")/.."
out=fuzz/corpus/evaluate
mkdir -p "$out"
for dir in rubrics/*/; do
    [ -f "$dir/rubric.json" ] && [ -f "$dir/facts.json" ] || continue
    { cat "$dir/rubric.json"; printf '\0'; cat "$dir/facts.json"; } > "$out/rubric-$(basename "$dir")"
done
cp tests/fuzz/*.bin "$out/"
echo "$(ls "$out" | wc -l) inputs in $out"
