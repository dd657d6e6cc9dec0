"""Problemas: the problems the advisory group ranked, the needs members named, and the PDOT objectives cited."""

from __future__ import annotations

import polars as pl

from core import fmt
from core.diagnosis.answers import Share, answer_position, combine, int_sum
from core.diagnosis.tables import labelled
from core.texts import label, labels, t, t_count


def problem_texts(problems: pl.DataFrame) -> pl.DataFrame:
    """Add `rank_label` ('1. Problem'), `votes_text` ('17 votos (16,3 %)') and fill blank PDOT links."""
    rows = problems.with_columns(
        pl.format("{}. {}", pl.col("rank"), pl.col("label_es")).alias("rank_label"),
        pl.col("pdot_objectives").fill_null(t("diag.pdot.none")),
        pl.col("pdot_codes").fill_null("—"),
    )
    texts = [t_count("diag.problemas.votes_text", round(v), votes=fmt.number(v), share=fmt.percent(s))
             for v, s in rows.select("votes", "vote_share").iter_rows()]
    return rows.with_columns(pl.Series("votes_text", texts, dtype=pl.Utf8))


def with_session_votes(ranked: pl.DataFrame, tally: dict[str, tuple[int, int]]) -> pl.DataFrame:
    """Add `session_votes`: each problem's votes in the closed session on problems (problem_id → (votes, rank)),
    null for a problem the session did not put to the vote."""
    votes = [tally[pid][0] if pid in tally else None for pid in ranked["problem_id"].to_list()]
    return ranked.with_columns(pl.Series("session_votes", votes, dtype=pl.Int64))


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
    base = int_sum(summed, "mentions")
    known = list(labels("need"))
    summed = summed.with_columns(
        pl.col("need").map_elements(lambda c: answer_position(c, known), return_dtype=pl.Int64).alias("_order"))
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
    base = int_sum(summed, "members")
    summed = summed.with_columns(pl.col("expectation_cluster").cast(pl.Utf8))
    summed = labelled(summed, "expectation_cluster", "expectation_cluster", "label")
    return summed.with_columns(
        (pl.col("members") / base if base else pl.lit(None, pl.Float64)).alias("share"),
        pl.Series("share_text", [Share(int(m), base).text() for m in summed["members"].to_list()], dtype=pl.Utf8),
    ).select("expectation_cluster", "label", "members", "share", "share_text", "pdot_codes", "pdot_objectives")
