"""What `python -m core.audit verify --acta` says first when only an acta is at fault: the log passed every check,
so it is not called altered; the acta is named as not vouched for."""

from core.record import acta
from core.record.decision_models import Decision
from core.record.store import Store
from tests.tampering import _signed_electronically, copy, decision_body, pristine, verify

__all__ = ["copy", "pristine"]  # fixtures used by name


def test_a_stamp_over_the_acta_does_not_call_an_intact_log_altered(copy, tmp_path):
    printed = tmp_path / "acta.pdf"
    printed.write_bytes(acta.pdf_bytes(Decision(**decision_body(copy, 1)[1]), Store(copy).head()))
    stamped = _signed_electronically(printed, tmp_path / "acta-sellada.pdf", "/FreeText", (300, 500, 400, 520))
    result = verify(copy, "--acta", str(stamped))
    assert result.returncode == 1
    assert "ALTERADO" not in result.stderr and "Primera entrada rota" not in result.stderr, result.stderr
    assert "El registro está íntegro" in result.stderr and "no se da por buena" in result.stderr, result.stderr
    assert "sellos dibujados sobre la página 1" in result.stderr
