"""Asociaciones: who the members are (roles in the household, parents' answers, heads of household) and
the points of the income and age plots."""

from __future__ import annotations

import polars as pl

from core import fmt
from core.diagnosis.answers import Share, answer_table, int_sum
from core.diagnosis.tables import formatted, jitter, labelled
from core.texts import label, t, t_count


def parents_table(answers: pl.DataFrame, topic: str) -> pl.DataFrame:
    """Father's and mother's answers side by side (topic 'occupation' or 'education'), long format:
    parent (father | mother), parent_label, answer, label, members, share, share_text."""
    parts = []
    for parent in ("father", "mother"):
        table = answer_table(answers, f"{parent}_{topic}")
        parts.append(table.with_columns(pl.lit(parent).alias("parent"),
                                        pl.lit(t(f"diag.asociaciones.parent.{parent}")).alias("parent_label")))
    return pl.concat(parts).select("parent", "parent_label", "answer", "label", "members", "share", "share_text")


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
    return Share(int_sum(heads, "members"), int_sum(roles, "members"))


def household_points(economy: pl.DataFrame, measure: str) -> pl.DataFrame:
    """Rows of `member_economy` with a value of `measure`, ready to plot as points: value_text (es-EC money),
    the Spanish labels of both bands and a stable jitter."""
    rows = economy.filter(pl.col(measure).is_not_null())
    rows = formatted(rows, measure, fmt.amount_for(rows[measure].to_list()), "value_text")  # one rule, one chart
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
    texts = [t_count("diag.asociaciones.box_summary", r["households"], count=fmt.number(r["households"]),
                     **fmt.amounts_named(median=r["median_usd"], q1=r["q1_usd"], q3=r["q3_usd"], low=r["min_usd"],
                                         high=r["max_usd"]))
             for r in boxes.iter_rows(named=True)]
    return boxes.with_columns(pl.Series("summary_text", texts, dtype=pl.Utf8))
