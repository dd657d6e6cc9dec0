"""The commands of the README and docs answer in Spanish, argparse's own words included (help and errors)."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ENGLISH = ("usage:", "positional arguments", "options:", "show this help", "the following arguments are required",
           "unrecognized arguments", "invalid choice")


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("args", [
    ("core.parish", "--help"), ("core.parish", "load", "--help"), ("core.parish", "load", "140164"),
    ("core.parish", "cargar"), ("core.audit", "verify", "--help"), ("core.audit", "verify", "--acta"),
    ("core.iati", "export", "--help"), ("core.data.build", "--help"), ("core.data.build", "--sin-esto"),
])
def test_a_command_s_help_and_its_refusals_are_in_spanish(args):
    result = _run(*args)
    said = result.stdout + result.stderr
    assert said.strip()
    assert not [w for w in ENGLISH if w in said], said
    assert "uso:" in said, said
    assert not [name for name in ("parish_code", "folder", "store", "KEY", "ACTA [") if name in said], said


def test_the_registro_page_names_the_documented_command():
    from core.texts import t

    assert t("log.cli").endswith("python -m core.audit verify")  # README and docs/mantenimiento.md name this one
