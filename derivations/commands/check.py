"""``derive check``: judge a hand-written derivation line by line (wiring only).

    derive check FILE|-                 one derivation (plain text or LaTeX)
    derive check sigmoid "g*(1-g)"      a claimed g' alone
    derive check --batch DIR|FILE...    many submissions, one summary row each

Exit codes: 0 every line right, 1 a line is wrong (or could not be proved),
2 the input cannot be read.  A batch exits with the worst of its files.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import TimeLimit, add_timeout, time_limit

DESCRIPTION = (
    "Check a hand-written derivation line by line: find the first wrong step and say why. "
    "Reads plain text (g(z) = ..., g'(z) = ..., = ...) or LaTeX (align, equation, $$...$$)."
)
SUBMISSION_SUFFIXES = (".txt", ".tex", ".md", ".text", ".latex")
MAX_FILE_BYTES = 1_000_000
DEFAULT_CSV = "check-summary.csv"
EXIT_RIGHT, EXIT_WRONG, EXIT_UNREADABLE = 0, 1, 2
OPTIONS_WITH_VALUE = ("--csv", "--timeout")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help="a file ('-' for standard input); or an activation (or formula) and claimed g′ "
        "forms; with --batch, files and directories",
    )
    parser.add_argument(
        "--batch",
        action="store_true",
        help="check every file given (and every .txt/.tex/.md file in each "
        "directory) and print a summary table",
    )
    parser.add_argument("--json", action="store_true", help="print JSON (for autograders)")
    parser.add_argument(
        "--csv",
        metavar="PATH",
        help=f"with --batch: write the summary as CSV here (default "
        f"{DEFAULT_CSV}; '-' prints it instead of the table)",
    )
    add_timeout(parser, what=" on one input", dest="input_timeout")
    # The time limit is applied per input here, so one slow file cannot sink a batch.
    parser.set_defaults(timeout=0)
    # A claimed g' may start with a minus (derive check tanh "-tanh^2(z)"): not an option.
    parse_known_args = parser.parse_known_args

    def formulas_stay_positional(args=None, namespace=None):
        if args is not None:
            args = formulas_after_options(list(args))
        return parse_known_args(args, namespace)

    parser.parse_known_args = formulas_stay_positional


def formulas_after_options(argv: list[str]) -> list[str]:
    """argv with "--" before the inputs when one of them starts with '-', like "-g*(1-g)".

    Every option of ``derive check`` is long (--json, ...) apart from -h, so a word
    starting with a single '-' is a formula; argparse reads it as one after "--".
    """
    options: list[str] = []
    inputs: list[str] = []
    i = 0
    while i < len(argv):
        word = argv[i]
        if word == "--":
            inputs += argv[i + 1 :]
            break
        if word.startswith("--") or word == "-h":
            options.append(word)
            takes_value = len(word) > 2 and any(o.startswith(word) for o in OPTIONS_WITH_VALUE)
            if takes_value and i + 1 < len(argv):  # --csv PATH, or abbreviated: --cs PATH
                options.append(argv[i + 1])
                i += 1
        else:
            inputs.append(word)
        i += 1
    if not any(word.startswith("-") and word != "-" for word in inputs):
        return argv
    return [*options, "--", *inputs]


def run(args: argparse.Namespace) -> int:
    from ..errors import UsageError

    if args.batch:
        return _run_batch(args)
    if args.csv:
        raise UsageError("--csv is for --batch summaries")
    if not args.inputs:
        raise UsageError(
            "give a file, '-' for standard input, or an activation and a claimed "
            'g′, e.g. derive check sigmoid "g*(1-g)"'
        )
    return _run_one(args)


def _run_one(args: argparse.Namespace) -> int:
    from ..errors import DerivationsError, UsageError
    from ..render import check_report

    inputs = args.inputs
    name = {"-": "<stdin>"}.get(inputs[0], inputs[0]) if len(inputs) == 1 else "<arguments>"
    try:
        with time_limit(args.input_timeout):
            if len(inputs) == 1:
                report = _check_text(read_input(inputs[0]), name)
            elif _is(Path(inputs[0]), Path.is_file) or inputs[0] == "-":
                raise UsageError("several files: check them with --batch")
            else:
                from ..check import check_claims

                report = check_claims(inputs[0], inputs[1:])
    except DerivationsError as error:
        if args.json:
            data = check_report.error_dict(name, str(error), check_report.error_place(error))
            print(check_report.render_json(data))
        raise
    if args.json:
        print(check_report.render_json(check_report.to_dict(report)))
    else:
        check_report.render(report)
    return EXIT_RIGHT if report.verdict == "right" else EXIT_WRONG


def _check_text(text: str, name: str):
    from ..check import check_text

    return check_text(text, name)


def _is(path: Path, test) -> bool:
    """``test(path)``, False where the name cannot even be looked up (a formula too long
    for a file name, a NUL byte): such an input is not a file."""
    try:
        return bool(test(path))
    except (OSError, ValueError):
        return False


def read_input(path: str) -> str:
    """The text of a file (or of standard input for '-'), refusing what is not text."""
    from ..errors import DerivationsError, InputRefused

    if path == "-":
        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        name = "standard input"
    else:
        file = Path(path)
        if not _is(file, Path.is_file):
            hint = ""
            if not _is(file, Path.exists) and "." not in path and "/" not in path:
                hint = f' (to check a claimed g′ give it after the name: derive check {path} "...")'
            raise DerivationsError(f"no such file: {path}{hint}")
        if file.stat().st_size > MAX_FILE_BYTES:
            raise InputRefused(f"{path} is larger than {MAX_FILE_BYTES} bytes")
        try:
            data = file.read_bytes()
        except OSError as error:
            raise DerivationsError(f"cannot read {path}: {error.strerror}") from None
        name = path
    if len(data) > MAX_FILE_BYTES:
        raise InputRefused(f"{name} is larger than {MAX_FILE_BYTES} bytes")
    if b"\0" in data:
        raise DerivationsError(f"{name} is not a text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DerivationsError(f"{name} is not UTF-8 text (byte {error.start})") from None


def submissions(inputs: list[str]) -> list[Path]:
    """The files a batch checks: files as given, directories searched for submissions."""
    from ..errors import DerivationsError

    found: list[Path] = []
    for item in inputs:
        path = Path(item)
        if _is(path, Path.is_dir):
            found += sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUBMISSION_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif _is(path, Path.exists):
            found.append(path)
        else:
            raise DerivationsError(f"no such file or directory: {item}")
    return found


def _check_writable(path: Path) -> None:
    """Refuse a --csv destination that cannot be written before checking any file."""
    from ..errors import UsageError

    if _is(path, Path.is_dir):
        raise UsageError(f"--csv {path} is a directory: give a file name")
    parent = path.parent if str(path.parent) else Path(".")
    if not _is(parent, Path.is_dir):
        raise UsageError(f"--csv {path}: the directory {parent} does not exist")


def _run_batch(args: argparse.Namespace) -> int:
    from ..errors import DerivationsError, UsageError
    from ..render import check_report

    if not args.inputs:
        raise UsageError("--batch needs files or directories to check")
    if args.json and args.csv == "-":
        raise UsageError("--json and --csv - would both print to standard output")
    destination = args.csv or DEFAULT_CSV
    if destination != "-":
        _check_writable(Path(destination))
    files = submissions(args.inputs)
    if not files:
        raise UsageError("found no .txt, .tex or .md files to check")
    rows, reports, worst = [], [], EXIT_RIGHT
    for path in files:
        row, data, code = _check_file(path, args.input_timeout)
        rows.append(row)
        reports.append(data)
        worst = max(worst, code)
    if args.json:
        print(check_report.render_json(reports))
    elif args.csv != "-":
        check_report.render_summary(rows)
    if destination == "-":
        check_report.write_csv(rows, sys.stdout)
    else:
        try:
            with open(destination, "w", encoding="utf-8", newline="") as stream:
                check_report.write_csv(rows, stream)
        except OSError as error:
            raise DerivationsError(
                f"cannot write the summary to {destination}: {error.strerror}"
            ) from None
        if not args.json:
            print(f"summary written to {destination}")
    return worst


def _check_file(path: Path, timeout: float) -> tuple[dict, dict, int]:
    """(summary row, JSON data, exit code) for one file; never raises for a bad file."""
    from ..errors import DerivationsError
    from ..render import check_report

    name = str(path)
    try:
        with time_limit(timeout):
            report = _check_text(read_input(name), name)
    except DerivationsError as error:
        return _unreadable(name, str(error), check_report.error_place(error))
    except TimeLimit:
        return _unreadable(name, f"gave up after {timeout:g} seconds")
    except RecursionError:
        return _unreadable(name, "nested too deeply to work on")
    except Exception as error:  # one bad file must not end the batch
        return _unreadable(name, f"internal error: {type(error).__name__}: {error}")
    code = EXIT_RIGHT if report.verdict == "right" else EXIT_WRONG
    return check_report.summary_row(name, report), check_report.to_dict(report), code


def _unreadable(name: str, message: str, where=None) -> tuple[dict, dict, int]:
    from ..render import check_report

    message = " ".join(message.split())
    return (
        check_report.summary_row(name, error=message),
        check_report.error_dict(name, message, where),
        EXIT_UNREADABLE,
    )
