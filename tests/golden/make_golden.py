#!/usr/bin/env python3
"""Writes the golden corpus of invalid playbooks from cases/*.case.

In a case, «PB0101» (or «w:PB1002» for a warning) stands right before the token where the
diagnostic must point. This script removes each marker, works out its line and column, and
writes invalid/NAME.yaml with '# expect:' header lines. The validator's output never feeds
the expectations: they come from where the author put the markers.

Run it after editing a case: python3 tests/golden/make_golden.py
"""
import pathlib
import re

here = pathlib.Path(__file__).parent
marker = re.compile(r"«(w:)?(PB\d{4})»")
out_dir = here.parent / "McpPlaybooks.Engine.Tests" / "Golden" / "Invalid"
out_dir.mkdir(parents=True, exist_ok=True)
for old in out_dir.glob("*.yaml"):
    old.unlink()

count = 0
for case in sorted((here / "cases").glob("*.case")):
    text = case.read_text()
    description, _, body = text.partition("\n---\n")
    expectations = []
    lines = body.split("\n")
    clean = []
    for line in lines:
        while True:
            m = marker.search(line)
            if not m:
                break
            severity = "warning" if m.group(1) else "error"
            expectations.append((severity, m.group(2), len(clean), m.start()))
            line = line[: m.start()] + line[m.end():]
        clean.append(line)
    header = ["# " + l for l in description.strip().split("\n")]
    header += [f"# expect: {sev} {code} {{line}}:{col + 1}" for sev, code, _, col in expectations]
    offset = len(header)
    header = [h.replace("{line}", str(expectations[i - (len(header) - len(expectations))][2] + offset + 1))
              if "{line}" in h else h for i, h in enumerate(header)]
    (out_dir / (case.stem + ".yaml")).write_text("\n".join(header + clean).rstrip("\n") + "\n")
    count += 1
print(f"{count} golden cases written to {out_dir}")
