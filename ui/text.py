"""User-entered text shown as text: proposal titles, names, notes, labels, association names.

Streamlit renders Markdown (and its own directives: `:red[…]`, `:material/…:`, `$…$`) in st.markdown,
st.write of a string, captions, alerts, expander and widget labels, radio options and table cells.
`plain` backslash-escapes every character they give a meaning to, which CommonMark always reads back as
the literal character, breaks bare web and e-mail addresses with an invisible word joiner, and turns line
breaks into spaces, so no user text can open a link, an image, an HTML tag, a colour, a heading or a list. Use it on every piece of user text that reaches one of those
calls; st.dataframe cells and st.selectbox options are plain text already and need it not.
"""

from __future__ import annotations

import re

# Every character Markdown, HTML or Streamlit's directives give a meaning to (':' opens :red[...] and
# :material/...:, '$' LaTeX, '<' '&' HTML); other punctuation (commas, quotes) is left as typed.
_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&^])")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")
# GitHub-flavoured Markdown turns bare addresses into links after escapes are read back («http://…»,
# «www.…», «a@b.c»); an invisible word joiner inside each pattern keeps them plain text.
_AUTOLINKS = re.compile(r"(?i)(?<=:)(?=//)|(?<=\bwww)(?=\.)|(?<=@)")
WORD_JOINER = "\u2060"


def plain(text: object) -> str:
    """`text` with Markdown and HTML made inert: shows exactly the characters typed, on one line."""
    one_line = _LINE_BREAKS.sub(" ", str(text))
    return _PUNCTUATION.sub(r"\\\1", _AUTOLINKS.sub(WORD_JOINER, one_line))


def plain_list(lines: list[str]) -> str:
    """A Markdown bullet list whose items are user (or error) text shown literally."""
    return "\n".join(f"- {plain(line)}" for line in lines)
