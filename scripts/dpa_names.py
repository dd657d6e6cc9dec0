"""Give the DPA lists from ecuador-mcp their accents and INEC's proper case: `python scripts/dpa_names.py`.

ecuador-mcp's lists (data/sources/reference/dpa_ecuador_parroquias.csv, dpa_ecuador_cantones.csv) keep INEC's long
DPA names ("San Simon (Yacoto)") but drop the accents and capitalise every particle ("Santo Domingo De Los
Tsachilas"); a few rows of province 23 were written with accents, so the province had two names, and two cantons
carry a mis-decoded «ñ» ("Logroðo", "Rumiðahui"). This script rewrites the name columns of those lists (and of the
other DPA lists beside them, which the build does not read) in place, keeping every parish's words and changing only
accents, case and stray spaces; a canton or a province takes INEC's 2022 name for its code, in proper case (six
cantons change words: «Distrito Metropolitano de Quito» for "Quito", «Francisco de Orellana», «El Empalme»,
«Alfredo Baquerizo Moreno (Juján)», «Coronel Marcelino Maridueña», «General Antonio Elizalde»; the urban parish
list, from INEC's 2026 classifier, already named Quito's canton so). Cantons and provinces INEC 2022 does not list
keep their words.

- accents: a word that has none takes the accented spelling INEC gives the same word (compared without accents or
  case) in the name of the same code in INEC's 2022 census DPA list (parroquias_dpa_cpv2022.csv); else the one
  ecuador-mcp's urban parish list (INEC's 2026 classifier, written with accents) gives it; else the one INEC 2022's
  or CONALI 2024's names (parroquias_conali2024.geojson) give it. A list that spells a word two ways is not asked
  about it ("Santa Fe", "Santa Fé de Galán"), and words found nowhere stay as they are.
- case: every word capitalised, except the particles «de», «del», «y», «e» and «en» and an article («la», «las»,
  «los») after «de», which INEC writes in lower case inside a name («Santo Domingo de los Tsáchilas», «Jijón y
  Caamaño»). The first word of a name or of a parenthesis keeps its capital («(Cab. en La Capilla de Capiro)»).

Running it again changes nothing. data/sources/reference/SOURCES.md records the result.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "sources" / "reference"
INEC = REFERENCE / "parroquias_dpa_cpv2022.csv"
CONALI = REFERENCE / "parroquias_conali2024.geojson"
PARISHES = REFERENCE / "dpa_ecuador_parroquias.csv"
CANTONS = REFERENCE / "dpa_ecuador_cantones.csv"
URBAN = REFERENCE / "dpa_ecuador_parroquias_urbanas.csv"  # not read by the build; kept consistent
AZUAY_CANAR = REFERENCE / "dpa_azuay_canar_parroquias.csv"  # idem
CUENCA_AZOGUES = REFERENCE / "parroquias_cuenca_azogues.csv"  # only its DPA name columns

LOWER = {"de", "del", "y", "e", "en"}
ARTICLES_AFTER_DE = {"la", "las", "los"}
WORD = re.compile(r"[^\W\d_]+")
MISDECODED = {"ð": "ñ", "Ð": "Ñ"}  # ecuador-mcp's canton list: «Logroðo», «Rumiðahui»


def fold(word: str) -> str:
    """A word without accents or case, for comparing spellings («Tulcán», «TULCAN» → «TULCAN»); «ñ» stays."""
    decomposed = unicodedata.normalize("NFD", word.upper())
    kept = "".join(c for c in decomposed if unicodedata.category(c) != "Mn" or c == "\u0303")
    return unicodedata.normalize("NFC", kept)


def spellings(names: list[str]) -> dict[str, str]:
    """Folded word → its only spelling (upper case) in `names`; words spelled two ways are left out."""
    seen: dict[str, set[str]] = defaultdict(set)
    for name in names:
        for word in WORD.findall(name or ""):
            seen[fold(word)].add(word.upper())
    return {key: next(iter(forms)) for key, forms in seen.items() if len(forms) == 1}


def tidy(name: str) -> str:
    """Mis-decoded letters fixed, runs of spaces made one, no space just inside a parenthesis."""
    for wrong, right in MISDECODED.items():
        name = name.replace(wrong, right)
    name = re.sub(r"\s+", " ", name).strip()
    return re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", name))


def has_accent(word: str) -> bool:
    return fold(word) != word.upper()


def accented(name: str, official: str | None, elsewhere: list[dict[str, str]]) -> str:
    """`name` with each word accented as INEC spells it for the same code (`official`), else as the first of
    `elsewhere` that spells it with an accent; an accent the name already has stays."""
    own = spellings([official]) if official else {}

    def spell(match: re.Match) -> str:
        word = match.group(0)
        if has_accent(word):
            return word
        for spelled in (own, *elsewhere):
            form = spelled.get(fold(word))
            if form and has_accent(form):
                return form
        return word

    return WORD.sub(spell, name)


def proper_case(name: str) -> str:
    """INEC's proper case: words capitalised, particles inside a name in lower case (see the module's notes)."""
    tokens = re.split(r"(\s+|[()\-])", name)
    out: list[str] = []
    previous = ""  # the previous word, lower case; "" at the start of the name or of a parenthesis
    for token in tokens:
        if not token or token.isspace() or token in "()-":
            out.append(token)
            if token == "(":
                previous = ""
            continue
        lower = token.lower()
        inside = previous != ""
        if inside and (lower in LOWER or (lower in ARTICLES_AFTER_DE and previous == "de")):
            out.append(lower)
        else:
            out.append(token[:1].upper() + token[1:].lower())
        previous = lower
    return "".join(out)


def official_name(name: str, official: str | None, elsewhere: list[dict[str, str]], *, own_words: bool) -> str:
    """The name in INEC's spelling; a canton or a province (`own_words=False`) takes INEC's 2022 name outright
    where INEC has its code, a parish keeps its own words (its long DPA name)."""
    base = name if own_words or not official else official
    return proper_case(accented(tidy(base), official, elsewhere))


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def inec_names() -> tuple[dict[str, dict[str, str]], list[dict[str, str]]]:
    """INEC's 2022 names by code (parish, canton, province), and the spellings of words found elsewhere: INEC's
    2026 urban parish list first (proper case, the accents kept), then INEC 2022's and CONALI 2024's names."""
    rows = read_rows(INEC)
    by_code: dict[str, dict[str, str]] = {"parish": {}, "canton": {}, "province": {}}
    for row in rows:
        by_code["parish"][row["dpa_parroquia"]] = row["parroquia"]
        by_code["canton"][row["dpa_canton"]] = row["canton"]
        by_code["province"][row["dpa_provincia"]] = row["provincia"]
    urban = [row[key] for row in read_rows(URBAN) for key in ("parroquia_urbana", "cabecera")]
    features = json.loads(CONALI.read_text(encoding="utf-8"))["features"]
    conali = [f["properties"].get(key) for f in features for key in ("nombre_conali", "parroquia", "canton")]
    names = [row[key] for row in rows for key in ("parroquia", "canton", "provincia")]
    return by_code, [spellings(urban), spellings(names + [n for n in conali if n])]


def rewrite(path: Path, columns: dict[str, tuple[str, str]], by_code, elsewhere) -> int:
    """Rewrite the name columns of a CSV (name column → (code column, level)); returns the names changed."""
    with path.open(encoding="utf-8", newline="") as handle:
        ending = "\r\n" if handle.readline().endswith("\r\n") else "\n"  # the file keeps its line endings
        handle.seek(0)
        reader = csv.DictReader(handle)
        header, rows = reader.fieldnames, list(reader)
    changed = 0
    for row in rows:
        for column, (code_column, level) in columns.items():
            new = official_name(row[column], by_code[level].get(row[code_column]), elsewhere,
                                own_words=level == "parish")
            changed += new != row[column]
            row[column] = new
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator=ending)
        writer.writeheader()
        writer.writerows(rows)
    return changed


def main() -> None:
    by_code, elsewhere = inec_names()
    province = ("codigo_provincia", "province")
    canton = ("codigo_canton", "canton")
    parish = {"parroquia": ("codigo_parroquia", "parish"), "canton": canton, "provincia": province}
    files = {
        PARISHES: parish,
        AZUAY_CANAR: parish,
        CANTONS: {"canton": canton, "provincia": province},
        URBAN: {"parroquia_urbana": ("codigo_parroquia_urbana", "parish"), "cabecera": ("codigo_cabecera", "parish"),
                "canton": canton, "provincia": province},
        CUENCA_AZOGUES: {"parroquia_dpa": ("codigo_parroquia", "parish"), "canton": canton, "provincia": province},
    }
    for path, columns in files.items():
        print(f"{path.name}: {rewrite(path, columns, by_code, elsewhere)} names changed")


if __name__ == "__main__":
    main()
