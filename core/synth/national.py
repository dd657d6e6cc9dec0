"""A seeded national synthetic dataset: every rural parish of Ecuador, at the scale of a national deployment.

    python -m core.synth --scale national --out DIR [--seed N] [--parishes N]

It exists to measure Minga at national scale (bench/national.py), not to describe any real association: every
association, member, need, aid record, problem vote and proposal it writes is invented and has
`is_synthetic = true`. What is real is the list of rural parishes and their 2022 census populations
(data/sources/reference/parroquias_indicadores_cpv2022.csv): each parish gets associations in proportion to
its population, and each association aid in proportion to its size.

DIR gets every parquet file `core.db.connect(DIR)` needs: the ordinary build of data/sources/ (catalogues,
reference figures, the El Valle PDOT and offers) with the study's records replaced by the national ones.
Records are sorted by parish_code and written in modest row groups, so a query for one parish lets DuckDB
skip the others' row groups (the parquet min/max statistics of parish_code and association_id); the heavy
views are then pre-aggregated per parish over the national records, as the build does (core.data.rollups).

Everything is vectorised (numpy + polars): one pass per table, no Python loop over rows. The same seed and
parish count always give the same rows. `--parishes N` keeps the first N rural parishes by code and scales
every total by their share, for tests.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import polars as pl

from core.data.build import STAMP, build
from core.data.db import write_rollups
from core.data.paths import SOURCES_DIR
from core.synth.elvalle_figures import AID_TEXT

SEED = 2022
CENSUS = SOURCES_DIR / "reference" / "parroquias_indicadores_cpv2022.csv"
DPA_LIST = SOURCES_DIR / "reference" / "dpa_ecuador_parroquias.csv"  # the parishes the `parishes` view holds
MANIFEST = "national.json"
ROW_GROUP_ROWS = 10_000
YEARS = (2015, 2024)  # ten years of aid, inclusive
MONEY = ["cost_usd", "requested_usd", "counterpart_associations_usd", "counterpart_cooperant_usd",
         "counterpart_other_usd"]
MONEY_FACTORS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)  # exact in cents on whole-dollar amounts
SOURCE_ES = ("Registro sintético nacional generado por core/synth/national.py para medir Minga a escala "
             "nacional; no describe ninguna asociación real.")

KINDS = ["inputs", "training", "infrastructure", "technical_assistance", "equipment", "marketing"]
KIND_SHARES = [0.30, 0.38, 0.08, 0.12, 0.08, 0.04]
# the six types the data set was drawn with: «international_cooperation», which a planner may record, is not drawn,
# so the seeded records (and every figure built from them) stay as published
INSTITUTION_TYPES = ["mag", "gad_parroquial", "gad_provincial", "gad_municipal", "ngo", "other"]
INSTITUTION_SHARES = [0.30, 0.22, 0.18, 0.10, 0.15, 0.05]
NGOS = ["Fundación de desarrollo rural (ONG)", "Cooperación internacional (ONG)", "Fundación Minga Andina (ONG)",
        "Red de economía solidaria (ONG)", "Fundación Agua y Tierra (ONG)", "Programa de seguridad alimentaria (ONG)"]
OTHERS = ["BanEcuador", "Universidad pública (vinculación)", "Cooperativa de ahorro y crédito"]
PRODUCTS = ["Hortalizas y cuyes", "Maíz, fréjol y papas", "Leche y queso", "Cacao fino de aroma", "Café de altura",
            "Frutales andinos", "Plátano y yuca", "Artesanías y turismo comunitario", "Quinua y chocho",
            "Pesca artesanal", "Miel y productos apícolas", "Hierbas medicinales"]
FORMS = ["Asociación Agroecológica", "Asociación de Productores", "Asociación de Mujeres Emprendedoras",
         "Asociación Agropecuaria", "Asociación de Pequeños Productores", "Asociación Comunitaria"]


@dataclass(frozen=True)
class Totals:
    """Target counts for the whole country (the brief's national scale)."""

    associations: int = 12_000
    members_surveyed: int = 150_000
    aid_records: int = 1_000_000
    proposals: int = 50_000

    def scaled(self, share: float) -> Totals:
        return Totals(*(max(1, round(v * share)) for v in asdict(self).values()))


def rural_parishes(limit: int | None = None) -> pl.DataFrame:
    """Rural parishes with a 2022 population, by code: parish_code, name, canton, province, population. Only the
    parishes of the DPA list Minga's views hold: the census also counts a few codes created after that list, whose
    records no view could place."""
    census = pl.read_csv(CENSUS, schema_overrides={"dpa_parroquia": pl.String})
    # names as the `parishes` view gives them (the DPA list's, with INEC's accents and case)
    listed = pl.read_csv(DPA_LIST, columns=["codigo_parroquia", "parroquia", "canton", "provincia"],
                         schema_overrides={"codigo_parroquia": pl.String})
    rural = (census.filter((pl.col("tipo_parroquia") == "rural") & (pl.col("poblacion_total_2022_personas") > 0))
             .join(listed, left_on="dpa_parroquia", right_on="codigo_parroquia", how="inner", suffix="_dpa")
             .select(pl.col("dpa_parroquia").alias("parish_code"),
                     pl.col("parroquia_dpa").alias("parish_name"),
                     pl.col("canton_dpa").alias("canton"),
                     pl.col("provincia_dpa").alias("province"),
                     pl.col("poblacion_total_2022_personas").cast(pl.Int64).alias("population"))
             .sort("parish_code"))
    return rural.head(limit) if limit else rural


def _within_group_index(counts: np.ndarray) -> np.ndarray:
    """For groups of sizes `counts` laid end to end: 0, 1, … within each group."""
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    return np.arange(int(counts.sum())) - starts


def _pick(options: list[str], index: np.ndarray) -> pl.Series:
    """options[index] as a polars string column, without building a numpy array of strings."""
    return pl.Series(options, dtype=pl.String).gather(pl.Series(index))


def associations(rng: np.random.Generator, parishes: pl.DataFrame, total: int, surveyed: int) -> pl.DataFrame:
    """At least two associations per parish, the rest in proportion to population."""
    population = parishes["population"].to_numpy()
    per_parish = np.maximum(2, np.round(total * population / population.sum())).astype(np.int64)
    n = int(per_parish.sum())
    parish_index = np.repeat(np.arange(parishes.height), per_parish)
    number = _within_group_index(per_parish) + 1
    members_total = rng.integers(8, 41, n)
    share = surveyed / (n * members_total.mean())
    members_surveyed = np.clip(np.round(members_total * rng.uniform(0.7, 1.3, n) * share), 1, members_total)
    frame = parishes.select("parish_code", "parish_name")[parish_index]
    return frame.with_columns(
        association_id=pl.format("NA-{}-{}", "parish_code", pl.Series(number).cast(pl.String).str.zfill(3)),
        name=pl.format("{} {} {}", pl.Series(rng.choice(FORMS, n)), "parish_name",
                       pl.Series(number).cast(pl.String)),
        registered_with=pl.Series(rng.choice(["senplades", "mag"], n, p=[0.6, 0.4])),
        members_total=pl.Series(members_total, dtype=pl.Int64),
        members_surveyed=pl.Series(members_surveyed, dtype=pl.Int64),
        main_products_es=pl.Series(rng.choice(PRODUCTS, n)),
        has_ruc=pl.Series(rng.random(n) < 0.7),
        keeps_accounting_records=pl.Series(rng.random(n) < 0.3),
        has_production_plan=pl.Series(rng.random(n) < 0.25),
        is_synthetic=pl.lit(True),
    ).select("association_id", "parish_code", "name", "registered_with", "members_total", "members_surveyed",
             "main_products_es", "has_ruc", "keeps_accounting_records", "has_production_plan", "is_synthetic")


def members(rng: np.random.Generator, assoc: pl.DataFrame, templates: pl.DataFrame) -> pl.DataFrame:
    """Each association's surveyed members, each a copy of a random El Valle respondent (valid codes)."""
    counts = assoc["members_surveyed"].to_numpy()
    owner = np.repeat(assoc["association_id"].to_numpy(), counts)
    number = _within_group_index(counts) + 1
    picked = templates[rng.integers(0, templates.height, owner.size)]
    ages = picked["age"].to_numpy().astype(float)
    jittered = np.where(np.isnan(ages), np.nan, np.clip(ages + rng.integers(-3, 4, owner.size), 16, 95))
    return picked.with_columns(
        template_member_id=pl.col("member_id"),
        member_id=pl.format("{}-M{}", pl.Series(owner), pl.Series(number).cast(pl.String).str.zfill(3)),
        association_id=pl.Series(owner),
        age=pl.Series(jittered, nan_to_null=True).cast(pl.Int64),
        is_synthetic=pl.lit(True),
    )


def member_needs(people: pl.DataFrame, template_needs: pl.DataFrame) -> pl.DataFrame:
    """A member names the needs its El Valle template named."""
    needs = template_needs.select(pl.col("member_id").alias("template_member_id"), "need")
    return (people.select("member_id", "template_member_id")
            .join(needs, on="template_member_id", how="inner", maintain_order="left")
            .select("member_id", "need", is_synthetic=pl.lit(True)))


def aid(rng: np.random.Generator, assoc: pl.DataFrame, parishes: pl.DataFrame, total: int) -> pl.DataFrame:
    """`total` aid records, each association's share in proportion to its size, over ten years."""
    weights = assoc["members_total"].to_numpy().astype(float)
    counts = rng.multinomial(total, weights / weights.sum())
    index = np.repeat(np.arange(assoc.height), counts)
    n = index.size
    kind = rng.choice(len(KINDS), n, p=KIND_SHARES)
    texts = [text for k in KINDS for text in AID_TEXT[k]]
    text_counts = np.array([len(AID_TEXT[k]) for k in KINDS])
    text_index = (np.cumsum(text_counts) - text_counts)[kind] + (rng.random(n) * text_counts[kind]).astype(np.int64)
    where_names = assoc.select("association_id", "parish_code").join(
        parishes.select("parish_code", "parish_name", "canton", "province"), on="parish_code", how="left")[index]
    institution = (pl.when(pl.col("institution_type") == "mag").then(pl.lit("MAG"))
                   .when(pl.col("institution_type") == "gad_parroquial").then(pl.format("GAD parroquial {}", "parish_name"))
                   .when(pl.col("institution_type") == "gad_provincial").then(pl.format("Prefectura de {}", "province"))
                   .when(pl.col("institution_type") == "gad_municipal").then(pl.format("GAD municipal de {}", "canton"))
                   .when(pl.col("institution_type") == "ngo").then(pl.col("ngo"))
                   .otherwise(pl.col("other")))
    frame = where_names.with_columns(
        institution_type=_pick(INSTITUTION_TYPES, rng.choice(len(INSTITUTION_TYPES), n, p=INSTITUTION_SHARES)),
        ngo=_pick(NGOS, rng.integers(0, len(NGOS), n)),
        other=_pick(OTHERS, rng.integers(0, len(OTHERS), n)),
        year=pl.Series(rng.integers(YEARS[0], YEARS[1] + 1, n), dtype=pl.Int64),
        kind=_pick(KINDS, kind),
        amount_usd=pl.Series(np.round(rng.lognormal(6.3, 0.8, n), -1).clip(20, None)),
        non_reimbursable=pl.Series(rng.random(n) < 0.95),
        description_es=_pick(texts, text_index),
    ).with_columns(institution=institution).sort("parish_code", "association_id", "year", maintain_order=True)
    return frame.with_columns(
        aid_id=pl.format("NA-AY{}", pl.int_range(1, n + 1).cast(pl.String).str.zfill(7)),
        is_synthetic=pl.lit(True),
    ).select("aid_id", "association_id", "parish_code", "institution", "institution_type", "year", "kind",
             "amount_usd", "non_reimbursable", "description_es", "is_synthetic")


def problems(rng: np.random.Generator, parishes: pl.DataFrame, templates: pl.DataFrame) -> pl.DataFrame:
    """Each parish's advisory group ranks the El Valle problems: 8 people × 13 votes, shares shuffled."""
    labels = templates.sort("rank")
    k, n = labels.height, parishes.height
    linear = np.arange(k, 0, -1, dtype=float)
    shares = rng.permuted(np.tile(linear / linear.sum(), (n, 1)), axis=1)
    votes = rng.multinomial(8 * 13, shares)
    order = np.argsort(-votes, axis=1, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(1, k + 1)[None, :].repeat(n, axis=0), axis=1)
    parish = np.repeat(parishes["parish_code"].to_numpy(), k)
    problem = np.tile(np.arange(k), n)
    return pl.DataFrame({
        "parish_code": parish,
        "problem_number": problem + 1,
        "rank": ranks.ravel().astype(np.int64),
        "label_es": labels["label_es"].to_numpy()[problem],
        "label_en": labels["label_en"].to_numpy()[problem],
        "votes": votes.ravel().astype(np.int64),
        "is_synthetic": True,
    }).select(pl.format("{}-P{}", "parish_code", pl.col("problem_number").cast(pl.String).str.zfill(2))
              .alias("problem_id"), pl.exclude("problem_number")).sort("parish_code", "rank")


def _scaled_copies(templates: pl.DataFrame) -> pl.DataFrame:
    """Each El Valle proposal at every factor of MONEY_FACTORS: money and every budget line scaled alike (exact
    in cents), so each copy still passes the proposal's checks (lines add up to the cost)."""
    rows = []
    for row in templates.to_dicts():
        for factor in MONEY_FACTORS:
            lines = [json.loads(line) for line in row["budget_lines"]]
            rows.append({**row, **{key: round(row[key] * factor, 2) for key in MONEY},
                         "budget_lines": [json.dumps({**line, "amount_usd": round(line["amount_usd"] * factor, 2)},
                                                     ensure_ascii=False, separators=(",", ":")) for line in lines]})
    return pl.DataFrame(rows, schema=templates.schema)


def proposals(rng: np.random.Generator, assoc: pl.DataFrame, templates: pl.DataFrame, total: int) -> pl.DataFrame:
    """`total` proposals, each a scaled copy of a random El Valle proposal, by one association, by parish."""
    owner = assoc[np.sort(rng.integers(0, assoc.height, total))]
    copies = _scaled_copies(templates)
    picked = copies[rng.integers(0, copies.height, total)]
    return picked.with_columns(
        proposal_id=pl.format("NA-P{}", pl.int_range(1, total + 1).cast(pl.String).str.zfill(6)),
        association_id=owner["association_id"],
        parish_code=owner["parish_code"],
        pdot_objective_ids=pl.lit([], dtype=pl.List(pl.String)),
        problem_ids=pl.lit([], dtype=pl.List(pl.String)),
        is_synthetic=pl.lit(True),
        source=pl.lit(SOURCE_ES),
    ).with_columns(association_ids=pl.concat_list("association_id")).select(templates.columns)


def _write(frame: pl.DataFrame, path: Path) -> None:
    """Write beside the target, then rename: a reader never sees half a file."""
    temporary = path.with_name(f".{path.name}.tmp")
    frame.write_parquet(temporary, row_group_size=ROW_GROUP_ROWS, statistics=True)
    temporary.replace(path)


def write(out_dir: Path, seed: int = SEED, parishes: int | None = None) -> dict[str, int]:
    """Build the ordinary data into `out_dir`, then replace the study records by national ones.

    Returns the row count of each table written; `national.json` in `out_dir` records them with the seed.
    """
    started = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    build(out_dir, pre_aggregate=False)  # pre-aggregated below, over the national records
    (out_dir / STAMP).unlink(missing_ok=True)  # not a build of data/sources/: `--if-stale` must not trust it
    rng = np.random.default_rng(seed)
    every = rural_parishes()
    chosen = rural_parishes(parishes)
    totals = Totals().scaled(chosen["population"].sum() / every["population"].sum()) if parishes else Totals()
    assoc = associations(rng, chosen, totals.associations, totals.members_surveyed)
    people = members(rng, assoc, pl.read_parquet(out_dir / "members.parquet"))
    tables = {
        "associations": assoc,
        "member_needs": member_needs(people, pl.read_parquet(out_dir / "member_needs.parquet")),
        "members": people.drop("template_member_id"),
        "aid": aid(rng, assoc, chosen, totals.aid_records),
        "problems": problems(rng, chosen, pl.read_parquet(out_dir / "problems.parquet")),
        "proposals": proposals(rng, assoc, pl.read_parquet(out_dir / "proposals.parquet"), totals.proposals),
    }
    for name, frame in tables.items():
        _write(frame, out_dir / f"{name}.parquet")
    write_rollups(out_dir)
    counts = {name: frame.height for name, frame in tables.items()}
    manifest = {"generator": "core/synth/national.py", "seed": seed, "parishes": chosen.height,
                "rows": counts, "seconds": round(time.perf_counter() - started, 1), "is_synthetic": True}
    (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Genera el conjunto sintético nacional (parroquias rurales).")
    parser.add_argument("--scale", choices=["national"], default="national", help="escala (nacional)")
    parser.add_argument("--out", type=Path, required=True, help="carpeta de salida")
    parser.add_argument("--seed", type=int, default=SEED, help=f"semilla (por defecto {SEED})")
    parser.add_argument("--parishes", type=int, default=None,
                        help="solo las N primeras parroquias rurales por código (muestra para pruebas)")
    args = parser.parse_args(argv)
    if args.out.exists() and not args.out.is_dir():
        print(f"{args.out} es un archivo, no una carpeta: indique una carpeta de salida.", file=sys.stderr)
        return 2
    counts = write(args.out, args.seed, args.parishes)
    print(f"Conjunto sintético nacional escrito en {args.out} (semilla {args.seed}): "
          + ", ".join(f"{name} {rows}" for name, rows in counts.items()))
    return 0
