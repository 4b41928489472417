"""The kept output of a command: the same bytes as printing it afresh, and never another
command's."""

import argparse
import json
import os
import subprocess
import sys

import pytest

from derivations import output_cache
from derivations.cli import derive_parser, main


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("DERIVATIONS_CACHE", "on")
    monkeypatch.setenv("DERIVATIONS_CACHE_DIR", str(tmp_path))
    return tmp_path


def printed(capsys, argv):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def outputs(cache_dir):
    return [p for p in cache_dir.rglob("*.json") if "stdout" in json.loads(p.read_text())]


@pytest.mark.parametrize(
    "argv",
    [
        ["sigmoid", "--plain"],
        ["tanh", "--json"],
        ["leaky_relu", "--param", "a=0.2", "--latex"],
        ["z*sigmoid(z)", "--markdown"],
        ["sigmoid", "--order", "2", "--plain"],
    ],
)
def test_a_kept_output_is_the_output_printed_afresh(cache_dir, capsys, argv, monkeypatch):
    first = printed(capsys, argv)
    assert first[0] == 0 and len(outputs(cache_dir)) == 1
    again = printed(capsys, argv)
    monkeypatch.setenv("DERIVATIONS_CACHE", "off")
    fresh = printed(capsys, argv)
    assert first == again == fresh


def test_other_options_are_other_outputs(cache_dir, capsys):
    a = printed(capsys, ["leaky_relu", "--param", "a=0.2", "--plain"])[1]
    b = printed(capsys, ["leaky_relu", "--param", "a=0.3", "--plain"])[1]
    assert a != b and "0.3" in b and "0.3" not in a
    assert len(outputs(cache_dir)) == 2


def test_the_environment_rich_reads_is_part_of_the_key(monkeypatch):
    class Stream:
        encoding = "utf-8"

        def isatty(self):
            return False

    def key(*argv):
        return output_cache.key(derive_parser(argparse.HelpFormatter).parse_args(argv), Stream())

    monkeypatch.delenv("NO_COLOR", raising=False)
    plain = key("tanh")
    monkeypatch.setenv("NO_COLOR", "1")
    assert key("tanh") != plain
    assert key("tanh", "--timeout", "9") == key("tanh")  # how long we may take prints nothing
    assert key("tanh", "--plain") != key("tanh")


def test_a_failed_command_is_not_kept(cache_dir, capsys):
    code, out, err = printed(capsys, ["not_a_name"])
    assert code == 2 and "unknown" in err
    assert outputs(cache_dir) == []
    assert printed(capsys, ["not_a_name"])[0] == 2


def test_a_corrupt_output_is_ignored(cache_dir, capsys):
    first = printed(capsys, ["relu", "--plain"])
    for path in outputs(cache_dir):
        path.write_text('{"stdout": 3}', encoding="utf-8")
    assert printed(capsys, ["relu", "--plain"]) == first


def test_printing_a_kept_output_imports_no_sympy(tmp_path):
    env = {**os.environ, "DERIVATIONS_CACHE": "on", "DERIVATIONS_CACHE_DIR": str(tmp_path)}
    probe = (
        "import sys; from derivations.cli import main; code = main(['sigmoid', '--plain']);"
        "print('sympy' in sys.modules, code, file=sys.stderr)"
    )
    runs = [
        subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
        for _ in range(2)
    ]
    assert [r.stderr.split() for r in runs] == [["True", "0"], ["False", "0"]]
    assert runs[0].stdout == runs[1].stdout and "g(z)(1 − g(z))" in runs[0].stdout
