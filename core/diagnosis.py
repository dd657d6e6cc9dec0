"""Diagnóstico: what the five diagnosis pages read and the small pure steps between a view and a drawing.

- `PAGE_QUERIES`: the views each page reads (bound to a parish by `ViewQuery.bind`), so the pages and
  the speed bench (`bench/diagnosis.py`) run the very same queries.
- Views aggregate per association (sql/diagnosis/); the helpers here add up the rows of the
  associations a person selected and turn counts into shares (`Share`, `answer_table`, ...).
- Spanish texts come from the catalogue (core.texts); numbers are formatted with core.fmt (es-EC).
- The charts the pages draw from these frames are built in core.charts. No Streamlit here.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from core import fmt
from core.texts import label, labels, t

# --------------------------------------------------------------------------------------------------
# What each page reads
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ViewQuery:
    """One read of a view: WHERE with `?` placeholders filled from the parish's keys, in order."""

    view: str
    where: str = ""
    keys: tuple[str, ...] = ()
    order_by: str = ""

    def bind(self, parish: Mapping[str, str]) -> tuple[str, str, tuple[str, ...], str]:
        """(view, where, params, order_by), the arguments of ui.data.view / core.data.db.view."""
        return (self.view, self.where, tuple(parish[k] for k in self.keys), self.order_by)


def parish_keys(parish_code: str) -> dict[str, str]:
    """The DPA codes a page filters by: the parish, its canton (4 digits) and its province (2 digits)."""
    return {"parish_code": parish_code, "canton_code": parish_code[:4], "province_code": parish_code[:2]}


_PARISH = "parish_code = ?"
_ASSOCIATIONS = ViewQuery("associations", _PARISH, ("parish_code",), "association_id")
_ANSWERS = ViewQuery("member_answers", _PARISH, ("parish_code",))

PAGE_QUERIES: dict[str, dict[str, ViewQuery]] = {
    "territorio": {
        "comparison": ViewQuery("territory_comparison", "canton_code = ? AND (kind = 'rural' OR parish_code = ?)",
                                ("canton_code", "parish_code"), "name"),
        "shapes": ViewQuery("parish_shapes", "canton_code = ? AND (kind = 'rural' OR parish_code = ?)",
                            ("canton_code", "parish_code")),
        "context": ViewQuery("territory_context", "dpa_code IN (?, ?)", ("province_code", "canton_code")),
    },
    "asociaciones": {
        "parish": ViewQuery("parishes", _PARISH, ("parish_code",)),
        "associations": _ASSOCIATIONS,
        "roles": ViewQuery("household_roles", _PARISH, ("parish_code",)),
        "answers": _ANSWERS,
        "economy": ViewQuery("member_economy", _PARISH, ("parish_code",)),
        "distribution": ViewQuery("economy_distribution", _PARISH, ("parish_code",)),
        "summary": ViewQuery("economy_by_association", _PARISH, ("parish_code",)),
        "ages": ViewQuery("members", _PARISH, ("parish_code",), "member_id"),
    },
    "ayudas": {
        "parish": ViewQuery("parishes", _PARISH, ("parish_code",)),
        "associations": _ASSOCIATIONS,
        "answers": _ANSWERS,
        "flows": ViewQuery("aid_flows", _PARISH, ("parish_code",)),
        "atomization": ViewQuery("aid_atomization", _PARISH, ("parish_code",)),
        "institutions": ViewQuery("aid_institutions", _PARISH, ("parish_code",)),
        "pairs": ViewQuery("aid_institution_pairs", _PARISH, ("parish_code",)),
    },
    "migracion": {
        "parish": ViewQuery("parishes", _PARISH, ("parish_code",)),
        "associations": _ASSOCIATIONS,
        "answers": _ANSWERS,
        "households": ViewQuery("migration_households", _PARISH, ("parish_code",)),
        "reference": ViewQuery("migration_reference"),
    },
    "problemas": {
        "parish": ViewQuery("parishes", _PARISH, ("parish_code",)),
        "associations": _ASSOCIATIONS,
        "problems": ViewQuery("problems_ranked", _PARISH, ("parish_code",), "rank"),
        "needs": ViewQuery("need_mentions", _PARISH, ("parish_code",)),
        "groups": ViewQuery("expectation_groups", _PARISH, ("parish_code",)),
        "links": ViewQuery("pdot_links", _PARISH, ("parish_code",)),
    },
}


# --------------------------------------------------------------------------------------------------
# Adding up a selection of associations
# --------------------------------------------------------------------------------------------------


def select(frame: pl.DataFrame, association_ids: Iterable[str] | None) -> pl.DataFrame:
    """The rows of the chosen associations (all rows when none is chosen)."""
    chosen = list(association_ids or [])
    if not chosen or "association_id" not in frame.columns:
        return frame
    return frame.filter(pl.col("association_id").is_in(chosen))


@dataclass(frozen=True)
class Share:
    """`count` of `base` (people, families, mentions), as people read it: '55,5 % (50 de 90)'."""

    count: int
    base: int

    @property
    def value(self) -> float | None:
        return self.count / self.base if self.base else None

    def percent(self, decimals: int = 1) -> str:
        return fmt.percent(self.value, decimals)

    def text(self, decimals: int = 1) -> str:
        return t("diag.share_of", share=self.percent(decimals), count=fmt.number(self.count),
                 base=fmt.number(self.base))

    def of_base(self) -> str:
        return t("diag.of_base", count=fmt.number(self.count), base=fmt.number(self.base))


# The label family (core/texts) of each question of `member_answers`; None = the answer is a number.
QUESTION_FAMILY: dict[str, str | None] = {
    "member_role": "family_role", "head_of_household": "family_role", "sex": "sex", "age_band": "age_band",
    "family_size": None, "father_occupation": "occupation", "mother_occupation": "occupation",
    "father_education": "education", "mother_education": "education", "perceived_poverty": "perceived_poverty",
    "family_abroad": "yes_no", "received_project_aid": "yes_no", "state_aid_last_year": "yes_no",
    "aid_effectiveness": "aid_effectiveness", "weekly_income_band": "weekly_income_band",
    "monthly_expense_band": "monthly_expense_band", "low_income_high_expense": "yes_no",
    "income_source": "income_source", "main_income_item": "main_income_item", "main_expense": "main_expense",
    "expectation_cluster": "expectation_cluster",
}


def _answer_position(code: str | None, known: Sequence[str]) -> int:
    if code is None:
        return 1_000_000
    if code in known:
        return known.index(code)
    try:
        return 1_000 + int(code)  # numeric answers (family size) in number order
    except ValueError:
        return 100_000


def _int_sum(frame: pl.DataFrame, column: str) -> int:
    return int(frame[column].sum() or 0) if not frame.is_empty() else 0


def answer_counts(answers: pl.DataFrame, question: str) -> dict[str | None, int]:
    """Members per answer to `question`, over the rows given (None = did not answer)."""
    rows = answers.filter(pl.col("question") == question)
    counts: dict[str | None, int] = {}
    for answer, members in rows.select("answer", "members").iter_rows():
        counts[answer] = counts.get(answer, 0) + int(members)
    return counts


def answer_share(answers: pl.DataFrame, question: str, codes: Iterable[str]) -> Share:
    """How many answered one of `codes`, of those who answered the question at all."""
    counts = answer_counts(answers, question)
    wanted = set(codes)
    return Share(sum(n for a, n in counts.items() if a in wanted), sum(n for a, n in counts.items() if a is not None))


def answer_table(answers: pl.DataFrame, question: str, *, by_count: bool = False) -> pl.DataFrame:
    """One row per answer given: answer, label, members, share (of those who answered), share_text.

    Rows follow the catalogue's order of the codes (numbers in number order), or the most frequent first
    with `by_count`; members who did not answer are left out (see `unanswered`).
    """
    family = QUESTION_FAMILY.get(question)
    known = list(labels(family)) if family else []
    counts = {a: n for a, n in answer_counts(answers, question).items() if a is not None}
    base = sum(counts.values())
    codes = sorted(counts, key=lambda c: (-counts[c], _answer_position(c, known)) if by_count
                   else (_answer_position(c, known),))
    return pl.DataFrame(
        {
            "answer": codes,
            "label": [label(family, c) if family else c for c in codes],
            "members": [counts[c] for c in codes],
            "share": [counts[c] / base if base else None for c in codes],
            "share_text": [Share(counts[c], base).text() for c in codes],
        },
        schema={"answer": pl.Utf8, "label": pl.Utf8, "members": pl.Int64, "share": pl.Float64,
                "share_text": pl.Utf8},
    )


def unanswered(answers: pl.DataFrame, question: str) -> int:
    return answer_counts(answers, question).get(None, 0)


def parents_table(answers: pl.DataFrame, topic: str) -> pl.DataFrame:
    """Father's and mother's answers side by side (topic 'occupation' or 'education'), long format:
    parent (father | mother), parent_label, answer, label, members, share, share_text."""
    parts = []
    for parent in ("father", "mother"):
        table = answer_table(answers, f"{parent}_{topic}")
        parts.append(table.with_columns(pl.lit(parent).alias("parent"),
                                        pl.lit(t(f"diag.asociaciones.parent.{parent}")).alias("parent_label")))
    return pl.concat(parts).select("parent", "parent_label", "answer", "label", "members", "share", "share_text")


def combine(frame: pl.DataFrame, by: Sequence[str], counts: Sequence[str]) -> pl.DataFrame:
    """Sum the `counts` columns over the rows given (the selected associations), per `by`, first-seen order."""
    if frame.is_empty():
        return frame.select(*by, *counts)
    return frame.group_by(list(by), maintain_order=True).agg([pl.col(c).sum().cast(pl.Int64) for c in counts])


ROLE_CODES = ("father", "mother", "child", "not_indicated")


def cross_table(roles: pl.DataFrame) -> pl.DataFrame:
    """Figure 4 of the study: rows = who heads the household, columns = the member's role, with totals.

    Columns are Spanish (the first is 'Jefe de hogar'), ready to show and to download.
    """
    cells: dict[tuple[str, str], int] = {}
    for head, role, members in roles.select("head_of_household", "member_role", "members").iter_rows():
        cells[(head, role)] = cells.get((head, role), 0) + int(members)
    total = t("diag.asociaciones.total")
    role_labels = [label("family_role", r) for r in ROLE_CODES]
    heads = [label("family_role", h) for h in ROLE_CODES] + [total]
    data: dict[str, list] = {t("diag.asociaciones.cross_head"): heads}
    for role, role_label in zip(ROLE_CODES, role_labels, strict=True):
        column = [cells.get((head, role), 0) for head in ROLE_CODES]
        data[role_label] = [*column, sum(column)]
    row_totals = [sum(cells.get((head, role), 0) for role in ROLE_CODES) for head in ROLE_CODES]
    data[total] = [*row_totals, sum(row_totals)]
    return pl.DataFrame(data)


def heads_of_household(roles: pl.DataFrame) -> Share:
    """Members who head their household (the diagonal of figure 4), of all members."""
    heads = roles.filter(pl.col("member_is_head"))
    return Share(_int_sum(heads, "members"), _int_sum(roles, "members"))


# --------------------------------------------------------------------------------------------------
# Formatting helpers
# --------------------------------------------------------------------------------------------------


def formatted(frame: pl.DataFrame, column: str, formatter: Callable[[Any], str], name: str | None = None
              ) -> pl.DataFrame:
    """Add `<column>_text` (or `name`): the column as people read it (es-EC), for tooltips and labels."""
    return frame.with_columns(
        pl.Series(name or f"{column}_text", [formatter(v) for v in frame[column].to_list()], dtype=pl.Utf8))


def labelled(frame: pl.DataFrame, column: str, family: str, name: str | None = None) -> pl.DataFrame:
    """Add `<column>_label`: the Spanish label of a coded column."""
    return frame.with_columns(
        pl.Series(name or f"{column}_label", [label(family, v) for v in frame[column].to_list()], dtype=pl.Utf8))


def for_display(frame: pl.DataFrame, headers: Mapping[str, str], *,
                code_labels: Mapping[str, str] | None = None,
                formats: Mapping[str, Callable[[Any], str]] | None = None) -> pl.DataFrame:
    """A table as people read it: the `headers` columns in order, coded columns labelled (column → label
    family), numbers formatted es-EC as text (column → formatter), Spanish headers."""
    code_labels = code_labels or {}
    formats = formats or {}
    columns = {}
    for column, header in headers.items():
        values = frame[column].to_list()
        if column in code_labels:
            values = [label(code_labels[column], v) for v in values]
        elif column in formats:
            values = [formats[column](v) for v in values]
        elif frame.schema[column] == pl.Boolean:
            values = [label("yes_no", v) for v in values]
        columns[header] = values
    if not columns:
        return pl.DataFrame()
    return pl.DataFrame(columns, strict=False)


def jitter(keys: Iterable[Any], spread: float = 0.7) -> list[float]:
    """A stable offset per key in (-spread/2, spread/2), to spread points of a strip plot (same run, same plot)."""
    out = []
    for key in keys:
        digest = hashlib.md5(str(key).encode(), usedforsecurity=False).digest()
        out.append((int.from_bytes(digest[:4], "big") / 2**32 - 0.5) * spread)
    return out


def household_points(economy: pl.DataFrame, measure: str) -> pl.DataFrame:
    """Rows of `member_economy` with a value of `measure`, ready to plot as points: value_text (es-EC money),
    the Spanish labels of both bands and a stable jitter."""
    rows = economy.filter(pl.col(measure).is_not_null())
    rows = formatted(rows, measure, fmt.money, "value_text")
    rows = labelled(rows, "weekly_income_band", "weekly_income_band")
    rows = labelled(rows, "monthly_expense_band", "monthly_expense_band")
    return rows.with_columns(pl.Series("jitter", jitter(rows["member_id"].to_list()), dtype=pl.Float64))


def age_points(members: pl.DataFrame, associations: pl.DataFrame) -> pl.DataFrame:
    """Rows of `members` with an age, ready to plot as points: association_name (from `associations`),
    age_text (Spanish) and a stable jitter."""
    rows = members.filter(pl.col("age").is_not_null()).join(
        associations.select("association_id", pl.col("name").alias("association_name")), on="association_id",
        how="left")
    rows = formatted(rows, "age", lambda age: t("diag.asociaciones.age_value", age=age))
    return rows.with_columns(pl.Series("jitter", jitter(rows["member_id"].to_list()), dtype=pl.Float64))


def box_texts(boxes: pl.DataFrame) -> pl.DataFrame:
    """Add `summary_text` to rows of `economy_distribution`: median, quartiles, range and households, es-EC."""
    texts = [t("diag.asociaciones.box_summary", median=fmt.money(r["median_usd"]), q1=fmt.money(r["q1_usd"]),
               q3=fmt.money(r["q3_usd"]), low=fmt.money(r["min_usd"]), high=fmt.money(r["max_usd"]),
               count=fmt.number(r["households"]))
             for r in boxes.iter_rows(named=True)]
    return boxes.with_columns(pl.Series("summary_text", texts, dtype=pl.Utf8))


# --------------------------------------------------------------------------------------------------
# Territorio
# --------------------------------------------------------------------------------------------------

TERRITORY_INDICATORS = ("population", "area_km2", "density_per_km2", "poverty_rate")
_SOURCES = {"population": "population_source", "area_km2": "area_source", "density_per_km2": "density_source",
            "poverty_rate": "poverty_source"}
_RANKS = {"population": "population_rank", "area_km2": "area_rank", "density_per_km2": "density_rank",
          "poverty_rate": "poverty_rank"}


def indicator_formatter(indicator: str) -> Callable[[Any], str]:
    return {
        "population": fmt.number,
        "area_km2": lambda v: fmt.number(v, 2),
        "density_per_km2": lambda v: fmt.number(v, 1),
        "poverty_rate": lambda v: fmt.percent(v, 1),
    }[indicator]


def territory_ranking(comparison: pl.DataFrame, indicator: str, selected: str) -> pl.DataFrame:
    """Rural parishes of the canton (and the selected parish) with a known value, highest first:
    parish_code, name, value, value_text, selected, source."""
    known = comparison.filter(pl.col(indicator).is_not_null() & ((pl.col("kind") == "rural")
                                                                 | (pl.col("parish_code") == selected)))
    ranked = known.sort([indicator, "name"], descending=[True, False]).select(
        "parish_code", "name", pl.col(indicator).cast(pl.Float64).alias("value"),
        (pl.col("parish_code") == selected).alias("selected"), pl.col(_SOURCES[indicator]).alias("source"))
    return formatted(ranked, "value", indicator_formatter(indicator))


def parish_figures(row: Mapping[str, Any], known: Mapping[str, int]) -> pl.DataFrame:
    """The selected parish's four figures as people read them, with its place in the canton and the source."""
    figures, values, ranks, sources = [], [], [], []
    for indicator in TERRITORY_INDICATORS:
        figures.append(label("territory_indicator", indicator))
        value = row.get(indicator)
        text = indicator_formatter(indicator)(value)
        if indicator == "population" and value is not None and row.get("population_year"):
            text += f" ({row['population_year']})"
        values.append(text)
        ranks.append(rank_text(row, indicator, known.get(indicator, 0)))
        sources.append(row.get(_SOURCES[indicator]) or fmt.UNKNOWN)
    return pl.DataFrame({
        t("diag.territorio.figure"): figures, t("diag.territorio.value"): values,
        t("diag.territorio.rank_col"): ranks, t("diag.territorio.source"): sources,
    })


def rank_text(row: Mapping[str, Any], indicator: str, known: int) -> str:
    """'Puesto 1 de 6 parroquias rurales con dato', or why there is no rank."""
    if row.get("kind") != "rural":
        return t("diag.territorio.no_rank", reason=t("diag.territorio.reason_seat"))
    rank = row.get(_RANKS[indicator])
    if rank is None:
        return t("diag.territorio.no_rank", reason=t("diag.territorio.reason_unknown"))
    return t("diag.territorio.rank", rank=fmt.number(rank), known=fmt.number(known))


def known_counts(comparison: pl.DataFrame) -> dict[str, int]:
    """How many rural parishes of the canton have each figure."""
    rural = comparison.filter(pl.col("kind") == "rural")
    return {i: int(rural[i].is_not_null().sum()) for i in TERRITORY_INDICATORS}


# --------------------------------------------------------------------------------------------------
# Ayudas recibidas
# --------------------------------------------------------------------------------------------------


def aid_shares(answers: pl.DataFrame) -> dict[str, Share]:
    """The study's aid figures from the members' answers: families with project aid, effectiveness
    'medium' to 'little' (of those who answered), no state aid in the last year."""
    return {
        "projects": answer_share(answers, "received_project_aid", ["true"]),
        "effectiveness": answer_share(answers, "aid_effectiveness", ["medium", "little"]),
        "no_state": answer_share(answers, "state_aid_last_year", ["false"]),
    }


def atomization_reason(row: Mapping[str, Any]) -> str:
    """Why a (association, kind of aid) is atomized, in Spanish; or that it is not."""
    reasons = []
    if row["institutions"] >= 2:
        reasons.append(t("diag.ayudas.reason.institutions", count=fmt.number(row["institutions"]),
                         names=row["institution_list"]))
    if row["longest_run"] >= 2:
        first, last = _longest_run_span(row["year_list"])
        reasons.append(t("diag.ayudas.reason.run", run=fmt.number(row["longest_run"]), first=first, last=last))
    if row.get("same_year_overlap"):
        reasons.append(t("diag.ayudas.reason.same_year"))
    return "; ".join(reasons) if reasons else t("diag.ayudas.reason.none")


def _longest_run_span(year_list: str) -> tuple[int, int]:
    """First and last year of the longest run of consecutive years in '2012, 2013, 2015' (earliest on ties)."""
    years = sorted({int(y) for y in year_list.split(",") if y.strip()})
    best = (years[0], years[0]) if years else (0, 0)
    start = years[0] if years else 0
    for previous, year in itertools.pairwise(years):
        if year != previous + 1:
            start = year
        if year - start > best[1] - best[0]:
            best = (start, year)
    return best


def with_reasons(atomization: pl.DataFrame) -> pl.DataFrame:
    """Add `kind_label` and `reason` (Spanish) to rows of `aid_atomization`."""
    reasons = [atomization_reason(row) for row in atomization.iter_rows(named=True)]
    out = labelled(atomization, "kind", "aid_kind")
    return out.with_columns(pl.Series("reason", reasons, dtype=pl.Utf8))


def aid_flow_texts(flows: pl.DataFrame) -> pl.DataFrame:
    """Add `kind_label` and `amount_text` (es-EC money) to rows of `aid_flows`."""
    return formatted(labelled(flows, "kind", "aid_kind"), "amount_usd", lambda v: fmt.money(v, 0), "amount_text")


def kinds_labelled(institutions: pl.DataFrame) -> pl.DataFrame:
    """`kinds` ('inputs, training') as Spanish labels ('Insumos, Capacitación') in rows of `aid_institutions`."""
    texts = [", ".join(label("aid_kind", k.strip()) for k in (v or "").split(",") if k.strip())
             for v in institutions["kinds"].to_list()]
    return institutions.with_columns(pl.Series("kinds", texts, dtype=pl.Utf8))


def never_coordinating(pairs: pl.DataFrame) -> pl.DataFrame:
    """Unordered pairs of institutions that reach the same associations but never the same one the same year."""
    return pairs.filter((pl.col("institution") < pl.col("partner")) & (pl.col("shared_associations") > 0)
                        & (pl.col("cofunded_association_years") == 0)).sort("shared_associations", "institution",
                                                                             descending=[True, False])


# --------------------------------------------------------------------------------------------------
# Migración
# --------------------------------------------------------------------------------------------------

FARM_MEASURES = ("women", "headed_by_mother", "mother_farms", "father_farms", "father_not_indicated", "aged_50_plus")


def abroad_by_association(answers: pl.DataFrame) -> pl.DataFrame:
    """Per association: surveyed families, families with someone abroad, share and its text."""
    rows = answers.filter(pl.col("question") == "family_abroad")
    out = rows.group_by("association_id", "association_name", maintain_order=True).agg(
        pl.col("members").sum().cast(pl.Int64).alias("surveyed"),
        pl.col("members").filter(pl.col("answer") == "true").sum().cast(pl.Int64).alias("abroad"))
    out = out.with_columns((pl.col("abroad") / pl.col("surveyed")).alias("share"))
    texts = [Share(a, s).text() for a, s in out.select("abroad", "surveyed").iter_rows()]
    return out.with_columns(pl.Series("share_text", texts, dtype=pl.Utf8)).sort("association_id")


def farm_profile(households: pl.DataFrame) -> pl.DataFrame:
    """Who is left to farm: for families with and without relatives abroad, the share of each trait.
    Columns: group (true | false), group_label, measure, measure_label, count, base, share, share_text."""
    counts = ["members", "ages_known", *FARM_MEASURES]
    summed = combine(households, ["family_abroad"], counts)
    rows: dict[str, list] = {k: [] for k in ("group", "group_label", "measure", "measure_label", "count", "base",
                                             "share", "share_text")}
    for group in (True, False):
        found = summed.filter(pl.col("family_abroad") == group)
        if found.is_empty():
            continue
        record = found.row(0, named=True)
        for measure in FARM_MEASURES:
            base = record["ages_known"] if measure == "aged_50_plus" else record["members"]
            share = Share(int(record[measure]), int(base))
            rows["group"].append(str(group).lower())
            rows["group_label"].append(t(f"diag.migracion.group.{str(group).lower()}"))
            rows["measure"].append(measure)
            rows["measure_label"].append(t(f"diag.migracion.measure.{measure}"))
            rows["count"].append(share.count)
            rows["base"].append(share.base)
            rows["share"].append(share.value)
            rows["share_text"].append(share.text())
    return pl.DataFrame(rows, schema={"group": pl.Utf8, "group_label": pl.Utf8, "measure": pl.Utf8,
                                      "measure_label": pl.Utf8, "count": pl.Int64, "base": pl.Int64,
                                      "share": pl.Float64, "share_text": pl.Utf8})


def compact_number(value: float | None) -> str:
    """A figure with the decimals it has (up to three), es-EC: 94.7 → '94,7', 246867 → '246.867'."""
    if value is None:
        return fmt.UNKNOWN
    for decimals in range(4):
        if abs(round(value, decimals) - value) < 1e-9:
            return fmt.number(value, decimals)
    return fmt.number(value, 3)


def reference_value_text(value: float | None, unit: str) -> str:
    """A reference figure with its unit, es-EC: '1.179 millones USD (redondeado)', '28,13 por 1000 hab.'."""
    if value is None:
        return fmt.UNKNOWN
    return f"{compact_number(value)} {unit}".strip()


def province_indicators(reference: pl.DataFrame) -> dict[str, str]:
    """Reference indicators given for two or more provinces in one period: indicator → period (latest)."""
    provinces = reference.filter((pl.col("level") == "provincia") & pl.col("period").is_not_null())
    counted = (provinces.group_by("theme", "indicator", "period").agg(pl.len().alias("n"))
               .filter(pl.col("n") >= 2))
    latest = counted.sort(["indicator", "period"]).group_by("indicator", maintain_order=True).last()
    # Emigration first (the page's subject), then the indicators given for more provinces.
    latest = latest.with_columns((pl.col("theme") != "emigración").alias("later"))
    return dict(latest.sort(["later", "n", "indicator"], descending=[False, True, False])
                .select("indicator", "period").iter_rows())


def province_comparison(reference: pl.DataFrame, indicator: str, province_code: str) -> pl.DataFrame:
    """Provinces with `indicator` in its latest period, highest first: area, value, value_text, unit, period,
    source, selected (the parish's province)."""
    period = province_indicators(reference).get(indicator)
    rows = reference.filter((pl.col("level") == "provincia") & (pl.col("indicator") == indicator)
                            & (pl.col("period") == period)).sort(["value", "area"], descending=[True, False])
    rows = rows.with_columns((pl.col("dpa_code") == province_code).alias("selected"))
    texts = [compact_number(v) for v in rows["value"].to_list()]
    return rows.with_columns(pl.Series("value_text", texts, dtype=pl.Utf8)).select(
        "area", "value", "value_text", "unit", "period", "source", "selected")


def national_value(reference: pl.DataFrame, indicator: str, period: str) -> dict[str, Any] | None:
    """The country's figure for a provincial indicator (same name, or its national average), if any."""
    rows = reference.filter((pl.col("level") == "país") & (pl.col("period") == period)
                            & pl.col("indicator").str.starts_with(indicator))
    if rows.is_empty():
        return None
    value = rows["value"][0]
    return {"value": value, "value_text": reference_value_text(value, rows["unit"][0])}


# --------------------------------------------------------------------------------------------------
# Problemas y necesidades
# --------------------------------------------------------------------------------------------------


def problem_texts(problems: pl.DataFrame) -> pl.DataFrame:
    """Add `rank_label` ('1. Problem'), `votes_text` ('17 votos (16,3 %)') and fill blank PDOT links."""
    rows = problems.with_columns(
        pl.format("{}. {}", pl.col("rank"), pl.col("label_es")).alias("rank_label"),
        pl.col("pdot_objectives").fill_null(t("diag.pdot.none")),
        pl.col("pdot_codes").fill_null("—"),
    )
    texts = [t("diag.problemas.votes_text", votes=fmt.number(v), share=fmt.percent(s))
             for v, s in rows.select("votes", "vote_share").iter_rows()]
    return rows.with_columns(pl.Series("votes_text", texts, dtype=pl.Utf8))


def objectives_cited(links: pl.DataFrame) -> str:
    """Markdown lines 'EV-OE1: objective' for every PDOT objective the parish's links cite, in id order."""
    cited = links.select("pdot_objective_id", "objective_es").unique().sort("pdot_objective_id")
    return "\n".join(f"- **{code}**: {text}" for code, text in cited.iter_rows())


def top_three(ranked: pl.DataFrame) -> str:
    """'1. A; 2. B; 3. C', the three most voted problems in order."""
    return "; ".join(ranked.sort("rank").head(3)["rank_label"].to_list())


def link_subjects(links: pl.DataFrame, problems: pl.DataFrame) -> pl.DataFrame:
    """Add `subject_label` to rows of `pdot_links`: the problem's text, the need's or the group's label."""
    problem_labels = dict(problems.select("problem_id", "label_es").iter_rows()) if not problems.is_empty() else {}
    texts = []
    for subject, code in links.select("subject", "subject_code").iter_rows():
        if subject == "problem":
            texts.append(problem_labels.get(code, code))
        else:
            texts.append(label("need" if subject == "need" else "expectation_cluster", code))
    return links.with_columns(pl.Series("subject_label", texts, dtype=pl.Utf8))


def needs_table(needs: pl.DataFrame) -> pl.DataFrame:
    """Needs named by the selected associations' members, most mentioned first:
    need, label, mentions, members, share (of mentions), share_text, pdot_objectives."""
    summed = combine(needs.with_columns(pl.col("pdot_objectives").fill_null(t("diag.pdot.none")),
                                        pl.col("pdot_codes").fill_null("—")),
                     ["need", "pdot_codes", "pdot_objectives"], ["mentions", "members"])
    base = _int_sum(summed, "mentions")
    known = list(labels("need"))
    summed = summed.with_columns(
        pl.col("need").map_elements(lambda c: _answer_position(c, known), return_dtype=pl.Int64).alias("_order"))
    summed = summed.sort(["mentions", "_order"], descending=[True, False]).drop("_order")
    summed = labelled(summed, "need", "need", "label")
    return summed.with_columns(
        (pl.col("mentions") / base if base else pl.lit(None, pl.Float64)).alias("share"),
        pl.Series("share_text", [Share(int(m), base).text() for m in summed["mentions"].to_list()], dtype=pl.Utf8),
    ).select("need", "label", "mentions", "members", "share", "share_text", "pdot_codes", "pdot_objectives")


def groups_table(groups: pl.DataFrame) -> pl.DataFrame:
    """Expectation groups of the selected associations' members: expectation_cluster, label, members, share,
    share_text, pdot_objectives."""
    summed = combine(groups.with_columns(pl.col("pdot_objectives").fill_null(t("diag.pdot.none")),
                                         pl.col("pdot_codes").fill_null("—")),
                     ["expectation_cluster", "pdot_codes", "pdot_objectives"], ["members"]).sort("expectation_cluster")
    base = _int_sum(summed, "members")
    summed = summed.with_columns(pl.col("expectation_cluster").cast(pl.Utf8))
    summed = labelled(summed, "expectation_cluster", "expectation_cluster", "label")
    return summed.with_columns(
        (pl.col("members") / base if base else pl.lit(None, pl.Float64)).alias("share"),
        pl.Series("share_text", [Share(int(m), base).text() for m in summed["members"].to_list()], dtype=pl.Utf8),
    ).select("expectation_cluster", "label", "members", "share", "share_text", "pdot_codes", "pdot_objectives")
