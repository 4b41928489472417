"""LaTeX maths cut into tokens, each at its position in the fragment."""

from derivations.check.grammar import Fragment, Source
from derivations.check.latex_tokens import LatexToken, tokenize


def tokens_of(text):
    return [(t.kind, t.text) for t in tokenize(Fragment.of(Source(text)))]


def test_a_command_is_one_token_and_its_braces_are_their_own():
    assert tokens_of(r"\frac{a}{b}") == [
        ("command", "frac"),
        ("{", "{"),
        ("char", "a"),
        ("}", "}"),
        ("{", "{"),
        ("char", "b"),
        ("}", "}"),
    ]


def test_a_command_of_one_symbol_is_named_by_that_symbol():
    assert tokens_of(r"\,\{\\") == [("command", ","), ("command", "{"), ("row", "\\\\")]


def test_a_comment_is_dropped_but_not_the_end_of_its_line():
    assert tokens_of("a % a note & \\frac\nb") == [
        ("char", "a"),
        ("char", " "),
        ("char", "\n"),
        ("char", "b"),
    ]


def test_a_row_break_takes_its_spacing_with_it():
    assert tokens_of("a &= b \\\\[4pt] c") == [
        ("char", "a"),
        ("char", " "),
        ("&", "&"),
        ("char", "="),
        ("char", " "),
        ("char", "b"),
        ("char", " "),
        ("row", "\\\\"),
        ("char", " "),
        ("char", "c"),
    ]


def test_positions_are_within_the_fragment():
    source = Source("$$ \\sigma(z) $$")
    tokens = tokenize(Fragment.of(source, 2, 13))
    assert tokens[1] == LatexToken("command", "sigma", 1)
    assert tokens[2] == LatexToken("char", "(", 7)
