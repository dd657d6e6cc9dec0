"""The uploader's Spanish texts: what it says it takes, and a style that reaches only its own block."""

import re

import pytest

from ui.upload import limits_text, spanish_style


@pytest.mark.parametrize(("types", "max_mb", "expected"), [
    (["xlsx", "csv"], 5, "Hasta 5 MB por archivo · .xlsx o .csv"),
    (["xml"], 200, "Hasta 200 MB por archivo · .xml"),
    (["xlsx", "csv", "ods"], 5, "Hasta 5 MB por archivo · .xlsx, .csv o .ods"),
    ([], 1500, "Hasta 1.500 MB por archivo"),
])
def test_the_limits_read_in_spanish(types, max_mb, expected):
    assert limits_text(types, max_mb) == expected


@pytest.mark.parametrize(("key", "block"), [
    ("prep-upload-asociaciones-0", ".st-key-prep-upload-asociaciones-0"),
    ("coop upload/ñ", ".st-key-coop-upload--"),  # Streamlit turns what is not [a-zA-Z0-9_-] into «-»
])
def test_every_rule_is_scoped_to_the_uploader_block(key, block):
    style = spanish_style(key, ["csv"], 5)
    rules = re.findall(r"([^{}]+)\{[^{}]*\}", style.removeprefix("<style>").removesuffix("</style>"))
    assert len(rules) == 7
    assert all(rule.startswith(block + " ") for rule in rules)


def test_english_texts_are_hidden_and_spanish_drawn_in_their_place():
    style = spanish_style("k", ["xlsx", "csv"], 5)
    assert 'content:"Elegir archivo"' in style
    assert 'content:"Hasta 5 MB por archivo · .xlsx o .csv"' in style
    assert 'content:"Suelte el archivo aquí"' in style
    # the button's word, the limits line, a chosen file's size and the words shown while a file is dragged
    assert style.count("{display:none}") == 4
