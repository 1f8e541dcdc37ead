"""The GitHub workflow files, checked by a real linter (zizmor: schema and security audits)."""

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

ZIZMOR = Path(sys.executable).parent / "zizmor"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def zizmor(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            str(ZIZMOR),
            "--offline",
            "--config",
            str(ROOT / ".github" / "zizmor.yml"),
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_passes_the_linter(workflow: Path):
    result = zizmor(workflow)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_linter_rejects_a_broken_workflow(tmp_path: Path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n")
    assert zizmor(broken).returncode != 0


def test_publish_deploys_with_the_official_pages_actions():
    text = (ROOT / ".github" / "workflows" / "publish.yml").read_text()
    for action in (
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ):
        assert action in text
    assert "make check build" in text
