"""Coach benchmark: throughput, latency and cost relative to spaCy's blank tokenizer.

    uv run python benchmarks/coach_bench.py [--rounds 15]

Both are measured in one run over the same messages (the labelled corpus), in
alternating rounds so machine noise hits both alike. Both remember what they have seen:
spaCy's tokenizer each chunk of text, the coach what its rules find in each token context
(amends.coach.matcher). So the first pass over messages new to both is reported on its
own, and the warm rounds after it. Also prints how analysis time
grows with message length (it should be linear) and the time for a 20,000-character
message.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import spacy

from amends.coach import analyze, get_coach

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"


def messages() -> list[tuple[str, str]]:
    rows = []
    for name in ("seed.jsonl", "dev.jsonl"):
        for line in (CORPUS / name).read_text(encoding="utf8").splitlines():
            if line.strip():
                row = json.loads(line)
                rows.append((row["text"], row["kind"]))
    return rows


def _best(run, times: int = 5) -> float:
    best = float("inf")
    for _ in range(times):
        t = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()

    t0 = time.perf_counter()
    get_coach()
    load = time.perf_counter() - t0
    blank = spacy.blank("en")
    msgs = messages()
    # First pass: every message is new to both tokenizers' caches.
    t = time.perf_counter()
    for text, _kind in msgs:
        blank.tokenizer(text)
    cold_tok = time.perf_counter() - t
    t = time.perf_counter()
    for text, kind in msgs:
        analyze(text, kind)
    cold_coach = time.perf_counter() - t
    print(f"first pass (cold caches): coach / blank tokenizer = {cold_coach / cold_tok:.2f}x")
    for text, kind in msgs:  # warm both caches
        analyze(text, kind)
        blank.tokenizer(text)

    tok_total = coach_total = call_total = 0.0
    latencies: list[float] = []
    round_ratios: list[float] = []
    for _ in range(args.rounds):
        t = time.perf_counter()
        for text, _kind in msgs:
            blank.tokenizer(text)
        tok_round = time.perf_counter() - t
        t = time.perf_counter()
        for text, _kind in msgs:
            blank(text)  # the blank pipeline called as a whole: tokenizer + Doc handling
        call_total += time.perf_counter() - t
        t = time.perf_counter()
        for text, kind in msgs:
            s = time.perf_counter()
            analyze(text, kind)
            latencies.append(time.perf_counter() - s)
        coach_round = time.perf_counter() - t
        tok_total += tok_round
        coach_total += coach_round
        round_ratios.append(coach_round / tok_round)

    n = len(msgs) * args.rounds
    latencies.sort()
    chars = statistics.mean(len(t) for t, _ in msgs)
    print(f"messages: {len(msgs)} (mean {chars:.0f} characters), rounds: {args.rounds}")
    print(f"coach load: {load:.2f} s")
    print(f"coach: {n / coach_total:,.0f} messages/s; "
          f"p50 {latencies[n // 2] * 1e3:.2f} ms, p99 {latencies[int(n * 0.99)] * 1e3:.2f} ms")
    print(f"blank tokenizer: {n / tok_total:,.0f} messages/s")
    print(f"ratio coach / blank tokenizer (warm caches): {coach_total / tok_total:.2f}x "
          f"(per round: median {statistics.median(round_ratios):.2f}x, "
          f"range {min(round_ratios):.2f}-{max(round_ratios):.2f}x)")
    print(f"ratio coach / spacy.blank('en')(text) (warm caches): {coach_total / call_total:.2f}x")

    print("growth with length (should be linear; best of 5 runs each):")
    unit = "I'm sorry I yelled, but you were pushing my buttons. I will call you at 8. "
    base = None
    for size in (1_000, 5_000, 10_000, 20_000):
        text = (unit * (size // len(unit) + 1))[:size]
        per = _best(lambda text=text: analyze(text))
        tok = _best(lambda text=text: blank.tokenizer(text))
        base = base or per / size
        print(f"  {size:>6} chars: {per * 1e3:7.1f} ms ({per / size / base:.2f}x per char "
              f"vs 1,000; {per / tok:.2f}x the blank tokenizer)")
    worst = ("sorry but if you " * 1300)[:20_000]
    t = time.perf_counter()
    analyze(worst)
    print(f"adversarial 20,000 chars: {(time.perf_counter() - t) * 1e3:.1f} ms")


if __name__ == "__main__":
    main()
