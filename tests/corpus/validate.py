# ruff: noqa: E501, E701, E702
"""Check the coach corpus: parse, unique ids, only COACH.md vocabulary, print counts.

Run: python3 tests/corpus/validate.py
"""
import collections
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
KINDS = {"apology": ["regret", "specific", "ownership", "feelings", "change"],
         "reply": ["validates", "ownership"],
         "promise": ["concrete", "checkable"],
         "message": []}
RULES = ["sorry-if", "sorry-you-feel", "but-excuse", "excuse", "blame-shift", "minimizing",
         "vague", "passive-voice", "denial", "self-focus", "pressure-to-forgive",
         "already-apologized", "intent-defense", "forgiveness-request", "grand-vow",
         "vague-promise", "hedged-commitment"]
PROMISE_ONLY = {"grand-vow", "vague-promise"}
FLAGS = ["self-harm", "violence", "control"]
SOURCES = {"own", "seed", "lazare", "sorrywatch", "public"}

errors, ids, rows = [], set(), []
for name in ("seed.jsonl", "dev.jsonl", "holdout.jsonl", "blind2.jsonl", "blind3.jsonl",
             "blind4.jsonl", "blind5.jsonl", "blind6.jsonl"):
    for n, line in enumerate((HERE / name).read_text(encoding="utf-8").splitlines(), 1):
        where = f"{name}:{n}"
        try:
            o = json.loads(line)
        except ValueError as e:
            errors.append(f"{where}: not JSON ({e})"); continue
        for k in ("id", "kind", "text", "findings", "parts", "safety", "source"):
            if k not in o: errors.append(f"{where}: missing {k}")
        if o.get("id") in ids: errors.append(f"{where}: duplicate id {o.get('id')}")
        ids.add(o.get("id"))
        kind = o.get("kind")
        if kind not in KINDS: errors.append(f"{where}: bad kind {kind}"); continue
        if not isinstance(o.get("text"), str) or not o["text"].strip(): errors.append(f"{where}: empty text")
        f = o.get("findings", [])
        if len(set(f)) != len(f): errors.append(f"{where}: repeated finding")
        for r in f:
            if r not in RULES: errors.append(f"{where}: unknown rule {r}")
            if r in PROMISE_ONLY and kind != "promise": errors.append(f"{where}: {r} on kind {kind}")
        if sorted(o.get("parts", {})) != sorted(KINDS[kind]): errors.append(f"{where}: parts {o.get('parts')} != {KINDS[kind]}")
        if not all(isinstance(v, bool) for v in o.get("parts", {}).values()): errors.append(f"{where}: non-bool part")
        for s in o.get("safety", []):
            if s not in FLAGS: errors.append(f"{where}: unknown flag {s}")
        if o.get("source") not in SOURCES: errors.append(f"{where}: bad source {o.get('source')}")
        p = o.get("parts", {})
        # internal consistency of the labelling conventions (see README.md)
        if kind == "apology":
            if "vague" in f and (p["specific"] or not p["regret"]): errors.append(f"{where}: vague but specific/no regret")
            if p["regret"] and not p["specific"] and "vague" not in f: errors.append(f"{where}: apology names no act but not vague")
            if "sorry-you-feel" in f and p["feelings"]: errors.append(f"{where}: sorry-you-feel with feelings")
        if kind == "promise":
            if "vague-promise" in f and p["concrete"]: errors.append(f"{where}: vague-promise but concrete")
            if "grand-vow" in f and p["checkable"]: errors.append(f"{where}: grand-vow but checkable")
        rows.append(o)

per_file = collections.Counter(r["id"].split("-")[0] for r in rows)
print(f"lines: {len(rows)}  ({', '.join(f'{k} {v}' for k, v in per_file.items())})")
print("kinds:", dict(collections.Counter(r["kind"] for r in rows)))
rc = collections.Counter(x for r in rows for x in r["findings"])
print("rules (flag examples):")
for r in RULES: print(f"  {r:22s} {rc[r]}")
print("parts (true/false):")
for k, names in KINDS.items():
    for p in names:
        vals = [r["parts"][p] for r in rows if r["kind"] == k]
        print(f"  {k}.{p:10s} true={sum(vals)} false={len(vals)-sum(vals)}")
fc = collections.Counter(x for r in rows for x in r["safety"])
print("safety:", {s: fc[s] for s in FLAGS})
clean = sum(1 for r in rows if not r["findings"] and not r["safety"])
print(f"clean (no findings, no safety): {clean} of {len(rows)} ({clean/len(rows):.0%})")
print("sources:", dict(collections.Counter(r.get("source") for r in rows)))
if errors:
    print("\nERRORS:"); print("\n".join(errors)); sys.exit(1)
print("OK")
