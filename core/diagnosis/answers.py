"""Adding up the rows of the associations a person selected and turning counts into shares (`Share`,
`answer_table`, ...): the steps the associations, aid and migration pages share. Views aggregate per
association (sql/diagnosis/); these helpers only add them up."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import polars as pl

from core import fmt
from core.texts import label, labels, t


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


def answer_position(code: str | None, known: Sequence[str]) -> int:
    if code is None:
        return 1_000_000
    if code in known:
        return known.index(code)
    try:
        return 1_000 + int(code)  # numeric answers (family size) in number order
    except ValueError:
        return 100_000


def int_sum(frame: pl.DataFrame, column: str) -> int:
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
    codes = sorted(counts, key=lambda c: (-counts[c], answer_position(c, known)) if by_count
                   else (answer_position(c, known),))
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


def combine(frame: pl.DataFrame, by: Sequence[str], counts: Sequence[str]) -> pl.DataFrame:
    """Sum the `counts` columns over the rows given (the selected associations), per `by`, first-seen order."""
    if frame.is_empty():
        return frame.select(*by, *counts)
    return frame.group_by(list(by), maintain_order=True).agg([pl.col(c).sum().cast(pl.Int64) for c in counts])
