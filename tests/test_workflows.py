"""The GitHub workflow files, checked by a real linter (zizmor: schema and security audits)."""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

ZIZMOR = Path(sys.executable).parent / "zizmor"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
DEPENDABOT = ROOT / ".github" / "dependabot.yml"


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


@pytest.mark.parametrize("workflow", [*WORKFLOWS, DEPENDABOT], ids=lambda p: p.name)
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


def test_every_install_comes_from_a_lock_with_hashes():
    makefile = (ROOT / "Makefile").read_text()
    assert "$(UV) sync --locked" in makefile
    pip_installs = [line for line in makefile.splitlines() if "pip install" in line]
    assert pip_installs and all("--require-hashes" in line for line in pip_installs)
    for workflow in WORKFLOWS:
        text = workflow.read_text()
        assert "pip install" not in text and "uv sync" not in text, workflow.name  # only make
    lock = (ROOT / "uv.lock").read_text()
    assert lock.count("hash = ") > 100


def test_dependabot_proposes_lock_updates_weekly():
    config = yaml.safe_load(DEPENDABOT.read_text())
    ecosystems = {u["package-ecosystem"]: u["schedule"]["interval"] for u in config["updates"]}
    assert ecosystems == {"uv": "weekly", "pip": "weekly", "github-actions": "weekly"}


PREVIEW = "python3 -m http.server --bind 127.0.0.1 --directory site-preview 8000"


def test_every_guide_gives_the_one_command_that_serves_the_preview():
    # The browser tests serve the built site the same way (http.server over its folder).
    for guide in ("README.md", "CONTRIBUTING.md", ".github/pull_request_template.md"):
        assert PREVIEW in (ROOT / guide).read_text("utf-8"), guide
    assert "name: site-preview" in (ROOT / ".github" / "workflows" / "pull-request.yml").read_text()
