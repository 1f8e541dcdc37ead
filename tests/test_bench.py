"""benchmarks/bench.py rewrites the tables at the top of RESULTS.md and keeps the rest."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from bench import hand_written  # noqa: E402


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
