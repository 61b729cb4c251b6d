#!/usr/bin/env python3
"""Writes a rubric (and facts) whose size is far inside the limits but whose
messages, verify() findings and rendered table are ~1000x larger: a chain of
11 branches, each named with MAX_TEXT_CHARS (20,000) characters, above 1,989
leaves. Every leaf's path, quoted in its issue, finding or table row, carries
all 11 names.

    python3 fuzz/amplification.py MODE [LEAVES] [--zh] > input.bin

MODE: compile_error (every leaf names an undeclared input: the CompileError
      message is huge), missing (facts miss the input: the EvaluationError
      message is huge), ok (verify() and render::text are huge).
--zh: names in 3-byte characters, tripling every size.

Measured at bcb95b7, when names could be 20,000 characters: from a 477 KB
input, CompileError and EvaluationError displayed as 438 MB, verify()
returned 876 MB of strings, render::text wrote 438 MB. Names are now at
most limits::MAX_NAME_CHARS (200) and a missing input lists at most
limits::MAX_LISTED_PATHS leaves: from a 264 KB input (--zh, 1,989 leaves,
names of 200 characters), verify() returns 27 MB of findings, render::text
writes 9 MB, the CompileError displays as 13 MB and the EvaluationError
as 67 KB.
"""
import json
import sys

args = [a for a in sys.argv[1:] if not a.startswith("--")]
zh = "--zh" in sys.argv
mode = args[0] if args else "ok"
leaves_n = int(args[1]) if len(args) > 1 else 1989
WIDTH = 200


def name(i):
    return (chr(0x4E00 + i) if zh else chr(ord("A") + i)) * WIDTH


formula = "y" if mode == "compile_error" else "x"
children = [
    {"id": f"l{j}", "name": f"l{j}", "points": 1,
     "rule": {"kind": "proportional", "formula": formula, "target": 1, "better": "higher"}}
    for j in range(leaves_n)
]
for depth in range(10, -1, -1):
    children = [{"id": f"b{depth}", "name": name(depth), "points": leaves_n, "children": children}]
rubric = {"title": "t", "total": leaves_n, "inputs": [{"name": "x"}], "indicators": children}
facts = {"values": {"x": 1}} if mode == "ok" else {}
sys.stdout.buffer.write(
    json.dumps(rubric, ensure_ascii=False).encode() + b"\0" + json.dumps(facts).encode()
)
