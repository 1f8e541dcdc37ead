import http.server
import subprocess
import sys
import threading

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


class _Press(http.server.BaseHTTPRequestHandler):
    """A press site where one report is gone and one refuses HEAD but answers GET."""

    def do_HEAD(self):
        self.send_response(405 if self.path == "/no-head" else 404 if self.path == "/gone" else 200)
        self.end_headers()

    def do_GET(self):
        self.send_response(404 if self.path == "/gone" else 200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_links_option_warns_of_dead_addresses_and_the_normal_check_stays_offline(tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Press)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    valid = (FIXTURES / "valid" / "2019-01-14-example-minimal.md").read_text("utf-8")
    for name, path in (("gone", "/gone"), ("alive", "/no-head")):
        text = valid.replace("https://example.org/report", base + path)
        (tmp_path / f"2019-01-14-example-{name}.md").write_text(text, "utf-8")
    try:
        offline = run("check", str(tmp_path))
        online = run("check", "--links", str(tmp_path))
    finally:
        server.shutdown()
    assert offline.returncode == 0 and "warning" not in offline.stderr
    assert online.returncode == 0, online.stderr  # a dead address is not a wrong file
    warnings = [line for line in online.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [
        f"warning: {tmp_path}/2019-01-14-example-gone.md:7: source.url: {base}/gone answered "
        "404 Not Found; add a web archive copy under source.archived if one exists"
    ]
