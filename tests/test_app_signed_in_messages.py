"""A person already signed in, whose role may not do something, is told who may: never to sign in again."""

import pytest

from core.record.auth import Role, User
from tests.conftest import open_app_page

ADVISER = User(username="asesora-mensajes", display_name="Asesora", role=Role.ADVISER)
REPRESENTATIVE = User(username="socia-mensajes", display_name="Socia", role=Role.ASSOCIATION,
                      association_id="EV-A01")


@pytest.mark.parametrize("user", [ADVISER, REPRESENTATIVE], ids=["asesora", "representante"])
@pytest.mark.parametrize(("page", "who"), [
    ("pages/preparar.py", "Solo el equipo de planificación (o administración) puede registrar datos"),
    ("pages/priorizacion.py", "Guardar escenarios es para el técnico de planificación y la junta"),
    ("pages/presupuesto.py", "Guardar escenarios es para el técnico de planificación y la junta"),
])
def test_a_signed_in_person_is_told_who_may_and_not_to_sign_in(own_store, user, page, who):
    infos = [i.value for i in open_app_page(page, user, parish="010170").info]
    [said] = [i for i in infos if i.startswith(who)]
    assert "inicie sesión" not in said.lower()


@pytest.mark.parametrize(("user", "said"), [
    (ADVISER, "No hay sesiones de Canelos. La abre el técnico de planificación o la junta: entonces aparecerá aquí"),
    (User(username="tecnica-mensajes", display_name="Técnica", role=Role.PLANNER),
     "No hay sesiones de Canelos. Ábrala arriba (técnico o junta)."),
], ids=["asesora", "tecnica"])
def test_a_parish_without_meetings_points_above_only_whoever_has_the_form_there(own_store, user, said):
    app = open_app_page("pages/sesion.py", user, parish="160152")  # Canelos: no meeting yet
    assert [i.value for i in app.info if i.value.startswith(said)]
