"""What the catalogue writes is drawn on any computer: a board's laptop, offline, may have no emoji font (Debian's
Chromium without fonts-noto-color-emoji draws ✅ and ⬜ as empty boxes, so «done» and «missing» look alike).
Marks come from Streamlit's bundled icon font (`:material/…:`), which works offline."""

from __future__ import annotations

import re

from core.texts import LABELS, STRINGS

# Miscellaneous symbols and dingbats, arrows and geometric shapes drawn as emoji, and the emoji planes
EMOJI = re.compile("[\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff\ufe0f]")


def test_no_catalogue_text_depends_on_an_emoji_font():
    texts = {**STRINGS, **{f"{family}.{code}": text for family, codes in LABELS.items() for code, text in codes.items()}}
    assert {key: text for key, text in texts.items() if EMOJI.search(text)} == {}
