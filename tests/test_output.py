"""Every command prints through one output module: tables fitted to the terminal's width
(COLUMNS), CSV and JSON whole."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from kg.ask.output import csv_text, cut, fit_lines, json_text, table
from kg.cli import main


def test_a_table_fits_the_width_it_is_given_and_cuts_with_an_ellipsis():
    rows = [["1", "a very long sentence " * 10, "short"], ["22", "x", "another fairly long cell"]]
    whole = table(["n", "evidence", "note"], rows, width=None)
    assert "a very long sentence " * 9 in whole
    fitted = table(["n", "evidence", "note"], rows, width=40)
    assert all(len(line) <= 40 for line in fitted.splitlines())
    assert "\u2026" in fitted and fitted.splitlines()[2].startswith("1   a very long")
    # the narrow columns keep their cells whole: the widest is cut first
    assert " 22 " not in fitted and fitted.splitlines()[3].startswith("22")


def test_right_aligned_columns_and_no_trailing_spaces():
    out = table(["name", "n"], [["a", "1"], ["bb", "100"]], align="<>", width=None)
    assert out.splitlines() == ["name    n", "----  ---", "a       1", "bb    100"]


def test_cut_and_fit_lines():
    assert cut("abcdef", 4) == "abc\u2026" and cut("abc", 4) == "abc"
    assert fit_lines("0123456789\nab", 5) == "0123\u2026\nab"
    assert fit_lines("0123456789", None) == "0123456789"


def test_csv_and_json_are_whole():
    long = "x" * 500
    rows = list(csv.reader(io.StringIO(csv_text(["a", "b"], [[long, "1"]]))))
    assert rows == [["a", "b"], [long, "1"]]
    assert json.loads(json_text({"k": long, "name": "Côte d'Ivoire"})) == {"k": long, "name": "Côte d'Ivoire"}
    assert "Côte" in json_text({"name": "Côte"})


@pytest.mark.parametrize("args", [
    ["neighbors", "Japan"],
    ["query", "agreements-timeline"],
    ["query", "pledges-by-actor", "--param", "actor=Japan"],
    ["stats"],
], ids=lambda a: " ".join(a))
def test_commands_fit_the_terminal(sample, args):
    """With COLUMNS=80 no line is wider; without it (output to a file) nothing is cut."""
    args = args + ["--data" if args[0] in ("neighbors", "query") else "", str(sample)]
    args = [a for a in args if a]
    narrow = CliRunner().invoke(main, args, env={"COLUMNS": "80"})
    assert narrow.exit_code == 0, narrow.output
    widths = [len(line) for line in narrow.output.splitlines()]
    assert max(widths) <= 80
    whole = CliRunner().invoke(main, args, env={"COLUMNS": ""})
    assert whole.exit_code == 0 and max(len(line) for line in whole.output.splitlines()) > 80


def test_csv_of_neighbours_keeps_whole_sentences_under_a_narrow_terminal(sample):
    r = CliRunner().invoke(main, ["neighbors", "Japan", "--data", str(sample), "--format", "csv"],
                           env={"COLUMNS": "40"})
    assert r.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(r.output)))
    assert max(len(row["evidence"]) for row in rows) > 100
