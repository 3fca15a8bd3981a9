"""Shared helpers: the gdcert binary (GDCERT_EXE, set by CTest; else build/gdcert) run with --json, and the
comparison of a Python value with a JSON cell of the command line's output."""

import json
import os
import subprocess
from fractions import Fraction
from pathlib import Path

import pytest

import gdcert

HERE = Path(__file__).resolve().parent
EXE = os.environ.get("GDCERT_EXE") or str(HERE.parents[1] / "build" / "gdcert")


def cli(*args):
    """The --json document of `gdcert ARGS...` (exit code 0 required)."""
    p = subprocess.run([EXE, *args, "--json"], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


def cli_error(*args):
    """(exit code, stderr) of a `gdcert ARGS...` that fails."""
    p = subprocess.run([EXE, *args], capture_output=True, text=True, timeout=120)
    assert p.returncode != 0
    return p.returncode, p.stderr


def table(doc, name):
    for t in doc["tables"]:
        if t["name"] == name:
            return t["rows"]
    raise KeyError("no table %r in %s" % (name, [t["name"] for t in doc["tables"]]))


def row(rows, label):
    """The value cell of the row whose first cell starts with `label`."""
    for r in rows:
        if isinstance(r[0], str) and r[0].startswith(label):
            return r[1]
    raise KeyError(label)


def same(value, cell):
    """A Python value (or Result) equals a JSON value cell: exact values exactly, balls bit for bit (same dump and
    precision, and the reloaded ball is the same), floats exactly."""
    if isinstance(value, gdcert.Result):
        value = value.value
    assert isinstance(cell, dict), cell
    if cell["kind"] == "exact":
        assert type(value) is Fraction, (value, cell)
        return value == Fraction(cell["value"])
    if cell["kind"] == "ball":
        assert isinstance(value, gdcert.Ball), (value, cell)
        return (value.dump == cell["dump"] and value.prec == cell["prec"] and str(value) == cell["value"]
                and gdcert.Ball.load(cell["dump"], cell["prec"]) == value)
    assert isinstance(value, gdcert.Estimate), (value, cell)
    return value.value == cell["value"] and value.stderr == cell.get("stderr") and value.samples == cell.get("samples")


@pytest.fixture(scope="session")
def exe():
    assert Path(EXE).exists(), "the gdcert binary is not built: " + EXE
    return EXE


def same_parameters(parameters, doc):
    """The resolved parameters of a Python result hold every parameter of the --json document, with the same value
    (the document shows a selection, in display order; prec and seed, when the result names them, equal the
    document's)."""
    for k, v in doc["parameters"].items():
        assert parameters.get(k) == v, (k, parameters.get(k), v)
    for k in ("prec", "seed"):
        if k in parameters and doc.get(k) is not None:
            assert parameters[k] == str(doc[k]), (k, parameters[k], doc[k])
    return True
