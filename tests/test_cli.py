import subprocess
import sys

from conftest import FIXTURES, ROOT
from newsarchive.load.labels import VOCABULARY


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsarchive", *args], capture_output=True, text=True, cwd=ROOT
    )


def test_check_passes_on_the_archive():
    result = run("check", "articles")
    assert result.returncode == 0, result.stderr
    assert "5 article(s) checked" in result.stdout


def test_check_fails_with_every_problem_on_stderr():
    result = run("check", str(FIXTURES / "invalid" / "several-problems"))
    assert result.returncode == 1
    assert "figures[0].value: 'forty' is not a whole number" in result.stderr
    assert "2019-01-14-example-other.md:11: language:" in result.stderr


def test_github_annotations_name_file_and_line():
    result = run("check", "--github", str(FIXTURES / "invalid" / "wrong-type-number"))
    assert "::error file=" in result.stdout and ",line=16,title=figures[0].value::" in result.stdout


def test_usage_error_exits_2():
    assert run("frobnicate").returncode == 2
    assert run().returncode == 2


def test_committed_schema_is_the_one_the_validator_uses():
    result = run("schema")
    assert result.returncode == 0
    assert (ROOT / "schema" / "article.schema.json").read_text("utf-8") == result.stdout


def test_labels_that_say_one_claim_two_ways_are_warned_but_pass(tmp_path):
    valid = (FIXTURES / "valid" / "2019-01-14-example-minimal.md").read_text("utf-8")
    (tmp_path / "2019-01-14-example-minimal.md").write_text(valid)
    other = valid.replace("example.org/report", "example.org/other")
    (tmp_path / "2019-01-14-example-other.md").write_text(other.replace("detained", "arrested", 1))
    third = valid.replace("example.org/report", "example.org/third")
    (tmp_path / "2019-01-14-example-third.md").write_text(third.replace("detained", "detaineds", 1))
    result = run("check", "--github", str(tmp_path))
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 2 and "'arrested' reads like the vocabulary's 'detained'" in warnings[0]
    assert "-other.md:15: figures:" in warnings[0] and "::warning file=" in result.stdout
    assert "-third.md:15: figures: 'detaineds' looks like 'detained'" in warnings[1]


def test_the_editors_guide_lists_the_whole_label_vocabulary():
    guide = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    for label, meaning in VOCABULARY.items():
        assert f"| `{label}` | {meaning} |" in guide
