"""Demo records of the El Valle study (parish 010170), calibrated to its published aggregates.

Source: Gómez-Ceballos, Vázquez-Loaiza, Herrera-Torres, Vega-Luna (2021), "Popular and Solidarity
Economy: Policies and Realities in the Local Context—The Case of the Agricultural Productive
Associations of El Valle, Ecuador", Sustainability 13, 13469, sections 4 and 5.

The study publishes percentages and tables, not records. This generator first fixes the exact
counts that reproduce each published figure (the constants of `core.synth.elvalle_figures`, each citing
where it comes from), then decides at random (seeded) which member gets which value. Figures the study does not
publish (education levels, family size, ages within a band, aid records, vote counts) are
invented but plausible, and said so in `data/sources/elvalle/README.md`.

    python -m core.synth                 # rewrite data/sources/elvalle/*.csv with SEED
    python -m core.synth --out /tmp/x    # write elsewhere (tests compare the bytes)

Readings chosen where the study is inconsistent (also in the README and the provenance text):

* Figure 4 cross-table: the cell (head of household = father, member = mother) is printed 42,
  but its row total (54) and column total (74) both need 43. We keep the margins: 43.
* "70% have an income of up to USD 84 per month and an expense of more than USD 489": the income
  bands of Figure 5 are weekly (< USD 48, USD 49-84 per week), so we read "up to USD 84" as the
  two lowest weekly bands and the USD 489 as monthly expense; 64 of 91 (70.3%) have both.
* "more than half of them (57.4)" refers to those earning up to USD 84 a week: 39 of 68 of them
  live mainly from agriculture; over all 91, agriculture is 48 (52.7%, the "53%" of the caption).
* Aid effectiveness (52.8% little, 2.8% a lot, 86% medium to little) is over the 72 members who
  received some help (project aid or state aid in the last year): 38, 2 and 62 of 72.
* Ages: 81.5% between 31 and 65 is over those with an age: 66 of 81 (10 did not give it).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from core.data.paths import SOURCES_DIR
from core.synth import elvalle_figures as study
from core.synth.elvalle_figures import Counts

SEED = 10170  # the parish's DPA code without its leading zero
GENERATOR = "core/synth/elvalle.py"
OUT_DIR = SOURCES_DIR / "elvalle"
PARISH = "010170"

Row = dict[str, Any]


# ----------------------------------------------------------------------------------------------
def _expand(counts: Counts) -> list[Any]:
    return [value for value, n in counts for _ in range(n)]


def _allocate(rng: random.Random, items: list[Row], field: str, counts: Counts,
              score: Callable[[Row], float] | None = None, noise: float = 1.0) -> None:
    """Give exactly `n` of `items` each `(value, n)` of `counts`.

    Values listed first go to the items with the highest `score` (plus `noise` × a random number,
    so a preference is soft when `noise` exceeds the score gap); without a score the draw is plain.
    """
    values = _expand(counts)
    if len(values) != len(items):
        raise ValueError(f"{field}: {len(values)} values for {len(items)} items")
    jitter = [rng.random() for _ in items]
    order = sorted(range(len(items)),
                   key=lambda i: -((score(items[i]) if score else 0.0) + noise * jitter[i]))
    for index, value in zip(order, values, strict=False):
        items[index][field] = value


def _where(items: Iterable[Row], **conditions: Any) -> list[Row]:
    return [it for it in items if all(it[k] == v for k, v in conditions.items())]


def _split(items: list[Row], test: Callable[[Row], bool]) -> tuple[list[Row], list[Row]]:
    return [it for it in items if test(it)], [it for it in items if not test(it)]


# ----------------------------------------------------------------------------------------------
def associations() -> list[Row]:
    return [
        {"association_id": aid, "parish_code": PARISH, "name": name, "registered_with": registered,
         "members_total": total, "members_surveyed": surveyed, "main_products_es": products,
         "has_ruc": True, "keeps_accounting_records": False, "has_production_plan": False,
         "is_synthetic": True}
        for aid, name, registered, total, surveyed, products in study.ASSOCIATIONS
    ]


def members(rng: random.Random) -> list[Row]:
    """The 91 surveyed members, every published count exact."""
    people: list[Row] = [{"head_of_household": head, "member_role": role}
                         for (head, role), n in study.HOUSEHOLD_TABLE.items() for _ in range(n)]
    rng.shuffle(people)
    for p in people:
        p["is_head_of_household"] = p["member_role"] == p["head_of_household"] != "not_indicated"

    # Sex follows the role; children and the one "not indicated" are mostly women (invented).
    for p in people:
        p["sex"] = {"father": "male", "mother": "female"}.get(p["member_role"])
    _allocate(rng, _where(people, member_role="child"), "sex", [("female", 3), ("male", 2)])
    for p in _where(people, member_role="not_indicated"):
        p["sex"] = "female"

    # Ages: members who are a child of the household are young adults; the rest by band.
    children, adults = _split(people, lambda p: p["member_role"] == "child")
    for p in children:
        p["age_band"] = "young"
    _allocate(rng, adults, "age_band",
              [("blank", study.AGES_BLANK), ("young", study.AGES_YOUNG - len(children)), ("old", study.AGES_OLD),
               ("mid", study.AGES_MID)])
    bounds = {"young": (19, 30), "mid": (31, 65), "old": (66, 82)}
    for p in people:
        band = p.pop("age_band")
        p["age"] = None if band == "blank" else rng.randint(*bounds[band])

    # Families with someone abroad lean to those headed by the mother ("migration of men").
    _allocate(rng, people, "family_abroad", [(True, study.FAMILY_ABROAD), (False, len(people) - study.FAMILY_ABROAD)],
              score=lambda p: 1.0 if p["head_of_household"] == "mother" else 0.0, noise=1.5)

    # Occupations (Figure 3). A member who is the father or mother names their own occupation; an
    # absent father ("not indicated") is likelier where the family has someone abroad.
    fathers, others = _split(people, lambda p: p["member_role"] == "father")
    _allocate(rng, fathers, "father_occupation", study.FATHER_OCCUPATION_FOR_FATHER_MEMBERS)
    _allocate(rng, others, "father_occupation", study.FATHER_OCCUPATION_FOR_OTHERS,
              score=lambda p: p["family_abroad"] + (p["head_of_household"] == "mother"), noise=1.0)
    mothers, others = _split(people, lambda p: p["member_role"] == "mother")
    _allocate(rng, mothers, "mother_occupation", study.MOTHER_OCCUPATION_FOR_MOTHER_MEMBERS)
    _allocate(rng, others, "mother_occupation", study.MOTHER_OCCUPATION_FOR_OTHERS)

    for parent, counts in (("father", study.FATHER_EDUCATION), ("mother", study.MOTHER_EDUCATION)):
        occupation, education = f"{parent}_occupation", f"{parent}_education"
        rest = []
        for p in people:
            if p[occupation] == "not_indicated":
                p[education] = "not_indicated"
            elif p[occupation] == "professional":
                p[education] = "higher"
            else:
                rest.append(p)
        _allocate(rng, rest, education, counts)

    _allocate(rng, people, "family_size", study.FAMILY_SIZE,
              score=lambda p: 0.0 if p["member_role"] == "child" else 1.0, noise=0.5)

    # Income, its source and expenses (Figure 5, text on Figure 7).
    earns_more = {"construction", "employee", "professional", "driver", "mechanic"}
    _allocate(rng, people, "income_group", [("high", 23), ("low", 68)],
              score=lambda p: 1.0 if p["father_occupation"] in earns_more else 0.0, noise=1.5)
    low, high = _split(people, lambda p: p["income_group"] == "low")
    _allocate(rng, low, "weekly_income_band", study.INCOME_LOW)
    _allocate(rng, high, "weekly_income_band", study.INCOME_HIGH)
    _allocate(rng, low, "monthly_expense_band", study.EXPENSE_LOW)
    _allocate(rng, high, "monthly_expense_band", study.EXPENSE_HIGH)
    _allocate(rng, low, "income_source", study.SOURCE_LOW, score=lambda p: float(p["family_abroad"]), noise=0.5)
    _allocate(rng, high, "income_source", study.SOURCE_HIGH, score=lambda p: float(p["family_abroad"]), noise=0.5)
    _allocate(rng, people, "main_income_item", study.INCOME_ITEMS,
              score=lambda p: 0.0 if p["income_source"] == "agriculture" else 1.0, noise=0.8)
    _allocate(rng, people, "main_expense", study.MAIN_EXPENSE,
              score=lambda p: 1.0 if p["monthly_expense_band"] == "over_489" else 0.0, noise=1.5)
    for p in people:
        del p["income_group"]

    # Self-perceived poverty: one did not answer; the poorest answers lean to the lowest incomes.
    income_rank = {"upto_48": 0, "49_84": 1, "85_120": 2, "121_156": 3, "over_156": 4}
    _allocate(rng, people, "poverty_answered", [(False, study.POVERTY_BLANK), (True, len(people) - study.POVERTY_BLANK)])
    answered, blank = _split(people, lambda p: p["poverty_answered"])
    for p in people:
        del p["poverty_answered"]
    for p in blank:
        p["perceived_poverty"] = None
    _allocate(rng, answered, "perceived_poverty", study.POVERTY,
              score=lambda p: -float(income_rank[p["weekly_income_band"]]), noise=2.5)

    # Aid: 71 received project aid; 32 state aid last year (one of them no project aid); the 72 who
    # received some help rated it.
    _allocate(rng, people, "received_project_aid", [(True, study.PROJECT_AID), (False, len(people) - study.PROJECT_AID)])
    helped, not_helped = _split(people, lambda p: p["received_project_aid"])
    _allocate(rng, helped, "state_aid_last_year",
              [(True, study.STATE_AID_WITH_PROJECT), (False, len(helped) - study.STATE_AID_WITH_PROJECT)])
    _allocate(rng, not_helped, "state_aid_last_year",
              [(True, study.STATE_AID_WITHOUT_PROJECT), (False, len(not_helped) - study.STATE_AID_WITHOUT_PROJECT)])
    rated, unrated = _split(people, lambda p: p["received_project_aid"] or p["state_aid_last_year"])
    _allocate(rng, rated, "aid_effectiveness", study.EFFECTIVENESS)
    for p in unrated:
        p["aid_effectiveness"] = None

    _allocate(rng, people, "expectation_cluster", study.CLUSTERS)

    # Associations last: cut the shuffled members into blocks of each association's surveyed count.
    rng.shuffle(people)
    start = 0
    for association_id, *_, surveyed, _products in study.ASSOCIATIONS:
        for p in people[start:start + surveyed]:
            p["association_id"] = association_id
        start += surveyed
    for number, p in enumerate(people, start=1):
        p["member_id"] = f"EV-M{number:03d}"
        p["is_synthetic"] = True
    return [{column: p[column] for column in MEMBER_COLUMNS} for p in people]


def member_needs(rng: random.Random, people: list[Row]) -> list[Row]:
    """Each member names 1 to 3 different needs; mention counts exact (greedy by capacity)."""
    slots = [{"member_id": p["member_id"]} for p in people]
    _allocate(rng, slots, "capacity", study.NEEDS_PER_MEMBER)
    chosen: dict[str, list[str]] = {s["member_id"]: [] for s in slots}
    for need, n in study.NEEDS:  # largest first: always feasible (Gale-Ryser construction)
        jitter = {s["member_id"]: rng.random() for s in slots}
        ranked = sorted(slots, key=lambda s: (-s["capacity"], jitter[s["member_id"]]))
        if n > len(ranked) or ranked[n - 1]["capacity"] == 0:
            raise ValueError(f"cannot place {n} mentions of {need}")
        for s in ranked[:n]:
            s["capacity"] -= 1
            chosen[s["member_id"]].append(need)
    order = [need for need, _ in study.NEEDS]
    return [{"member_id": member_id, "need": need, "is_synthetic": True}
            for member_id in sorted(chosen) for need in sorted(chosen[member_id], key=order.index)]


def aid(rng: random.Random) -> list[Row]:
    """Small, repeated, uncoordinated aid: per association 3 trainings, 2 input deliveries, 2 others."""
    others = [{} for _ in range(2 * len(study.ASSOCIATIONS))]
    _allocate(rng, others, "kind", study.OTHER_AID)
    records: list[tuple[str, tuple[str, str], int, str]] = []
    for index, (association_id, *_rest) in enumerate(study.ASSOCIATIONS):
        first = rng.randint(2012, 2016)
        # The same inputs, by the study.MAG and then the parish study.GAD, in consecutive years.
        records.append((association_id, study.MAG, first, "inputs"))
        records.append((association_id, study.GAD, first + 1, "inputs"))
        # Trainings by three institutions, two of them in the same year.
        trainers = rng.sample(study.TRAINERS, 3)
        year = rng.randint(first, first + 2)
        records += [(association_id, trainers[0], year, "training"),
                    (association_id, trainers[1], year, "training"),
                    (association_id, trainers[2], year + rng.randint(1, 2), "training")]
        for extra in others[2 * index:2 * index + 2]:
            giver = rng.choice(study.OTHER_AID_GIVER[extra["kind"]])
            records.append((association_id, giver, rng.randint(first, 2019), extra["kind"]))
    records.sort(key=lambda r: (r[0], r[2], r[3], r[1][0]))
    rows = []
    for number, (association_id, (institution, institution_type), year, kind) in enumerate(records, start=1):
        low, high = study.AMOUNT_RANGE[kind]
        rows.append({
            "aid_id": f"EV-AY{number:03d}", "association_id": association_id, "institution": institution,
            "institution_type": institution_type, "year": year, "kind": kind,
            "amount_usd": float(rng.randint(low // 10, high // 10) * 10), "non_reimbursable": True,
            "description_es": rng.choice(study.AID_TEXT[kind]), "is_synthetic": True,
        })
    return rows


def problem_votes(total: int = study.PARTICIPANTS * study.VOTES_EACH, n: int = len(study.PROBLEMS)) -> list[int]:
    """Votes proportional to a linear (Borda-like) profile n, n-1, …, 1, rounded by largest remainder.

    The study gives only the order; this profile is an assumption that keeps it strictly decreasing.
    """
    weights = list(range(n, 0, -1))
    exact = [total * w / sum(weights) for w in weights]
    votes = [int(x) for x in exact]
    by_remainder = sorted(range(n), key=lambda i: (-(exact[i] - votes[i]), i))
    for i in by_remainder[:total - sum(votes)]:
        votes[i] += 1
    if any(a <= b for a, b in zip(votes, votes[1:], strict=False)):
        raise ValueError(f"votes not strictly decreasing: {votes}")
    return votes


def problems() -> list[Row]:
    return [
        {"problem_id": f"P{rank:02d}", "parish_code": PARISH, "rank": rank, "label_es": es, "label_en": en,
         "votes": votes, "is_synthetic": True}
        for rank, ((es, en), votes) in enumerate(zip(study.PROBLEMS, problem_votes(), strict=True), start=1)
    ]


# ----------------------------------------------------------------------------------------------
ASSOCIATION_COLUMNS = ["association_id", "parish_code", "name", "registered_with", "members_total",
                       "members_surveyed", "main_products_es", "has_ruc", "keeps_accounting_records",
                       "has_production_plan", "is_synthetic"]
MEMBER_COLUMNS = ["member_id", "association_id", "age", "sex", "member_role", "head_of_household",
                  "is_head_of_household", "family_size", "father_occupation", "mother_occupation",
                  "father_education", "mother_education", "perceived_poverty", "family_abroad",
                  "received_project_aid", "state_aid_last_year", "aid_effectiveness", "weekly_income_band",
                  "monthly_expense_band", "income_source", "main_income_item", "main_expense",
                  "expectation_cluster", "is_synthetic"]
NEED_COLUMNS = ["member_id", "need", "is_synthetic"]
AID_COLUMNS = ["aid_id", "association_id", "institution", "institution_type", "year", "kind", "amount_usd",
               "non_reimbursable", "description_es", "is_synthetic"]
PROBLEM_COLUMNS = ["problem_id", "parish_code", "rank", "label_es", "label_en", "votes", "is_synthetic"]


def generate(seed: int = SEED) -> dict[str, tuple[list[str], list[Row]]]:
    """Every file's columns and rows, by file name. One random stream, used in a fixed order."""
    rng = random.Random(seed)
    people = members(rng)
    return {
        "associations.csv": (ASSOCIATION_COLUMNS, associations()),
        "members.csv": (MEMBER_COLUMNS, people),
        "member_needs.csv": (NEED_COLUMNS, member_needs(rng, people)),
        "aid.csv": (AID_COLUMNS, aid(rng)),
        "problems.csv": (PROBLEM_COLUMNS, problems()),
    }


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def write(out_dir: Path = OUT_DIR, seed: int = SEED) -> list[Path]:
    """Write the CSVs (UTF-8, '\\n' line ends, fixed column order): same seed, same bytes."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for file_name, (columns, rows) in generate(seed).items():
        path = out_dir / file_name
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(columns)
            for row in rows:
                writer.writerow([_text(row[c]) for c in columns])
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Genera los registros sintéticos del estudio El Valle.")
    parser.add_argument("--seed", type=int, default=SEED, help=f"semilla (por defecto {SEED})")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="carpeta de salida")
    args = parser.parse_args(argv)
    written = write(args.out, args.seed)
    print(f"Registros sintéticos de El Valle escritos (semilla {args.seed}): "
          + ", ".join(p.name for p in written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
