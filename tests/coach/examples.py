"""Helpers shared by the coach tests: run catalog examples, score the corpus."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from amends.coach import analyze
from amends.coach.catalog import Entry, load_catalog

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def example_failures(entry: Entry) -> list[str]:
    """Why each of an entry's own examples fails, if it does."""
    problems = []
    for ex in entry.flag:
        result = analyze(ex.text, ex.kind)
        if entry.family == "rule":
            spans = [(f.start, f.end) for f in result.findings if f.rule == entry.id]
            if not spans:
                problems.append(f"did not fire: {ex.text!r}")
            elif ex.spans and not all(_overlaps(want, spans) for want in ex.spans):
                problems.append(f"fired at {spans}, expected {list(ex.spans)}: {ex.text!r}")
        elif entry.family == "part":
            if not _part(ex.text, entry.id, ex.kind):
                problems.append(f"part missing: {ex.text!r}")
        elif entry.id not in result.safety:
            problems.append(f"flag missing: {ex.text!r}")
    for ex in entry.passes:
        result = analyze(ex.text, ex.kind)
        if entry.family == "rule":
            if any(f.rule == entry.id for f in result.findings):
                problems.append(f"fired on a pass example: {ex.text!r}")
        elif entry.family == "part":
            if _part(ex.text, entry.id, ex.kind):
                problems.append(f"part wrongly present: {ex.text!r}")
        elif entry.id in result.safety:
            problems.append(f"flag wrongly raised: {ex.text!r}")
    return problems


def _overlaps(want: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(start < want[1] and want[0] < end for start, end in spans)


def _part(text: str, part: str, kind: str) -> bool:
    from amends.coach import PARTS_BY_KIND

    for k, parts in PARTS_BY_KIND.items():
        if part in parts:
            kind = kind if part in PARTS_BY_KIND.get(kind, ()) else k
            break
    return analyze(text, kind).parts[part]


def load_corpus(*names: str) -> list[dict]:
    rows = []
    for name in names or ("seed.jsonl", "dev.jsonl", "holdout.jsonl", "blind2.jsonl",
                          "blind3.jsonl", "blind4.jsonl", "blind5.jsonl", "blind6.jsonl"):
        with open(CORPUS / name, encoding="utf8") as fh:
            rows += [json.loads(line) for line in fh if line.strip()]
    return rows


def score(rows: list[dict]) -> dict:
    """Per-rule precision/recall, part accuracy and safety flag counts."""
    tp, fp, fn = Counter(), Counter(), Counter()
    parts_right = parts_total = 0
    part_errors = Counter()
    safety_tp = safety_fn = safety_fp = 0
    misses: list[str] = []
    for row in rows:
        result = analyze(row["text"], row["kind"])
        got = {f.rule for f in result.findings}
        want = set(row["findings"])
        for rule in got & want:
            tp[rule] += 1
        for rule in got - want:
            fp[rule] += 1
            misses.append(f"FP {rule}: {row['id']} {row['text']!r}")
        for rule in want - got:
            fn[rule] += 1
            misses.append(f"FN {rule}: {row['id']} {row['text']!r}")
        for part, value in row.get("parts", {}).items():
            parts_total += 1
            if result.parts.get(part) == value:
                parts_right += 1
            else:
                part_errors[part] += 1
                misses.append(f"PART {part} want {value}: {row['id']} {row['text']!r}")
        want_flags, got_flags = set(row.get("safety", [])), set(result.safety)
        safety_tp += len(want_flags & got_flags)
        safety_fn += len(want_flags - got_flags)
        safety_fp += len(got_flags - want_flags)
        for flag in want_flags ^ got_flags:
            misses.append(f"SAFETY {flag}: {row['id']} {row['text']!r}")
    rules = {}
    for entry in load_catalog().rules:
        r = entry.id
        precision = tp[r] / (tp[r] + fp[r]) if tp[r] + fp[r] else 1.0
        recall = tp[r] / (tp[r] + fn[r]) if tp[r] + fn[r] else 1.0
        rules[r] = {"tp": tp[r], "fp": fp[r], "fn": fn[r],
                    "precision": precision, "recall": recall}
    found = sum(tp.values())
    expected = found + sum(fn.values())
    reported = found + sum(fp.values())
    return {
        "rules": rules,
        "recall": found / expected if expected else 1.0,
        "false_alarm_rate": sum(fp.values()) / reported if reported else 0.0,
        "parts_accuracy": parts_right / parts_total if parts_total else 1.0,
        "part_errors": dict(part_errors),
        "safety_recall": safety_tp / (safety_tp + safety_fn) if safety_tp + safety_fn else 1.0,
        "safety_false": safety_fp,
        "misses": misses,
    }


def report(metrics: dict) -> str:
    lines = [f"{'rule':22} {'prec':>5} {'rec':>5}  tp  fp  fn"]
    for rule, m in metrics["rules"].items():
        lines.append(f"{rule:22} {m['precision']:5.2f} {m['recall']:5.2f} "
                     f"{m['tp']:3} {m['fp']:3} {m['fn']:3}")
    lines.append(f"findings found {metrics['recall']:.1%}, false alarms "
                 f"{metrics['false_alarm_rate']:.1%}, parts right "
                 f"{metrics['parts_accuracy']:.1%}, safety found "
                 f"{metrics['safety_recall']:.1%}, safety false {metrics['safety_false']}")
    return "\n".join(lines)
