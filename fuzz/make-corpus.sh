#!/usr/bin/env bash
# Seeds the fuzz corpora (ignored by git) from the repository's files:
# - corpus/evaluate/ and corpus/render/: each rubrics/*/ folder with a
#   rubric.json as rubric.json, a NUL byte, facts.json; and every
#   tests/fuzz/*.bin (the hand-made one-rule-kind seeds and the minimised
#   crashes);
# - corpus/facts/: each rubrics/*/facts.json, and every tests/fuzz/facts-*.
set -euo pipefail
cd "$(dirname "$0")/.."
for target in evaluate render; do
    out=fuzz/corpus/$target
    mkdir -p "$out"
    for dir in rubrics/*/; do
        [ -f "$dir/rubric.json" ] && [ -f "$dir/facts.json" ] || continue
        { cat "$dir/rubric.json"; printf '\0'; cat "$dir/facts.json"; } > "$out/rubric-$(basename "$dir")"
    done
    cp tests/fuzz/*.bin "$out/"
    echo "$(ls "$out" | wc -l) inputs in $out"
done
out=fuzz/corpus/facts
mkdir -p "$out"
for dir in rubrics/*/; do
    [ -f "$dir/facts.json" ] && cp "$dir/facts.json" "$out/facts-$(basename "$dir").json"
done
for file in tests/fuzz/facts-*; do
    [ -f "$file" ] && cp "$file" "$out/"
done
echo "$(ls "$out" | wc -l) inputs in $out"
