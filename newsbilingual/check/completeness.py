"""Completeness of a translation: the source copied unchanged, or a length far out of proportion.

A Chinese translation has about 0.23 characters per character of its English source (one Han
character carries what four Latin letters and spaces do; measured on the bundled story: 0.232
in Simplified, 0.235 in its Traditional edition); a translation far shorter has
usually dropped a sentence, one far longer has added one.
"""

from __future__ import annotations

import re

from .typography import HAN

_HAN = re.compile(f"[{HAN}]")
_LETTER = re.compile(r"[A-Za-z]")
# Expected length of a translation per character of its source, by (source, target) script,
# and how far a translation may stray from it before it is reported (factor either way).
_EXPECTED = {(True, False): 4.3, (False, True): 0.23}
_TOLERANCE = 2.2
_MIN_SOURCE = 100  # in English characters: shorter texts (names, headlines) vary too much to judge


def _chinese(text: str) -> bool:
    return len(_HAN.findall(text)) > len(_LETTER.findall(text))


def length_problem(source: str, target: str) -> str | None:
    """Why the length of ``target`` looks like a dropped or added sentence, or None."""
    scripts = (_chinese(source), _chinese(target))
    if len(source) * (_EXPECTED[True, False] if scripts[0] else 1) < _MIN_SOURCE or not target:
        return None
    expected = _EXPECTED.get(scripts, 1.0) * len(source)
    ratio = len(target) / expected
    if ratio < 1 / _TOLERANCE:
        return f"translation is {len(target)} characters, {ratio:.0%} of the {expected:.0f} expected: dropped text?"
    if ratio > _TOLERANCE:
        return f"translation is {len(target)} characters, {ratio:.1f} times the {expected:.0f} expected: added text?"
    return None


def is_copied(source: str, target: str) -> bool:
    """The translation is the source itself, and the source has words to translate."""
    return target.strip() == source.strip() and bool(_LETTER.search(source) or _HAN.search(source))
