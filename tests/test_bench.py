"""benchmarks/bench.py rewrites the tables at the top of RESULTS.md and keeps the rest; it
says how far a build's CPU time alone keeps it from its plain twin."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from bench import Runs, hand_written, ratio_line  # noqa: E402


def test_every_section_written_by_hand_is_kept_when_the_tables_are_written_again():
    results = (ROOT / "benchmarks" / "RESULTS.md").read_text("utf-8")
    kept = hand_written(results)
    sections = [line for line in results.splitlines() if line.startswith("## ")]
    assert sections, "RESULTS.md has no section written by hand"
    assert [line for line in kept.splitlines() if line.startswith("## ")] == sections
    assert results.endswith(kept)
    assert "| shape | reports |" not in kept  # the generated table is not kept twice


def test_nothing_is_kept_from_a_file_of_tables_only():
    assert hand_written("# Benchmark results\n\n| shape |\n|---|\n") == ""


def test_the_ratio_line_gives_the_floor_the_cpu_time_sets(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    full = Runs(seconds=[30.0, 20.0, 40.0], cpu=[36.0, 36.0, 30.0])
    plain = Runs(seconds=[10.0, 9.0, 11.0], cpu=[12.0, 11.0, 13.0])
    line = ratio_line("wire", 1000, full, plain)
    # 30 / 10 wall; 36 / 12 CPU; 36 CPU seconds on 2 cores take 18 s at least: 1.8x of 10.
    assert line == (
        "- wire, N = 1,000: full / plain = 3.00; CPU time 3.00x the plain build's, "
        "so on 2 cores no less than 1.80x its wall time"
    )
