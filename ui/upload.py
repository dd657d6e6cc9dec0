"""A file uploader that reads in Spanish.

Streamlit draws its uploader's button («Upload»), its limits («5MB per file • CSV, XLSX»), a chosen file's size
(«1.2KB») and what it says while a file is dragged over it («Drag and drop a file here») in English, with no
setting to change them. Each uploader drawn here carries a style, scoped to its key (Streamlit gives the widget's
block the class `st-key-<key>`), that hides those texts and draws Spanish ones from the catalogue in their place.
The label keeps saying what the file is for."""

from __future__ import annotations

import re
from collections.abc import Sequence

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from core.fmt import number
from core.texts import t

DRAG_OVERLAY = '[data-testid="stFileUploaderDropzone"] > input + div:not(:has([data-testid]))'


def _css_string(text: str) -> str:
    """`text` as a CSS string literal (the catalogue's Spanish, never user text)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _block(key: str) -> str:
    """The class Streamlit gives the block of the widget with this key."""
    return ".st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip())


def limits_text(types: Sequence[str], max_mb: int) -> str:
    """«Hasta 5 MB por archivo · .xlsx o .csv»: what the uploader takes, in Spanish, the types written as the
    labels write them (file extensions)."""
    names = [f".{kind.lower()}" for kind in types]
    if not names:
        return t("upload.limits_any", limit=number(max_mb))
    kinds = names[0] if len(names) == 1 else t("upload.either", first=", ".join(names[:-1]), last=names[-1])
    return t("upload.limits", limit=number(max_mb), kinds=kinds)


def spanish_style(key: str, types: Sequence[str], max_mb: int) -> str:
    """The style that replaces the English texts of the uploader with this key."""
    block = _block(key)
    return (
        "<style>"
        f'{block} [data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p'
        "{display:none}"
        f'{block} [data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after'
        f"{{content:{_css_string(t('upload.button'))}}}"
        f'{block} [data-testid="stFileUploaderDropzoneInstructions"] span{{display:none}}'
        f'{block} [data-testid="stFileUploaderDropzoneInstructions"] > div::after'
        f"{{content:{_css_string(limits_text(types, max_mb))};font-size:0.875rem}}"
        f'{block} [data-testid="stFileChipName"] + div{{display:none}}'
        # while a file is dragged over it: the overlay after the file input (the file list, there otherwise,
        # holds elements with test ids; the overlay does not)
        f"{block} {DRAG_OVERLAY} > span{{display:none}}"
        f"{block} {DRAG_OVERLAY}::after{{content:{_css_string(t('upload.drop'))}}}"
        "</style>"
    )


def file_uploader(label: str, *, key: str, types: Sequence[str], max_mb: int, restrict: bool = True,
                  **options: object) -> UploadedFile | None:
    """st.file_uploader for one file of `types` up to `max_mb` megabytes, its texts in Spanish. With `restrict`
    off, the types are only said, and any file reaches the page (whose reader refuses the others in Spanish)."""
    st.html(spanish_style(key, types, max_mb))
    return st.file_uploader(label, type=list(types) if restrict else None, key=key, max_upload_size=max_mb,
                            **options)
