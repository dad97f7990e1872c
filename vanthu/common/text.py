"""Vietnamese text helpers: Unicode normalisation and diacritic folding (bỏ dấu) for search and duplicate keys."""

from __future__ import annotations

import unicodedata

# Look-alikes of the Vietnamese đ/Đ (U+0111/U+0110) that real data contains: the Icelandic eth.
_LOOKALIKES = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})
# đ does not decompose under NFD, so it is mapped by hand (with its look-alikes).
_D_TO_ASCII = str.maketrans({"\u0111": "d", "\u0110": "d", "\u00f0": "d", "\u00d0": "d"})


def nfc(s: str) -> str:
    """Unicode NFC form (dạng dựng sẵn) of ``s``: the form every stored Vietnamese string should use."""
    return unicodedata.normalize("NFC", s)


def fix_lookalikes(s: str) -> str:
    """Replace the eth look-alikes Ð (U+00D0) / ð (U+00F0) by the Vietnamese Đ (U+0110) / đ (U+0111)."""
    return s.translate(_LOOKALIKES)


def fold(s: str) -> str:
    """Fold Vietnamese text for search and duplicate keys (bỏ dấu tiếng Việt).

    Accepts NFC or NFD input; removes every tone mark and vowel mark (ă â ê ô ơ ư → a a e o o u),
    maps đ/Đ and the look-alikes ð/Ð to ``d``, lower-cases and collapses runs of whitespace into one
    space (leading/trailing whitespace removed).

    >>> fold("Đảng uỷ")
    'dang uy'
    >>> fold("GIẢI PHÓNG  MẶT BẰNG")
    'giai phong mat bang'
    """
    decomposed = unicodedata.normalize("NFD", s)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.translate(_D_TO_ASCII).lower().split())
