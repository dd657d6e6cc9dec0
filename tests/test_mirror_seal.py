"""The copy of the entered records the views read (core.parish.mirror) is sealed by the installation's key
(core.parish.mirror_mark): whoever can write the data folder but not the keys folder cannot make a view show what
the store does not hold, by editing a mirrored file and rewriting the mark to match, forging the mark's seal, or
dropping a file in; and `python -m core.audit verify` names the file changed by hand."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets

import polars as pl
import pytest

from core.data.db import connect
from core.parish import mirror
from core.proposals import records
from core.record.auth import Role, User
from core.record.store import Store
from tests.conftest import store_accounts
from tests.tampering import verify

ELVALLE = "010170"
PLANNER = User(username="tecnico", display_name="Técnica", role=Role.PLANNER)


@pytest.fixture()
def store(tmp_path, monkeypatch, built_data_dir) -> Store:
    """The default store of this test, with one demo proposal of El Valle edited (so the store holds it and the
    mirror has a proposals file for the parish)."""
    path = tmp_path / "datos" / "minga.sqlite"
    monkeypatch.setenv("MINGA_STORE", str(path))
    monkeypatch.delenv("MINGA_KEY", raising=False)
    store = store_accounts(Store(path), PLANNER)
    first = records.proposals(store, ELVALLE)[0].item
    records.save_proposal(store, PLANNER, first.model_copy(update={"title": "Título corregido"}), expected_version=0)
    assert mirror.sync(store)
    return store


def _costs(data_dir) -> dict[str, float]:
    con = connect(data_dir)
    try:
        return dict(con.execute("SELECT proposal_id, cost_usd FROM proposals WHERE parish_code = ?",
                                [ELVALLE]).fetchall())
    finally:
        con.close()


def _stored_cost(store: Store, proposal_id: str) -> float:
    return next(v.item.cost_usd for v in records.proposals(store, ELVALLE) if v.item.proposal_id == proposal_id)


def _edit_cost_and_rewrite_the_mark(store: Store, mac: str) -> str:
    """As the attacker: set a stored proposal's cost to 1 in its mirrored file, in place, then rewrite every stamp
    of the mark to match the files (with their SHA-256 when the mark keeps one), and keep, forge or drop its MAC; or
    leave the mark untouched."""
    root = mirror.entered_root(store.path)
    target = root / "proposals" / f"{ELVALLE}.parquet"
    frame = pl.read_parquet(target)
    edited = frame["proposal_id"][0]
    target.write_bytes(_parquet_bytes(frame.with_columns(
        pl.when(pl.col("proposal_id") == edited).then(1.0).otherwise(pl.col("cost_usd")).alias("cost_usd"))))
    if mac == "mark untouched":
        return edited
    mark_path = root / ".escrito-desde.json"
    mark = json.loads(mark_path.read_text(encoding="utf-8"))
    for name, stamp in mark["files"].items():
        path = root / name
        stat = path.stat()
        fresh = [stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns]
        mark["files"][name] = fresh + [hashlib.sha256(path.read_bytes()).hexdigest()] * (len(stamp) - len(fresh))
    if mac == "forged":  # sealed with a secret of the attacker's own
        message = json.dumps([store.path.name, {"records": mark["records"], "files": mark["files"]}],
                             sort_keys=True, separators=(",", ":"))
        mark["mac"] = hmac.new(secrets.token_bytes(32), b"minga-espejo:" + message.encode(), "sha256").hexdigest()
    elif mac == "dropped":
        mark.pop("mac", None)
    elif mac == "deleted":
        mark_path.unlink()
        return edited
    mark_path.write_text(json.dumps(mark), encoding="utf-8")
    return edited


def _parquet_bytes(frame: pl.DataFrame) -> bytes:
    import io

    out = io.BytesIO()
    frame.write_parquet(out)
    return out.getvalue()


@pytest.mark.parametrize("mac", ["kept", "forged", "dropped", "mark untouched"])
def test_a_mirrored_file_edited_with_its_mark_rewritten_to_match_is_written_again_from_the_store(
        store, built_data_dir, mac):
    edited = _edit_cost_and_rewrite_the_mark(store, mac)
    stored = _stored_cost(store, edited)
    assert stored != 1
    assert _costs(built_data_dir)[edited] == stored
    target = mirror.entered_root(store.path) / "proposals" / f"{ELVALLE}.parquet"
    assert pl.read_parquet(target).filter(pl.col("proposal_id") == edited)["cost_usd"].to_list() == [stored]


def test_a_mark_with_a_forged_seal_is_refused(store):
    from core.parish import mirror_mark

    root = mirror.entered_root(store.path)
    key = mirror_mark.secret(store.key_path)
    assert mirror_mark.read(root, key, store.path.name) is not None  # Minga's own seal holds
    _edit_cost_and_rewrite_the_mark(store, "forged")
    assert mirror_mark.read(root, key, store.path.name) is None
    assert mirror_mark.read(root, secrets.token_bytes(32), store.path.name) is None


def test_a_file_dropped_in_by_hand_under_a_dot_name_is_never_read(store, built_data_dir):
    """The views' glob reads `.x.parquet` as well; no parish could have written it, so it goes."""
    folder = mirror.entered_root(store.path) / "proposals"
    planted = folder / ".plantada.parquet"
    frame = pl.read_parquet(folder / f"{ELVALLE}.parquet")
    frame.head(1).with_columns(pl.lit("EV-PLANTADA").alias("proposal_id")).write_parquet(planted)
    assert "EV-PLANTADA" not in _costs(built_data_dir)
    assert not planted.exists()


def test_what_minga_wrote_is_read_again_without_writing_it_again(store, built_data_dir, monkeypatch):
    before = _costs(built_data_dir)
    monkeypatch.setattr(mirror, "write_parish", lambda *_a, **_k: pytest.fail("the mirror was written again"))
    assert mirror.sync(store) and mirror.sync(store)
    assert _costs(built_data_dir) == before


@pytest.mark.parametrize(("mac", "named"), [
    ("mark untouched", ("El archivo «{root}/proposals/010170.parquet» de la copia de registros que leen las páginas "
                        "no es el que Minga escribió desde el almacén: se cambió o se puso a mano.")),
    *((mac, "La marca «{root}/.escrito-desde.json» de la copia de registros no lleva el sello de esta instalación")
      for mac in ("kept", "forged", "dropped")),
    # the mark deleted with the edit: a mirror without a mark passed as one never written, though its files are read
    ("deleted", ("Falta la marca «{root}/.escrito-desde.json» de la copia de registros que leen las páginas, que "
                 "tiene archivos (proposals/010170.parquet)")),
])
def test_verify_names_a_mirrored_file_changed_by_hand(store, mac, named):
    assert verify(store.path).returncode == 0
    _edit_cost_and_rewrite_the_mark(store, mac)
    result = verify(store.path)
    assert result.returncode == 1
    assert named.format(root=mirror.entered_root(store.path)) in " ".join(result.stderr.split())
