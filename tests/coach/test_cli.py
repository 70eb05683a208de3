"""`amends coach` as a person would use it: text, stdin, --json, --jsonl, errors."""

import json
import subprocess
import sys

import pytest

from amends.cli import main

SEED = "I'm sorry you feel that way, but you were pushing my buttons."


def run(*args, stdin: bytes = b""):
    proc = subprocess.run([sys.executable, "-m", "amends.cli", "coach", *args], input=stdin,
                          capture_output=True, check=False)
    return proc.returncode, proc.stdout.decode(), proc.stderr.decode()


def test_it_explains_the_seeds_bad_apology(capsys):
    assert main(["coach", SEED]) == 0
    out = capsys.readouterr().out
    for rule in ("sorry-you-feel", "but-excuse", "blame-shift"):
        assert rule in out
    assert "Why:" in out and "Try:" in out
    assert "»but«" in out  # the flagged span is marked in the text
    assert "[x] says sorry" in out and "[ ] names what you did" in out


def test_it_prints_the_contract_json(capsys):
    assert main(["coach", "--json", "--kind", "reply", "I hear you."]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == {"kind": "reply", "parts": {"validates": True, "ownership": False},
                    "findings": [], "safety": []}


def test_it_reads_standard_input():
    code, out, _ = run("--json", stdin=SEED.encode())
    assert code == 0
    assert "but-excuse" in {f["rule"] for f in json.loads(out)["findings"]}


def test_resources_come_first_when_a_safety_flag_fires(capsys):
    assert main(["coach", "I don't want to be here anymore."]) == 0
    out = capsys.readouterr().out
    assert out.index("988") < out.index("Parts")
    assert out.startswith("Before anything else")


@pytest.mark.parametrize("args,stdin,needle", [
    (["--kind", "letter", "sorry"], b"", "unknown kind 'letter'"),
    (["   "], b"", "empty"),
    ([], b"\xff\xfe not utf-8", "not valid UTF-8"),
    (["x" * 20_001], b"", "20,000"),
])
def test_usage_errors_exit_2_with_one_clear_line(args, stdin, needle):
    code, out, err = run(*args, stdin=stdin)
    assert code == 2
    assert out == ""
    assert needle in err and len(err.strip().splitlines()) == 1


def test_jsonl_keeps_order_and_reports_bad_lines_in_place():
    lines = [
        json.dumps({"id": 1, "text": SEED}),
        "this is not json",
        json.dumps({"id": 3, "kind": "promise", "text": "I'll call you every Friday at 6."}),
        json.dumps({"id": 4}),
        json.dumps({"id": 5, "kind": "poem", "text": "hi"}),
        json.dumps({"id": 6, "text": "y" * 20_001}),
        json.dumps({"text": "I hear you.", "kind": "reply"}),
    ]
    code, out, _ = run("--jsonl", stdin=("\n".join(lines) + "\n").encode())
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert len(rows) == 7
    assert rows[0]["id"] == 1 and "but-excuse" in {f["rule"] for f in rows[0]["findings"]}
    assert "error" in rows[1] and "not JSON" in rows[1]["error"]
    assert rows[2]["parts"] == {"concrete": True, "checkable": True}
    assert rows[3] == {"id": 4, "error": 'line 4: missing "text"'}
    assert "unknown kind" in rows[4]["error"]
    assert "20,000" in rows[5]["error"]
    assert rows[6]["parts"]["validates"] is True


def test_jsonl_exits_0_when_every_line_is_good():
    code, out, _ = run("--jsonl", stdin=b'{"id": "a", "text": "I lied to you."}\n')
    assert code == 0
    assert json.loads(out)["id"] == "a"
