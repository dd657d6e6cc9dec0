"""Counts read right for 0, 1 and many: «la junta tiene 1 miembro», never «1 miembros» (core.texts.t_count)."""

import io

import openpyxl
import polars as pl
import pytest
from pypdf import PdfReader

from core.cooperation import agreements as agr
from core.cooperation.agreement_pdf import pdf_bytes as agreement_pdf
from core.diagnosis.associations import box_texts
from core.diagnosis.problems import problem_texts
from core.diagnosis.territory import chart_caption, rank_text
from core.engine import scenarios
from core.engine.allocation import AllocationRules, allocate_detailed, summary_es
from core.engine.criteria import CriteriaContext, Problem, feasibility_proxy, need, scope
from core.engine.prioritization import load_inputs
from core.engine.weights import preset
from core.fmt import number
from core.proposals.formulation import ScheduleRow, schedule_error
from core.proposals.lifecycle import ProposalStatus
from core.record import acta, meeting_agenda
from core.record.decision_models import Attendee
from core.record.decisions import record
from core.record.junta import Board, set_board
from core.record.store import Store
from core.texts import t, t_count
from tests.conftest import approve_proposal
from tests.decision_draft import BOARD, _draft, _store
from tests.test_cooperation_cycle import BOARD as BOARD_OF_AGREEMENTS
from tests.test_cooperation_cycle import _accepted
from tests.test_cooperation_cycle import _draft as _agreement_draft
from tests.test_scoring import proposal

pytestmark = pytest.mark.usefixtures("hand_made_drafts")  # hand-made drafts (tests/decision_draft.py)


def _voters(n: int) -> list[Attendee]:
    return [Attendee(name=f"Miembro {i}", role_es="Vocal", vote="for", signs_as="president" if i == 0 else None)
            for i in range(n)]


def _acta_text(decision) -> str:
    pages = PdfReader(io.BytesIO(acta.pdf_bytes(decision))).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


@pytest.mark.parametrize(("members", "quorum_line", "quorum_field"), [
    (1, "Quórum: asiste el único miembro de la junta con voto; el quórum es de 1.", "1 de 1 miembro con voto"),
    (2, "Quórum: asisten 2 de los 2 miembros de la junta con voto; el quórum es de 2.", "2 de 2 miembros con voto"),
    (5, "Quórum: asisten 3 de los 5 miembros de la junta con voto; el quórum es de 3.", "3 de 5 miembros con voto"),
])
def test_the_acta_states_the_quorum_of_a_board_of_any_size(tmp_path, members, quorum_line, quorum_field):
    store = _store(tmp_path)
    set_board(store, BOARD, "010170", Board(members=members))
    decision = record(store, BOARD, _draft(attendees=_voters(min(members, 3))))
    assert quorum_line in _acta_text(decision)
    fields = dict(openpyxl.load_workbook(io.BytesIO(acta.xlsx_bytes(decision)))["Decisión"].iter_rows(
        min_row=2, values_only=True))
    assert fields["Quórum"] == quorum_field


@pytest.mark.parametrize(("members", "present", "refused"), [
    (1, 2, "Hay 2 asistentes con voto y la junta tiene 1 miembro: marque «Vota» solo para el miembro de la junta."),
    (2, 3, ("Hay 3 asistentes con voto y la junta tiene 2 miembros: marque «Vota» solo para los miembros de la "
            "junta.")),
])
def test_more_voters_than_the_board_has_is_refused_in_the_right_number(tmp_path, members, present, refused):
    store = _store(tmp_path)
    set_board(store, BOARD, "010170", Board(members=members))
    with pytest.raises(ValueError) as refusal:
        record(store, BOARD, _draft(attendees=_voters(present)))
    assert str(refusal.value) == refused


@pytest.mark.parametrize(("members", "starts"), [
    (1, "La junta tiene 1 miembro; decide cuando está presente, con más votos a favor que en contra."),
    (2, "La junta tiene 2 miembros; para decidir deben estar presentes al menos 2 con voto."),
    (5, "La junta tiene 5 miembros; para decidir deben estar presentes al menos 3 con voto."),
])
def test_the_board_caption_names_its_size_in_the_right_number(members, starts):
    assert Board(members=members).caption_es.startswith(starts)


def test_a_board_of_no_members_is_refused():
    with pytest.raises(ValueError):
        Board(members=0)


# -- criteria, diagnosis, scenarios, formulation and agreements ---------------------------------------------------

@pytest.mark.parametrize(("people", "says"), [
    (0, "a 0 personas"), (1, "a 1 persona ("), (2, "a 2 personas"),
])
def test_scope_names_the_people_it_reaches(people, says):
    assert says in scope(proposal(direct_beneficiaries=people), CriteriaContext(max_direct_beneficiaries=10)) \
        .explanation_es


@pytest.mark.parametrize(("votes", "problems", "says"), [
    (0, 2, "1.º de 2 problemas en la votación del grupo asesor (0 votos)"),
    (1, 2, "1.º de 2 problemas en la votación del grupo asesor (1 voto)"),
    (2, 2, "1.º de 2 problemas en la votación del grupo asesor (2 votos)"),
    (2, 1, "«Riego», el único problema de la votación del grupo asesor (2 votos)"),
])
def test_need_names_the_votes_and_the_problems_in_the_right_number(votes, problems, says):
    ranked = {f"P0{i}": Problem(f"P0{i}", "Riego" if i == 1 else "Otro", votes if i == 1 else 0, i)
              for i in range(1, problems + 1)}
    assert says in need(proposal(problem_ids=["P01"]), CriteriaContext(problems=ranked)).explanation_es


@pytest.mark.parametrize(("months", "lines", "says"), [
    (1, [], "duración 1 mes; sin líneas de presupuesto."),
    (2, [("gad", 10000)], "duración 2 meses; presupuesto en 1 línea."),
    (12, [("gad", 4000), ("gad", 6000)], "duración 12 meses; presupuesto en 2 líneas."),
])
def test_feasibility_names_months_and_budget_lines_in_the_right_number(months, lines, says):
    budget = [{"item": f"Línea {source}", "amount_usd": amount, "source": source} for source, amount in lines]
    assert feasibility_proxy(proposal(duration_months=months, budget_lines=budget), CriteriaContext()) \
        .explanation_es.endswith(says)


@pytest.mark.parametrize(("votes", "text"), [(0, "0 votos (0,0 %)"), (1, "1 voto (50,0 %)"), (2, "2 votos (100,0 %)")])
def test_a_problems_votes_read_in_the_right_number(votes, text):
    problems = pl.DataFrame({"rank": [1], "label_es": ["Riego"], "votes": [votes], "vote_share": [votes / 2],
                             "pdot_objectives": [None], "pdot_codes": [None]},
                            schema_overrides={"pdot_objectives": pl.Utf8, "pdot_codes": pl.Utf8})
    assert problem_texts(problems)["votes_text"].to_list() == [text]


@pytest.mark.parametrize(("duration", "says"), [(1, "(1 mes)."), (2, "(2 meses).")])
def test_an_activity_after_the_project_names_its_duration_in_the_right_number(duration, says):
    late = ScheduleRow(activity="Cosecha", start_month=1, end_month=duration + 1)
    assert schedule_error([late], duration).endswith(f"la duración del proyecto {says}")


@pytest.mark.parametrize(("funded", "summary"), [
    (0, "Ninguno de los dos escenarios financia una propuesta."),
    (1, "Los dos escenarios financian la misma propuesta."),
    (2, "Los dos escenarios financian las mismas 2 propuestas."),
])
def test_two_scenarios_that_fund_the_same_say_how_many_in_the_right_number(con, funded, summary):
    inputs = load_inputs(con, "010170")
    ids = scenarios.run_scenario(inputs, _scenario(AllocationRules(budget_usd=1e6)), explain=False).result.funded_ids
    rules = AllocationRules(budget_usd=1e6, must_not_fund=sorted(ids)[funded:])
    run = scenarios.run_scenario(inputs, _scenario(rules), explain=False)
    assert len(run.result.funded_ids) == funded
    assert scenarios.compare(run, run, names=("A", "B")).summary_es == summary


@pytest.mark.usefixtures("today_after_the_demo")
@pytest.mark.parametrize(("months", "says"), [
    (1, "Los informes de avance se presentan cada mes."), (2, "Los informes de avance se presentan cada 2 meses."),
])
def test_the_agreement_says_how_often_reports_are_due_in_the_right_number(tmp_path, con, months, says):
    store = Store(tmp_path / "s.sqlite")
    approve_proposal(store, "EV-P02")
    _accepted(store)
    signed = agr.sign(store, BOARD_OF_AGREEMENTS, _agreement_draft(report_every_months=months))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(agreement_pdf(
        signed, parish_name="El Valle", cooperant_name="Embajada de Israel", project_title="Riego"))).pages)
    assert says in " ".join(text.split())


def _scenario(rules: AllocationRules) -> scenarios.Scenario:
    study = "Estudio El Valle: alcance y factibilidad"
    return scenarios.Scenario(name="Prueba", parish_code="010170", weights=preset(study), preset=study, rules=rules)


@pytest.mark.parametrize(("funded", "associations", "says"), [
    (0, 2, "ninguna propuesta financiada por $ 0 de $ 100 disponibles; puntaje total 0,00; 0 de 2 asociaciones con "),
    (1, 1, "1 propuesta financiada por $ 1.000 de $ 1.000 disponibles; puntaje total 60,00; 1 de 1 asociación con "),
    (2, 2, "2 propuestas financiadas por $ 2.000 de $ 5.000 disponibles; puntaje total 110,00; 2 de 2 asociaciones "),
])
def test_an_allocation_summary_counts_in_the_right_number(funded, associations, says):
    candidates = pl.DataFrame({"proposal_id": ["P1", "P2"], "association_id": ["A1", f"A{associations}"],
                               "cost_usd": [1000.0, 1000.0], "score": [60.0, 50.0]})
    result = allocate_detailed(candidates, AllocationRules(budget_usd={0: 100, 1: 1000, 2: 5000}[funded]),
                               method="optimal", explain=False)
    assert len(result.funded_ids) == funded and says in summary_es(result)


# -- counts a page writes: the call each page makes, over 0, 1 and 2 -----------------------------------------------

def _of(key: str, n: int) -> str:
    return t_count(key, n, n=number(n))


PAGE_TEXTS = {  # what each page calls (pages/sesion.py, ui/diagnosis.py, ui/budget_tables.py, pages/iati.py, …)
    "voted": lambda n, total: t_count("ses.voted_count", n, voted=number(n),
                                      total=_of("ses.count.participants", total)),
    "scored": lambda n, total: t_count("ses.scored_count", n, scored=number(n),
                                       total=_of("ses.count.participants", total)),
    "votes_left": lambda n, total: t_count("ses.votes_left", n, left=number(n), total=_of("ses.count.votes", total)),
    "showing": lambda n, total: t_count("diag.filter.showing", n, count=number(n),
                                        total=_of("diag.count.associations", total)),
    "ties": lambda n, _: t_count("prio.ranking.tie_more", n, n=number(n)),
    "iati": lambda n, _: t_count("iati.page.notes", n, offer_id="OF-1", count=number(n)),
    "aid": lambda n, _: t_count("inicio.aid_delta", n, count=number(n)),
    "restore": lambda n, _: t_count("admin.restore_ok", n, entries=number(n)),
    "alignment": lambda n, _: t_count("alin.chart.subtitle", n, count=number(n)),
}


@pytest.mark.parametrize(("text", "n", "total", "reads"), [
    ("voted", 0, 2, "Han votado 0 de 2 participantes."), ("voted", 1, 1, "Ha votado 1 de 1 participante."),
    ("voted", 1, 2, "Ha votado 1 de 2 participantes."), ("voted", 2, 2, "Han votado 2 de 2 participantes."),
    ("scored", 0, 1, "Han puntuado 0 de 1 participante."), ("scored", 1, 2, "Ha puntuado 1 de 2 participantes."),
    ("scored", 2, 3, "Han puntuado 2 de 3 participantes."),
    ("votes_left", 0, 13, "Ya repartió todos sus votos (13 votos)."), ("votes_left", 1, 1, "Le queda 1 de 1 voto."),
    ("votes_left", 1, 13, "Le queda 1 de 13 votos."), ("votes_left", 2, 13, "Le quedan 2 de 13 votos."),
    ("showing", 1, 1, "Se muestra 1 de 1 asociación."), ("showing", 1, 8, "Se muestra 1 de 8 asociaciones."),
    ("showing", 2, 8, "Se muestran 2 de 8 asociaciones."),
    ("ties", 1, None, "1 empate más"), ("ties", 2, None, "2 empates más"),
    ("iati", 0, None, "OF-1: nada que revisar"), ("iati", 1, None, "OF-1: 1 punto a revisar"),
    ("iati", 2, None, "OF-1: 2 puntos a revisar"),
    ("aid", 0, None, "0 registros"), ("aid", 1, None, "1 registro"), ("aid", 2, None, "2 registros"),
    ("restore", 1, None, "El respaldo es válido: 1 entrada en el registro."),
    ("restore", 2, None, "El respaldo es válido: 2 entradas en el registro."),
    ("alignment", 1, None, "1 propuesta · en rojo, objetivos del PDOT que no sirve"),
    ("alignment", 2, None, "2 propuestas · en rojo, objetivos del PDOT que ninguna sirve"),
])
def test_a_count_a_page_writes_reads_right(text, n, total, reads):
    assert PAGE_TEXTS[text](n, total) == reads


@pytest.mark.parametrize(("funded", "not_eligible", "reads"), [
    (1, 0, "queda fuera 1 propuesta, 1 ya decidida por la junta («Financiada»: 1)."),
    (2, 1, "quedan fuera 3 propuestas, 2 ya decididas por la junta («Financiada»: 2) y 1 no elegible."),
    (0, 2, "quedan fuera 2 propuestas, 2 no elegibles."),
])
def test_a_meeting_agenda_says_what_it_leaves_out_in_the_right_number(funded, not_eligible, reads):
    left_out = {status: [f"{status.value}-{i}" for i in range(n)] for status, n in (
        (ProposalStatus.FUNDED, funded), (ProposalStatus.NOT_ELIGIBLE, not_eligible)) if n}
    assert reads in meeting_agenda.left_out_es(meeting_agenda.Agenda(["P1", "P2"], left_out))


@pytest.mark.parametrize(("competing", "reads"), [
    (0, "No se abrió la sesión: ninguna propuesta compite aún"), (1, "No se abrió la sesión: solo 1 propuesta compite aún"),
])
def test_a_meeting_on_too_few_proposals_is_refused_in_the_right_number(competing, reads):
    with pytest.raises(ValueError, match=reads):
        meeting_agenda.require_enough(meeting_agenda.Agenda([f"P{i}" for i in range(competing)]))


MORE_TEXTS = {  # pages/preparar.py, pages/presupuesto.py, pages/sesion.py, pages/inicio.py, pages/problemas.py,
    # pages/ofertas.py, core.record.signin, core.record.ledger and core.parish's console, as each calls it
    "preview": lambda n: t_count("prep.preview", n, file="socios.csv", count=number(n)),
    "saved": lambda n: t("prep.saved", written=_of("prep.count.written", n), unchanged=number(3)).split(".")[0],
    "removed": lambda n: t_count("prep.removed", n, count=number(n)).split(";")[0],
    "why": lambda n: t_count("budget.why.caption", n, n=number(n)).split(".")[0],
    "no_candidates": lambda n: t_count("budget.no_candidates", n, n=number(n), budget="$ 100").split(" con ")[0],
    "no_votes": lambda n: t_count("ses.no_votes", n, saved=number(n)).split(":")[0],
    "members": lambda n: t_count("inicio.members_delta", n, surveyed=number(n)),
    "mentions": lambda n: t_count("diag.problemas.mentions_delta", n, count=number(n)),
    "examples": lambda n: t_count("ofe.examples", n, count=number(n)).split(":")[1],
    "wait": lambda n: t_count("auth.err.wait", n, seconds=n),
    "log_empty": lambda n: t_count("ledger.log_empty", n, count=n).split(":")[0],
    "console": lambda n: t("parish.cli.kind_line", kind="Socios", new=_of("parish.cli.new", n),
                           changed=_of("parish.cli.changed", n), unchanged=n),
    "console_stored": lambda n: t("parish.cli.stored", code="010152", written=_of("parish.cli.stored_count", n),
                                  unchanged=0, path="minga.sqlite"),
}


@pytest.mark.parametrize(("text", "n", "reads"), [
    ("preview", 0, "Vista previa de «socios.csv»: ninguna fila válida"),
    ("preview", 1, "Vista previa de «socios.csv»: 1 fila válida"),
    ("preview", 2, "Vista previa de «socios.csv»: 2 filas válidas"),
    ("saved", 0, "Guardado: ningún registro nuevo ni modificado, 3 sin cambios"),
    ("saved", 1, "Guardado: 1 registro nuevo o modificado, 3 sin cambios"),
    ("saved", 2, "Guardado: 2 registros nuevos o modificados, 3 sin cambios"),
    ("removed", 1, "Se quitó 1 registro"), ("removed", 2, "Se quitaron 2 registros"),
    ("why", 1, "1 propuesta elegible queda fuera"), ("why", 2, "2 propuestas elegibles quedan fuera"),
    ("no_candidates", 1, ("No hay nada que repartir: la única propuesta de la parroquia no pasa el filtro de "
                         "elegibilidad")),
    ("no_candidates", 2, ("No hay nada que repartir: ninguna de las 2 propuestas de la parroquia pasa el filtro de "
                         "elegibilidad")),
    ("no_votes", 1, "Nadie repartió votos en esta sesión (1 votación guardada sin ningún voto)"),
    ("no_votes", 2, "Nadie repartió votos en esta sesión (2 votaciones guardadas sin ningún voto)"),
    ("members", 0, "0 encuestados"), ("members", 1, "1 encuestado"), ("members", 2, "2 encuestados"),
    ("mentions", 0, "0 menciones"), ("mentions", 1, "1 mención"), ("mentions", 2, "2 menciones"),
    ("examples", 1, (" se revisa como ejemplo, pero no cuenta en las ofertas, las elegibles ni la contraparte de esta "
                    "parroquia.")),
    ("examples", 2, (" se revisan como ejemplo, pero no cuentan en las ofertas, las elegibles ni la contraparte de "
                    "esta parroquia.")),
    ("wait", 1, "Demasiados intentos fallidos. Espere 1 segundo antes de volver a intentar."),
    ("wait", 2, "Demasiados intentos fallidos. Espere 2 segundos antes de volver a intentar."),
    ("log_empty", 1, "El registro está vacío, pero el almacén guarda 1 registro"),
    ("log_empty", 2, "El registro está vacío, pero el almacén guarda 2 registros"),
    ("console", 0, "- Socios: 0 nuevos, 0 modificados, 0 sin cambios"),
    ("console", 1, "- Socios: 1 nuevo, 1 modificado, 1 sin cambios"),
    ("console", 2, "- Socios: 2 nuevos, 2 modificados, 2 sin cambios"),
    ("console_stored", 1, "Parroquia 010152: 1 registro guardado, 0 sin cambios, en minga.sqlite."),
    ("console_stored", 2, "Parroquia 010152: 2 registros guardados, 0 sin cambios, en minga.sqlite."),
])
def test_more_counts_read_right(text, n, reads):
    assert MORE_TEXTS[text](n) == reads


@pytest.mark.parametrize(("budget", "reads"), [
    (1500, "Se cubre 1 de 3, la que da el mayor puntaje total."),
    (2500, "Se cubren 2 de 3, las que dan el mayor puntaje total."),
])
def test_when_money_is_short_for_one_per_association_the_note_counts_in_the_right_number(budget, reads):
    candidates = pl.DataFrame({"proposal_id": ["P1", "P2", "P3"], "association_id": ["A1", "A2", "A3"],
                               "cost_usd": [1000.0, 1000.0, 1000.0], "score": [60.0, 50.0, 40.0]})
    result = allocate_detailed(candidates, AllocationRules(budget_usd=budget, min_one_per_association=True),
                               method="optimal", explain=False)
    assert [note for note in result.notes_es if note.endswith(reads)]


@pytest.mark.parametrize(("total", "covered", "need", "reads"), [  # (need None: the rules, not the money, fall short)
    (1, 0, 1200.0, ("El dinero no alcanza para el proyecto de la única asociación que puede recibirlo: costaría al "
                   "menos $ 1.200 y hay $ 1.000 disponibles.")),
    (3, 0, 3600.0, ("El dinero no alcanza para una propuesta por asociación: cubrir a las 3 asociaciones que pueden "
                   "recibir un proyecto costaría al menos $ 3.600 y hay $ 1.000 disponibles. No alcanza para cubrir "
                   "ninguna.")),
    (3, 1, 3600.0, ("El dinero no alcanza para una propuesta por asociación: cubrir a las 3 asociaciones que pueden "
                   "recibir un proyecto costaría al menos $ 3.600 y hay $ 1.000 disponibles. Se cubre 1 de 3, la que "
                   "da el mayor puntaje total.")),
    (1, 0, None, ("Las reglas (topes, excluyentes u obligatorias) impiden dar una propuesta a la única asociación que "
                 "puede recibirla.")),
    (3, 0, None, ("Las reglas (topes, excluyentes u obligatorias) impiden dar una propuesta a cada una de las 3 "
                 "asociaciones; no se cubre ninguna.")),
])
def test_a_shortfall_note_reads_right_for_one_association_and_for_none_covered(total, covered, need, reads):
    from core.engine.allocation.exact import shortfall_note

    assert shortfall_note(total, covered, need, 1000.0) == reads


@pytest.mark.parametrize(("key", "n", "values", "reads"), [  # as core.engine.allocation writes them
    ("alloc.note.rules_covered", 1, {"total": 3, "covered": 1}, "; se cubre 1, la que da el mayor puntaje total."),
    ("alloc.note.rules_covered", 2, {"total": 3, "covered": 2}, "; se cubren 2, las que dan el mayor puntaje total."),
    ("alloc.out.coverage_short", 1, {"total": 3, "covered": 1}, "hoy lo tiene 1 de las 3, el mayor número posible"),
    ("alloc.out.coverage_short", 2, {"total": 3, "covered": 2}, "hoy lo tienen 2 de las 3, el mayor número posible"),
    ("alloc.note.proportional_unspent", 1, {"backers": "1", "voters": "1", "proposal": "«Riego»", "spent": "$ 0",
                                            "available": "$ 900", "cost": "$ 1.000", "share": "$ 900"},
     "el único participante paga solo con su parte ($ 900). «Riego», que apoya, cuesta $ 1.000, más que su parte"),
    ("alloc.note.proportional_unspent", 2, {"backers": "2", "voters": "3", "proposal": "«Riego»", "spent": "$ 0",
                                            "available": "$ 900", "cost": "$ 1.000", "share": "$ 300"},
     "«Riego», que apoyan 2 de 3 participantes, cuesta $ 1.000"),
])
def test_allocation_notes_count_in_the_right_number(key, n, values, reads):
    assert reads in t_count(key, n, **values)


@pytest.mark.parametrize(("known", "rank", "reads"), [
    (1, 1, "La única parroquia rural del cantón con este dato"),
    (2, 1, "Puesto 1 de 2 parroquias rurales con este dato"),
])
def test_a_parishs_rank_in_its_canton_reads_right_when_it_is_the_only_one(known, rank, reads):
    assert rank_text({"kind": "rural", "population_rank": rank}, "population", known) == reads


@pytest.mark.parametrize(("known", "total", "reads"), [
    (1, 3, "1 de 3 parroquias rurales del cantón tiene este dato; las otras 2 no aparecen en el gráfico."),
    (2, 3, "2 de 3 parroquias rurales del cantón tienen este dato; la otra no aparece en el gráfico."),
    (3, 3, "Las 3 parroquias rurales del cantón tienen este dato."),
    (1, 1, "La única parroquia rural del cantón tiene este dato."),
])
def test_the_canton_chart_caption_counts_in_the_right_number(known, total, reads):
    assert chart_caption(known, total) == reads


@pytest.mark.parametrize(("households", "reads"), [
    (1, "un solo hogar: $ 40"),
    (2, "mediana $ 40; la mitad de los hogares entre $ 30 y $ 50; de $ 20 a $ 60 (2 hogares)"),
])
def test_an_association_income_box_reads_right_for_one_household(households, reads):
    boxes = pl.DataFrame({"households": [households], "median_usd": [40.0], "q1_usd": [30.0], "q3_usd": [50.0],
                          "min_usd": [20.0], "max_usd": [60.0]})
    assert box_texts(boxes)["summary_text"].to_list() == [reads]


@pytest.mark.parametrize(("key", "n", "values", "reads"), [  # as pages/asociaciones.py calls them
    ("diag.asociaciones.metric.surveyed_delta", 1, {"total": "1"}, "de 1 socio"),
    ("diag.asociaciones.metric.surveyed_delta", 2, {"total": "2"}, "de 2 socios"),
    ("diag.asociaciones.ages_caption", 1, {"base": "1"}, "Sobre el único socio que dio su edad."),
    ("diag.asociaciones.ages_caption", 2, {"base": "2"}, "Sobre los 2 socios que dieron su edad."),
    ("diag.asociaciones.poverty_caption", 1, {"base": "1", "missing": "0"}, "Sobre 1 respuesta (0 sin respuesta)."),
    ("diag.asociaciones.poverty_caption", 2, {"base": "2", "missing": "1"}, "Sobre 2 respuestas (1 sin respuesta)."),
])
def test_association_captions_count_in_the_right_number(key, n, values, reads):
    assert t_count(key, n, **values) == reads
