"""Write PO files byte for byte the way GNU gettext 0.21 (``msgcat``, ``msgmerge``) writes them.

Why: translators' tools re-save catalogs in GNU layout (Poedit wraps at 79 columns; Weblate uses
translate-toolkit, which follows GNU). If we wrote another layout, every save would rewrite
entries nobody touched and every diff would be noise. polib cannot write GNU layout: it wraps
with ``textwrap`` (breaks only at whitespace, counts a CJK character as one column, ignores
``#, no-wrap``). A file written here is left byte-for-byte unchanged by ``msgcat FILE``.

How GNU lays out a string (``wrap()`` in gettext-tools/src/write-po.c, ported here):

* The string is split after each ``\\n``. If there is more than one such portion, or the first
  does not fit, ``msgid ""`` is written first and the text starts on the next line.
* Escapes: ``\\a \\b \\f \\n \\r \\t \\v \\\\ \\"``; every other character is written as is (UTF-8).
* Each portion is broken with libunistring's ``ulc_width_linebreaks`` (UAX #14 line breaking)
  so that a line, counting the ``#~ ``/``#| `` prefix, the keyword and the quotes, is at most
  ``width`` (79) display columns; a piece with no break opportunity overflows. East Asian
  Wide/Fullwidth characters count 2 columns, combining marks and controls 0. A line may break
  between two CJK characters, after a space (never before one), after ``-`` or ``/`` before a
  letter, around CJK punctuation by its class (not before ``，。”）``, not after ``“（``); never
  inside an escape sequence or just before a final ``\\n``.
* With a ``c-format``, ``objc-format`` or ``python-format`` flag, no break inside a directive
  (``% d``, ``%-s``, ``%(a b)s``). For ``python-brace-format`` gettext 0.21 has a bug (it marks
  each directive at the *start of the string* instead of where it is), reproduced here.
* ``#, no-wrap`` strings are split after ``\\n`` only.
* ``#`` and ``#.`` comments are written line by line, never re-wrapped. A comment line ending in
  a backslash gets a trailing space: GNU's reader would otherwise join it with the next line.
* ``#:`` references are written as GNU reads them back (``./`` dropped, exact duplicates dropped,
  line numbers as integers, ``file :12`` is one reference) and wrapped at ``width`` counted in
  bytes, as GNU does.
* Flags as GNU normalises them: ``fuzzy`` (dropped when the msgstr is empty), the ``*-format``
  flags gettext 0.21 knows, in its order, ``range: a..b`` (not on obsolete entries),
  ``no-wrap``. **Flags gettext does not know (``max-length:80``, ``c++-format``...) are
  dropped**, exactly as ``msgcat`` drops them, with one deliberate exception: a translator's
  ``ignore-<check>`` exceptions (``#, ignore-figures``, the form Weblate reads) are kept, after
  the GNU flags, so that ``update`` never loses them (see docs/translators-guide.md).
* Obsolete entries come after all others, with ``#~ `` (``#~| `` for the previous strings).
  **An obsolete entry whose msgstr is empty is not written**, as GNU does not write it.
* The header entry comes first: ``POFile.header`` as ``#`` lines, ``#, fuzzy`` if
  ``metadata_is_fuzzy``, and the metadata in the dict's insertion order (the order polib read
  it in; polib's own writer re-sorts it).

The line-break classes and character widths are those of libunistring 1.0 (Unicode 14.0), which
Debian 12's gettext 0.21 uses. They are embedded below, so no C library is needed;
tests/test_powrap.py checks them against libunistring for every code point.

Known deviations from ``msgcat`` (gettext 0.21 with libunistring 1.0):

* Directives of format languages other than C, Objective C, Python and Python brace are not
  recognised. If an entry's first format flag (in gettext's order) is e.g. ``java-format``, a
  line can break inside such a directive where GNU would not. This needs a directive that
  contains a break opportunity (a space, a ``-`` before a letter, ...).
* Other builds of gettext break some lines differently (libunistring 1.2 changed the rules for
  quotation marks next to CJK text, for instance), and no tool matches all builds at once.
* Output is always UTF-8. A header declaring another charset is written as is, so only ASCII
  catalogs are consistent then.
* A ``#`` comment line of the exact Solaris form ``File: name, line: 12`` is read by GNU as a
  reference, and a ``#:`` file name ending in a backslash cannot be written so that GNU reads it
  back unchanged.
* polib's own parser cannot read back all of GNU's format (it drops ``#~|`` lines and lone
  ``#``/``#.`` lines, strips trailing blanks of comment lines, reads ``\\a`` as two characters);
  the library reads catalogs with :mod:`newsbilingual.catalog.poread`, which reads all of it.
"""

from __future__ import annotations

import bisect
import itertools
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import polib

from ..atomic import write_bytes_atomic

__all__ = ["encode_pofile", "format_pofile", "wrap_po_string", "write_pofile"]

# --------------------------------------------------------------------------------------------
# Unicode data: libunistring 1.0 line-break classes and uc_width() values, for every code point.
#
# Encoding: a sequence of runs, each ``<base-36 distance from the previous run's start><symbol>``.
# The line-break classes are libunistring's after its own tailoring (AI, SA, XX -> AL; CB -> ID;
# CJ -> NS; NL, LF, CR -> BK; opening punctuation that is East Asian Wide gets its own class OPEA
# because UAX #14 rule LB30 treats it differently). Hangul syllables are stored as H3 and the
# LV syllables (every 28th) are set to H2 when decoding. Widths: A = 0 (non-spacing, control),
# B = 1, C = 2. tests/test_powrap.py re-derives both tables from the system's libunistring.
# --------------------------------------------------------------------------------------------

_LB_NAMES = (  # noqa: SIM905 - the order is the table's
    "WJ GL B2 BA BB HY CL CP EX IN NS OP OPEA QU IS NU PO PR SY AL H2 H3 ID JL JV JT HL RI EB EM SP ZW CM ZWJ BK"
).split()
_LB_SYMBOLS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&*+=?"

_LB_DATA = (
    "0+9D1?4+i&1I1N1T1R1Q1T1N1L1H1T1R1O1F1O1S1PaO2T3I1TrL1R1H1TtL1D1G1T1+6?1+qB1L"
    "1Q1R3T5N1T1D1T2Q1R1T2E1T6N1T3L1TegE1T3E1TiE1Tw+27B1+cB7+dTeO1T78+7T73O1D1T4R"
    "1T1+19D1+1T1+2T1+2I1+1T8!rT4!4TmQ3O2T2+bI1+1I3T17+lPaQ1P2T3+1T2rI1T1+7T2+6T2"
    "+2T1+4T2PaTn+1Tu+rT2j+bTfPaTx+9T4O1I1T3+1R2Tm+4T1+9T1+3T1+5T17+3T1o+8T16+oT1"
    "+xT1i+3T1+iT1+7Ta+2D2PaTh+3T1k+1T1+7T2+2T2+3T9+1Ta+2T2PaT2Q2T5Q1T1R1T2+1T2+3"
    "T1k+1T1+5T4+2T2+3T3+1TkPa+2T3+1Tb+3T1k+1T1+8T1+3T1+3Tk+2T2PaT1R1T8+6T1+3T1k+"
    "1T1+7T2+2T2+3T7+3Ta+2T2PaTi+1T1n+5T3+3T1+4T9+1TePaT9R1T6+5T1j+1T1+7T1+3T1+4T"
    "7+2Tb+2T2PaT7E1T9+3E1T1j+1T1+7T1+3T1+4T7+2Tb+2T2PaTg+4T1j+2T1+7T1+3T1+4T9+1T"
    "a+2T2PaT9Q1T7+3T1y+1T4+6T1+1T1+8T6PaT2+2T23R1TgPaD2T38PaT13E4T1E2B1E2D1B1I5B"
    "1T1I1T3+2T6PaTaD1+1T1+1T1+1L1G1L1G1+2T1d+eD1+5D1+2T5+bT1+10T1D2T6+1T9E2D1E1T"
    "5B2T2tPaD2T1wPaT2uX2oY20Z2gT9p+3T1D1T4eD1ThrD1TqL1G1T26D3T10+4Ts+3D2Tr+2Tu+2"
    "T2oD2K1T1D1T1D1R1T4PaToI2D2E1T1I2T1+3B1+1PaT2z+2Ty+1T3a+cT4+cT8I2PaT3kPaT1p+"
    "5T2r+1PaT6PaTm+vT1d+5T1b+hTbPaD2T1D4Ta+9T9D2T1+3Tu+dT2PaT18+eT1c+kT3D5PaT6Pa"
    "T10D2T28+3T1+lT4+1T6+1T2+3T5i+1sTe5E1T2D7B1D3*1+1=1+2D1B1D2C1T3N2L1N3L1N1T4J"
    "3D1?2+5B1Q8T1N2T1K2T6O1L1G1K3TcD1T1D4T1D3A1T5+aTdL1G1TeL1G1ThR7Q1ReQ1R4Q1R2Q"
    "1R1Q1Rf+xTiQ1T5Q1TcR1T6zR2T63J1ToL1G1L1G1TeW2TdM1G1T5hW4TekW4TgW2T2W1T1W3$1W"
    "2TpW3T18W1TmW1T1pWcT4W1T1W3T1W2T3W2T2W1T2W3T8W1T6W5T1W2$1W1T2W8T3W2$4T25N6T1"
    "I2W1T3L1G1L1G1L1G1L1G1L1G1L1G1L1G1T27L1G1TvL1G1L1G1L1G1L1G1L1G1Tb7L1G1L1G1L1"
    "G1L1G1L1G1L1G1L1G1L1G1L1G1L1G1L1G1T1rL1G1L1G1TwL1G1Tkx+3T7I1D3T1I1D1T34D1Te+"
    "1T2o+wNeD8T1D1L1D1T2N2T2N2L1G1L1G1L1G1L1G1D4I1T1D2T1D2T5C2D3T1D2L1D8T1D1T1D2"
    "T3I2L1G1L1G1L1G1L1G1D1TyWqT1W2hTcW5yTqWcT4D1G2W2K1W2M1G1M1G1M1G1M1G1M1G1W2M1"
    "G1M1G1M1G1M1G1K1M1G2Wa+6W5+1W5K2W3T1K1W1K1W1K1W1K1W1K1WpK1WvK1W1K1W1K1W6K1W6"
    "K2T2+2K4W1K2W1K1W1K1W1K1W1K1WpK1WvK1W1K1W1K1W6K1W6K2W4K4W1T5W17T1W2mT1W2cTcK"
    "gWvT1W14T8W5f4T1sWg7pK1WvrT3W1jT1jD2T7hD1I1D1TgPaT1x+4T1+aTw+2T28+2T1D5T7e+1"
    "T3+1T4+1Tn+5T4+1TbQ1T1nE2I2T8+2T1e+iT8D2PaT6+iTaE1T2+1PaTs+8D2Tn+dTcXtT3+4T1"
    "b+eT6D3T6PaTmPaT1b+eTc+1T8+2T2PaT3D3T3v+5D2T3+2T6k+8D1+2T2PaT6V8mcTcYnT4Z1dT"
    "6isWe8Tt!1+1!aT1!dT1!5T1!1T1!2T1!2T1!aTdqG1L1T58Q1T3+gO1G2O2I2M1G1J1T6+gW5M1"
    "G1M1G1M1G1M1G1M1G1M1G1M1G1M1G1W2M1G1W7G1W1G1T1K2I2W1M1G1M1G1M1G1W8T1W1R1Q1W1"
    "T43A1T1I1W2R1Q1W2M1G1W2G1W1G1WbK2W3I1WrM1W1G1WtM1W1G1W1M1G2M1G2K1W1KaW19K2Wv"
    "T3W6T2W6T2W6T2W3T3Q1R1W3R2Ti+3W1T77D3T6y+1T6a+1T45+5T10D1T1cD1T5rPaTq5D1T5jD"
    "1T69+3T1+2T5+4T14+3T4+1TgD8T3x+2T9D6J1T1uD7Tdg+4T8PaTa9+2D1T48+bT1d+4T3e+3T1"
    "h+fD2TtPa+1T2+2Ta+4T19+bT3D4+1T19PaT6+3T10+eT1PaD4T1+2T18+1T1E1Ta+3T1c+eT4D2"
    "T1D1+4T1+2PaT1E1T1D3T24+cD2T1D2T1+1T2yD1T1h+cT5PaT6+4T1j+2T1+7T2+2T2+3T9+1Ta"
    "+2T2+7T3+5T5c+iT4D4T1PaD2T2+1T29+kTcPaT5x+7T2+9E1D2I2T3DfT4+2T2a+hD2TdPaT6Ed"
    "T1q+dT8PaT2uPaT2D3T6l+fT4lPaT1y+6T1+2T2+4T1+1T1+2D3T9PaT3b+7T2+7T1E1T1+1Ts+a"
    "T14+7T1+4E1T1D4E1T1+1T9+bT1a+gD3T1E3D2Tb0+8T1+8T1D5TaPaTmE1I1Tw+mT1+eT3e+6T3"
    "+1T1+2T1+7T1+1T8PaT1c+5T1+2T1+5T8PaT95+4T6eQ4TuD1TvkD5T2qrL3G3T10G1T3L1G1L1G"
    "1T6nL1G2T50B7L1G1T3h1L1G1T780PaT4D2T28PaT12+5D1T1m+7D3TaD1TbPaTn1D2T52+1T1+1"
    "jT7+4T25K4B1Tb+2TeW4qgT8WlcTe8W9T6wnW83T19K3ThK4T8Wb0T1wh+2D1+4T3mk+1aT2+nTf"
    "2+5T3+mT2+7Tu+4T44+3T13dP1eTe8+1jT4+1eT8+1Te+1T2D4Tg+5T1+fT11s+7T1+hT2+7T1+2"
    "T1+5T79+7T9PaT9w+1T1p+4PaT5R1T15c+7T31+7T5PaT4L2TngQ1T3Q1TnjW18$4W2s$cWf$2Wf"
    "$1Wf$1W11$aTdW3T2lW3T1pW1$1k#qW3$dW18$4W9$7W2$eW6$4aW3p$1WmT2WnT2W5T1W5$3W2$"
    "1W2$3W1a%5W1u$2W2$bWl$jW3$1W4$3W1$3W7$1W1$1WeT1W1T1W1T1W5$1W4T1W1T2W25T7WgTe"
    "WdToW16$2W4$1Wl$1W4$2W1pT8WoT6W23$3W3$5T12N3K3T4Wz$1Wg$3W9$1Wb$1Wb$5Wg$3Wd$3"
    "T38$cT2dW4$7Wc$4W1$fTc$4T1k$8Ta$6T14$8Tu$2W2$26Tc$1W2$1W8$8W6$1W9$aW2$3W1k$1"
    "W1p$2W1$2W1$1Wh$3W1$dWyT2c$cWe$2W5$3W5$3W7$9Wt$3Wb$5W3$dWa$6W8$oT6oPaT6$seT2"
    "W1ekeT2W1ekeTe1oj+1Tu+2oT3k+6oT"
)
_WIDTH_DATA = (
    "0AwB2nAxBdA1BgiA34B7nA7B7bA19B1A1B1A2B1A2B1A1B1kA6BaAbB1A1B1aAlBgA1B2tA8B1A6"
    "B2A2B1A4BxA1B1A1BuArB2jAbB1mA9B9A1BoA4B1A9B1A3B1A5B17A3B1gA2B6A8B16A1lB1jA1B"
    "1A1B4A8B4A1B3A7BaA2BtA1B1mA1B4A4B8A1BkA2BqA1B2A2B1lA1B4A2B4A2B2A3B3A1BuA2B3A"
    "1BbA2B1lA1B4A5B1A2B4A1BkA2BmA6B1A1B1mA1B2A1B1A4B8A1B7A2BbA2BuA1B1pA1BcA1B1eA"
    "1B3A1B1jA1B1A3B5A3B1A4B7A2BbA2BtA1B1mA1BfA2BkA2BsA2B1lA2B4A4B8A1BkA2BtA1B20A"
    "1B7A3B1A1B2iA1B2A7BcA8B2qA1B2A9BbA6B22A2BrA1B1A1B1A1B1jAeB1A5B1A2B5AbB1A10B9"
    "A1B2uA4B1A6B1A2B2A2BpA2B4A3BgA4BdA1B2A2B6A1BfA1B2qC2oA4gB9pA3BqaA3BtA2BuA2Bu"
    "A2B1sA2B1A7B8A1B2AbB9A1B19A5B39A2ByA1B3aA3B4A2B9A1B6A3B63A2B2A1B1mA1B1A7B1A1"
    "B1A1B2A8B6AaB2A1B1cAvB1dA4B1cA1B1A5B1A1B5A1B14A9BcA2BwA4B2A2B1A3B1kA1B1A2B3A"
    "1B1A3B1mA8B2A2B48A3B1AdB1A7B4A1B6A1B3A2B5iA1sBejA5BqA5B1dA5B1AaB2oAxBfdC2BdC"
    "2B5aC4B3C1B2C1BehC2BlC2B1eCcB17C1BjC1BdC1B8C2BhC2B5C2B8C1B5C1BlC1B7C2B1C1B4C"
    "1B2C1B7C1B4C2BsC1BzC1B1C1B4C3B1C1B1pC3BoC1BeC1BnvC2B1fC1B4C1BbdA3B3xA1B2oAwB"
    "3kCbuA4ChB1C2hA2CbxB8C5f4B1sCh5cBbjA4B1AaBwA2B28A2B7kA1B3A1B4A1BpA2B5A1B47A2"
    "BqAiBdA1B12A8BpAbBeCtB3A3B1cA1B2A4B2A2B13A1B1vA6B2A2B2A2BcA1B8A1B1bA1B1fA1B1"
    "A3B2A2B5A2B1A1B16A2B8A1B6mA1B2A1B4A1BiC8mcBcAnB4A1dB6isCe8BuA1BkhAgCgAgC1sB3"
    "zA1C2pB3jC7BiA3Be9A1B6aA1B45A5B1aeA3B1A2B5A4B14A3B4A1B4lA2BfxA4BarA2B49AbB1d"
    "A4B3fA1B1iAfB15A1B2A2BaA3B1dA4B2A2B2A1B4A1BaA1B1eA3B10A5B1A8B1qA1BcA2B1gA9Ba"
    "A4B2A1B2nA3B2A1B1A2B6A1B4gA1B3A8BlA2B1lA2B3A1B11A7B3A5B5fA8B2A3B1A1BnA1B2cA6"
    "B1A1B4A2B1A2B6mA4B6A2B1A2BrA2B2dA8B2A1B1A2B2yA1B1A1B2A6B1A1B2tA3B2A4B1A5B77A"
    "9B1A2B74A2B1A1B4A1B40A4B2A2B4A1BwA6B2A2B14A6B2A4B8A1B9A6B2A3B1aAdB1A2BbaA7B1"
    "A6B2cAmB2A7B1A2B1A2B3eA6B3A1B1A2B1A7B1A1B20A2B3A1B1A1B9nA2B46zA9Bat3A5B1nA7B"
    "t4A1B1rA4B25C4A1BbC2BeC4qgB8CyeB16C9B6w7C4B1C7B1C2B1C83B19C3BhC4B8Cb0B1whA2B"
    "1A4B3mkA1aB2AnBf4A3B9AgB2A7BuA4B44A3B1izA1jB4A1eB8A1BeA1BmA5B1AfB11sA7B1AhB2"
    "A7B1A2B1A5B79A7BafA1B1pA4B15sA7B31A7B1btC1B5mC1B5aC1B2CaB2tC81BcC9B1C1yB1CmB"
    "cC17B4C5BcChB3C1B3C1zB1C1B1C57B2C1rBdC4B1CoBiC1BqC2BdC1B2eC2dB1cC1yB6C1B3C3B"
    "2C3B5C3BbC2B7C9B6bCcB4C1B7vC1bB1CaB1C55B34C5B3C5B3C7B9CtB3CbB5C6BaCaB6C8B8C7"
    "BztC2t4wBe1ohA1BuA2oB3kA6oB"
)

# Pair table (UAX #14 table 2 as libunistring 1.0 implements it) for the first 30 classes:
# row = class before the break, column = class after it. D = break allowed, I = break allowed
# only if spaces intervene, P = prohibited.
_PAIR_ROWS = (
    "PIIIIIPPPIIIIIPIIIPIIIIIIIIIII",  # WJ
    "PIIIIIPPPIIIIIPIIIPIIIIIIIIIII",  # GL
    "PIPIDIPPPIIDDIPDDDPDDDDDDDDDDD",  # B2
    "PDDIDIPPPIIDDIPDDDPDDDDDDDDDDD",  # BA
    "PIIIIIPPPIIIIIPIIIPIIIIIIIIIII",  # BB
    "PDDIDIPPPIIDDIPIDDPDDDDDDDDDDD",  # HY
    "PIDIDIPPPIPDDIPDIIPDDDDDDDDDDD",  # CL
    "PIDIDIPPPIIDDIPIIIPIDDDDDDIDDD",  # CP
    "PIDIDIPPPIIDDIPDDDPDDDDDDDDDDD",  # EX
    "PIDIDIPPPIIDDIPDDDPDDDDDDDDDDD",  # IN
    "PIDIDIPPPIIDDIPDDDPDDDDDDDDDDD",  # NS
    "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",  # OP
    "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",  # OPEA
    "PIIIIIPPPIIPPIPIIIPIIIIIIIIIII",  # QU
    "PIDIDIPPPIIDDIPIDDPDDDDDDDDDDD",  # IS
    "PIDIDIPPPIIIDIPIIIPIDDDDDDIDDD",  # NU
    "PIDIDIPPPIIIIIPIDDPIDDDDDDIDDD",  # PO
    "PIDIDIPPPIIIIIPIDDPIIIIIIIIDII",  # PR
    "PIDIDIPPPIIDDIPIDDPDDDDDDDIDDD",  # SY
    "PIDIDIPPPIIIDIPIIIPIDDDDDDIDDD",  # AL
    "PIDIDIPPPIIDDIPDIDPDDDDDIIDDDD",  # H2
    "PIDIDIPPPIIDDIPDIDPDDDDDDIDDDD",  # H3
    "PIDIDIPPPIIDDIPDIDPDDDDDDDDDDD",  # ID
    "PIDIDIPPPIIDDIPDIDPDIIDIIDDDDD",  # JL
    "PIDIDIPPPIIDDIPDIDPDDDDDIIDDDD",  # JV
    "PIDIDIPPPIIDDIPDIDPDDDDDDIDDDD",  # JT
    "PIDIDIPPPIIIDIPIIIPIDDDDDDIDDD",  # HL
    "PIDIDIPPPIIDDIPDDDPDDDDDDDDIDD",  # RI
    "PIDIDIPPPIIDDIPDIDPDDDDDDDDDDI",  # EB
    "PIDIDIPPPIIDDIPDIDPDDDDDDDDDDD",  # EM
)

_HY, _BA, _AL, _HL, _RI = (_LB_NAMES.index(n) for n in ("HY", "BA", "AL", "HL", "RI"))
_SP, _ZW, _CM, _ZWJ, _BK = (_LB_NAMES.index(n) for n in ("SP", "ZW", "CM", "ZWJ", "BK"))
_HL_BA = -1  # pseudo class: a Hebrew letter followed by a hyphen or break-after (rule LB21a)

# Break values, as in libunistring's unilbrk.h.
_UNDEFINED, _PROHIBITED, _POSSIBLE, _MANDATORY = 0, 1, 2, 3

_NPAIR = len(_PAIR_ROWS)
_tables: tuple[bytes, bytes, tuple[int, ...]] | None = None


def _decode_runs(data: str, symbols: str) -> bytearray:
    """Expand the run-length encoded table into one byte per code point."""
    table = bytearray(0x110000)
    runs = [(int(delta, 36), symbols.index(sym)) for delta, sym in re.findall(r"([0-9a-z]+)(.)", data)]
    start = 0
    for i, (delta, value) in enumerate(runs):
        start += delta
        end = start + runs[i + 1][0] if i + 1 < len(runs) else 0x110000
        table[start:end] = bytes((value,)) * (end - start)
    return table


def _get_tables() -> tuple[bytes, bytes, tuple[int, ...]]:
    """Line-break classes, widths and the pair table, decoded on first use (about 2 MB)."""
    global _tables
    if _tables is None:
        classes = _decode_runs(_LB_DATA, _LB_SYMBOLS)
        h2 = _LB_NAMES.index("H2")
        for cp in range(0xAC00, 0xD7A4, 28):
            classes[cp] = h2
        widths = _decode_runs(_WIDTH_DATA, "ABC")
        pairs = tuple("DIP".index(c) for row in _PAIR_ROWS for c in row)
        _tables = (bytes(classes), bytes(widths), pairs)
    return _tables


# The fast path of ``_line_breaks``: runs of "simple" classes, whose break opportunities a regex
# finds. In such a run (and entered from such a class), the state machine reduces to the pair
# table: before a character of class b, a break is possible if rule(a, b) is D, a being the
# class of the previous character, or if a space precedes and rule(a, b) is not P, a being the
# last class that is not a space. The classes are chosen so that, for every b, rule(a, b) != P
# is the same for all simple classes a: after a space, whether there is an opportunity depends
# on b only, and a regex looking one character back finds all opportunities (checked when the
# regexes are built below). The special classes (BK, ZW, CM, ZWJ, RI, HL and the rest) stay
# outside: the per-character loop handles them, and a run can stop anywhere, since that loop
# is exact: the fast path only skips work, it never decides anything the loop would not.
# Example: in "said, the" (AL AL AL AL IS SP AL AL AL) the only opportunity is before "the".
_SIMPLE_CLASSES = "AL ID NU IS HY QU CP EX CL PO PR SY BA BB GL IN JL H2 H3".split()  # noqa: SIM905


def _simple_run_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Regexes over a class string: a run of simple classes and spaces; a character followed by
    a break opportunity (``end()`` is the opportunity); the same over the reversed string."""
    simple = [_LB_NAMES.index(name) for name in _SIMPLE_CLASSES]

    def chars(classes: Iterable[int]) -> str:
        return "".join(re.escape(chr(c)) for c in classes)

    after_space = []
    for b in simple:
        allowed = {_PAIR_ROWS[a][b] != "P" for a in simple}
        assert len(allowed) == 1, f"{_LB_NAMES[b]} is not a simple class"
        if allowed == {True}:
            after_space.append(b)
    forward = [f"{chars([_SP])}(?=[{chars(after_space)}])"]
    backward = [f"[{chars(after_space)}](?={chars([_SP])})"]
    for a in simple:
        direct = [b for b in simple if _PAIR_ROWS[a][b] == "D"]
        if direct:
            forward.append(f"{chars([a])}(?=[{chars(direct)}])")
            backward.append(f"[{chars(direct)}](?={chars([a])})")
    run = re.compile(f"[{chars([*simple, _SP])}]+")
    return run, re.compile("|".join(forward)), re.compile("|".join(backward))


_SIMPLE_RUN, _BEFORE_OPPORTUNITY, _OPPORTUNITY_REVERSED = _simple_run_patterns()
_SIMPLE = frozenset(_LB_NAMES.index(name) for name in _SIMPLE_CLASSES)
_SIMPLE_OR_SPACE = _SIMPLE | {_SP}


def _next_opportunity(cls: str, start: int, end: int, prohibited: set[int] | frozenset[int]) -> int:
    """The first opportunity in ``start`` .. ``end - 1`` of a simple run in the class string
    ``cls`` (the run begins before ``start``), except the ``prohibited`` ones; -1 if none."""
    while (match := _BEFORE_OPPORTUNITY.search(cls, start - 1, end)) is not None:
        if match.end() not in prohibited:
            return match.end()
        start = match.end() + 1
    return -1


def _last_opportunity(reversed_cls: str, start: int, end: int, prohibited: set[int] | frozenset[int]) -> int:
    """The last opportunity in ``start`` .. ``end - 1`` (as :func:`_next_opportunity`), found
    by searching forward in the reversed class string: position k there is n - 1 - k here."""
    n = len(reversed_cls)
    k = n - end  # the opportunity at end - 1
    # An opportunity o is matched at n - 1 - o and looks at n - o: searching up to n - start + 1.
    while (match := _OPPORTUNITY_REVERSED.search(reversed_cls, k, n - start + 1)) is not None:
        o = n - 1 - match.start()
        if o < start:
            break
        if o not in prohibited:
            return o
        k = match.start() + 1
    return -1


def _line_breaks(
    text: str, width: int, start_column: int, prohibited: set[int] | frozenset[int], first_only: bool = False
) -> list[int]:
    """Where libunistring 1.0 ``u8_width_linebreaks_v2`` puts line breaks: indexes into ``text``.

    Two passes of libunistring fused into one loop: ``u8_possible_linebreaks_v2`` (the UAX #14
    state machine giving each position's break opportunity), then the greedy fit that turns the
    last opportunity before a line would exceed ``width`` columns into a break. ``prohibited``
    are gettext's overrides (inside escapes and format directives, before a final ``\\n``).
    ``first_only`` stops at the first break (enough to know whether a string fits on a line).

    Fast path: most text (English words and punctuation, Chinese ideographs and punctuation)
    is made of "simple" classes (see ``_SIMPLE_CLASSES``), whose break opportunities a regex
    finds. After each character, the loop looks for such a run ahead ("Bulk step" below) and
    fits the whole run with a few regex searches per output line, instead of one iteration of
    the state machine per character. Both paths give the same breaks.
    """
    pairs = _get_tables()[2]
    cls, rcls, wid, columns = _prepared(text)
    n = len(text)
    simple, simple_or_space, sp_chr = _SIMPLE, _SIMPLE_OR_SPACE, chr(_SP)
    sp, zw, cm, zwj, bk, ri, hl, hl_ba, al, hy, ba = _SP, _ZW, _CM, _ZWJ, _BK, _RI, _HL, _HL_BA, _AL, _HY, _BA
    npairs = _NPAIR
    result: list[int] = []
    prev_prop = last_prop = bk  # previous class; last class that is not a space or combining mark
    seen_space = False
    ri_count = 0
    last_p = -1  # the last break opportunity
    last_column = start_column  # column where the piece ending at last_p ends
    piece_width = 0  # width of the characters since last_p
    i = 0
    while i < n:
        prop = ord(cls[i])
        # Pass 1: the break opportunity before character i.
        if prop == bk:
            brk = _MANDATORY
            prev_prop = last_prop = bk
            seen_space = False
        else:
            brk = _PROHIBITED
            if prop == sp:
                seen_space = True
            elif prop == zw:
                last_prop = zw
                seen_space = False
            elif prop in (cm, zwj):
                if last_prop == bk:
                    last_prop = al  # (LB10) a mark at the start of a line is treated as a letter
                    seen_space = False
                elif last_prop == zw or seen_space:
                    brk = _POSSIBLE
                    last_prop = al
                    seen_space = False
            else:
                if last_prop == bk or prev_prop in (zwj, hl_ba):
                    pass  # (LB4-6) start of line; (LB8a) after ZWJ; (LB21a) Hebrew + hyphen
                elif last_prop == zw:
                    brk = _POSSIBLE  # (LB8)
                elif last_prop == ri and prop == ri:
                    if seen_space or ri_count % 2 == 0:
                        brk = _POSSIBLE  # (LB30a) regional indicator pairs
                else:
                    rule = pairs[last_prop * npairs + prop]
                    if rule == 0 or (rule == 1 and seen_space):
                        brk = _POSSIBLE
                last_prop = prop
                seen_space = False
            prev_prop = hl_ba if prev_prop == hl and prop in (hy, ba) else prop
        ri_count = ri_count + 1 if prop == ri else 0
        if prohibited and i in prohibited:
            brk = _PROHIBITED
        # Pass 2: fit the pieces between opportunities into the width.
        if brk != _PROHIBITED:
            if last_p >= 0 and last_column + piece_width > width:
                if not result or result[-1] != last_p:
                    result.append(last_p)
                    if first_only:
                        return result
                last_column = 0
            if brk == _MANDATORY:
                last_p = -1
                last_column = 0
                piece_width = 0
                i += 1
                continue
            last_p = i
            last_column += piece_width
            piece_width = 0
        piece_width += ord(wid[i])
        i += 1

        # Bulk step: if the last characters were simple (so the state is that of a simple
        # run), take the run of simple characters and spaces that starts at i in one go.
        if last_prop not in simple or prev_prop not in simple_or_space:
            continue
        run = _SIMPLE_RUN.match(cls, i)
        if run is None:
            continue
        run_end = run.end()
        # The state after the run: the last class that is not a space, and the last class.
        nonspace_end = len(cls[i:run_end].rstrip(sp_chr))
        if nonspace_end:
            last_prop = ord(cls[i + nonspace_end - 1])
        prev_prop = ord(cls[run_end - 1])
        seen_space = prev_prop == sp
        ri_count = 0
        # Pass 2 as above, but one step per line instead of one per opportunity: the
        # opportunities that fit on the line only move last_p, so only two are looked for, the
        # last one that fits and the first one that does not (where the loop above would break
        # the line at last_p). ``counted`` is the position up to which the characters' widths
        # are in ``piece_width``; ``columns[k]`` is the width of ``text[:k]``; ``pos`` is the
        # first position not yet looked at for opportunities.
        counted = pos = i
        while True:
            if last_p < 0:  # no break before the first opportunity: take it
                o = _next_opportunity(cls, pos, run_end, prohibited)
            else:
                # Until the next break, the column at position k is base + columns[k]; x is
                # the first position past the width.
                base = last_column + piece_width - columns[counted]
                x = bisect.bisect_right(columns, width - base, pos, run_end)
                fits = _last_opportunity(rcls, pos, x, prohibited)
                if fits >= 0:
                    last_p = counted = fits
                    last_column = base + columns[fits]
                    piece_width = 0
                o = _next_opportunity(cls, x, run_end, prohibited)
            if o < 0:
                break
            piece_width += columns[o] - columns[counted]
            if last_p >= 0 and last_column + piece_width > width:
                if not result or result[-1] != last_p:
                    result.append(last_p)
                    if first_only:
                        return result
                last_column = 0
            last_p = counted = o
            last_column += piece_width
            piece_width = 0
            pos = o + 1
        piece_width += columns[run_end] - columns[counted]
        i = run_end
    if last_p >= 0 and last_column + piece_width > width and (not result or result[-1] != last_p):
        result.append(last_p)
    return result


def _display_width(text: str) -> int:
    """Sum of libunistring ``uc_width`` over ``text`` (controls count 0)."""
    if text.isascii() and text.isprintable():
        return len(text)
    wid = _widths_of(text)
    return len(wid) + wid.count("\x02") - wid.count("\x00")


_last_widths: tuple[str, str] = ("", "")
_last_prepared: tuple[str, tuple[str, str, str, Sequence[int]]] | None = None


def _prepared(text: str) -> tuple[str, str, str, Sequence[int]]:
    """What :func:`_line_breaks` reads of ``text``: ``cls[i] == chr(line-break class of text[i])``,
    ``cls`` reversed (to search for the last opportunity before a position), ``wid[i] ==
    chr(display width)``, and ``columns[k]``, the width of ``text[:k]``. The last result is kept:
    :func:`_wrap` asks for the first break of a string, then for all of them."""
    global _last_prepared
    if _last_prepared is None or _last_prepared[0] is not text:
        cls = text.translate(_get_tables()[0])
        wid = _widths_of(text)
        # Every printable ASCII character is 1 column wide.
        columns: Sequence[int] = (
            range(len(text) + 1)
            if text.isascii() and text.isprintable()
            else list(itertools.accumulate(wid.encode("latin-1"), initial=0))
        )
        _last_prepared = (text, (cls, cls[::-1], wid, columns))
    return _last_prepared[1]


def _widths_of(text: str) -> str:
    """``chr(width)`` per character of ``text``. The last result is kept: :func:`_wrap` measures a
    string and then breaks the same string, and a long CJK text is slow to translate."""
    global _last_widths
    if _last_widths[0] is not text:
        _last_widths = (text, text.translate(_get_tables()[1]))
    return _last_widths[1]


# --------------------------------------------------------------------------------------------
# Format directives. GNU never breaks a line inside a valid directive of the entry's first
# format language; these parsers mark directives the way gettext 0.21's format-*.c parsers do.
# --------------------------------------------------------------------------------------------

_FMT_START, _FMT_END, _FMT_ERROR = 1, 2, 4

# gettext 0.21's format languages, in its order (format.c / message.c).
_FORMAT_LANGUAGES = (  # noqa: SIM905
    "c objc python python-brace java java-printf csharp javascript scheme lisp elisp librep ruby sh awk lua "
    "object-pascal smalltalk qt qt-plural kde kde-kuit boost tcl perl perl-brace php gcc-internal gfc-internal ycp"
).split()


def _mark_error(marks: list[int], i: int) -> None:
    """Record an invalid directive ending at ``i`` (gettext may point one past the end: ignored)."""
    if 0 <= i < len(marks):
        marks[i] |= _FMT_ERROR


def _at(s: str, i: int) -> str:
    return s[i] if i < len(s) else ""


def _skip_digits(s: str, i: int) -> int:
    while "0" <= _at(s, i) <= "9":
        i += 1
    return i


def _parse_c_format(s: str, translated: bool, objc: bool, marks: list[int]) -> None:
    """Mark directives as gettext 0.21's format-c.c does (ISO C, POSIX %m$ and <PRI...> macros)."""
    numbered = unnumbered = 0
    i = 0
    while (i := s.find("%", i)) >= 0:
        marks[i] |= _FMT_START
        i += 1
        number = 0
        if "0" <= _at(s, i) <= "9":
            j = _skip_digits(s, i)
            if _at(s, j) == "$":
                if int(s[i:j]) == 0:
                    _mark_error(marks, j)
                    return
                number = int(s[i:j])
                i = j + 1
        while _at(s, i) in (" ", "+", "-", "#", "0", "'") or (translated and _at(s, i) == "I"):
            i += 1
        for is_precision in (False, True):
            if is_precision:
                if _at(s, i) != ".":
                    break
                i += 1
            if _at(s, i) == "*":
                i += 1
                arg_number = 0
                j = _skip_digits(s, i)
                if j > i and _at(s, j) == "$":
                    if int(s[i:j]) == 0:
                        _mark_error(marks, j)
                        return
                    arg_number = int(s[i:j])
                    i = j + 1
                if arg_number:
                    if unnumbered:
                        _mark_error(marks, i - 1)
                        return
                    numbered += 1
                else:
                    if numbered:
                        _mark_error(marks, i - 1)
                        return
                    unnumbered += 1
            else:
                i = _skip_digits(s, i)
        takes_arg = True
        if _at(s, i) == "<":
            i = _parse_c99_macro(s, i + 1, marks)
            if i < 0:
                return
        else:
            while _at(s, i) != "" and _at(s, i) in "hlLqjzZt":  # any sequence of size letters
                i += 1
            conv = _at(s, i)
            if conv in ("%", "m"):  # "%m": glibc's strerror(errno)
                takes_arg = False
            elif conv == "" or (conv not in "cCsSiduoxXeEfFgGaApn" and not (objc and conv == "@")):
                _mark_error(marks, i - 1 if conv == "" else i)
                return
        if takes_arg:
            if number:
                if unnumbered:
                    _mark_error(marks, i)
                    return
                numbered += 1
            else:
                if numbered:
                    _mark_error(marks, i)
                    return
                unnumbered += 1
        marks[i] |= _FMT_END
        i += 1


def _parse_c99_macro(s: str, i: int, marks: list[int]) -> int:
    """Parse ``PRI{d|i|o|u|x|X}{N|LEASTN|FASTN|MAX|PTR}>`` after ``%<``; return the index of ``>``."""

    def fail(j: int) -> int:
        _mark_error(marks, j - 1 if _at(s, j) == "" else j)
        return -1

    for expected in "PRI":
        if _at(s, i) != expected:
            return fail(i)
        i += 1
    if _at(s, i) == "" or _at(s, i) not in "diouxX":
        return fail(i)
    i += 1
    if s.startswith(("MAX", "PTR"), i):
        i += 3
    else:
        if s.startswith("LEAST", i):
            i += 5
        elif s.startswith("FAST", i):
            i += 4
        if _at(s, i) == "8":
            i += 1
        elif s.startswith(("16", "32", "64"), i):
            i += 2
        else:
            return fail(i)
    if _at(s, i) != ">":
        return fail(i)
    return i


def _parse_python_format(s: str, marks: list[int]) -> None:
    """Mark directives as gettext 0.21's format-python.c does (``%(name)s``, ``%-5d``, ...)."""
    named = unnamed = 0
    i = 0
    while (i := s.find("%", i)) >= 0:
        marks[i] |= _FMT_START
        i += 1
        has_name = False
        if _at(s, i) == "(":
            depth = 0
            i += 1
            while i < len(s):
                if s[i] == "(":
                    depth += 1
                elif s[i] == ")":
                    if depth == 0:
                        break
                    depth -= 1
                i += 1
            if i >= len(s):
                _mark_error(marks, len(s) - 1)
                return
            i += 1
            has_name = True
        while _at(s, i) != "" and _at(s, i) in "-+ #0":
            i += 1
        for is_precision in (False, True):
            if is_precision:
                if _at(s, i) != ".":
                    break
                i += 1
            if _at(s, i) == "*":
                i += 1
                if named:
                    _mark_error(marks, i - 1)
                    return
                unnamed += 1
            else:
                i = _skip_digits(s, i)
        if _at(s, i) != "" and _at(s, i) in "hlL":
            i += 1
        conv = _at(s, i)
        if conv == "" or conv not in "%csriduoxXeEfgG":
            _mark_error(marks, i - 1 if conv == "" else i)
            return
        if has_name:
            if unnamed:
                _mark_error(marks, i)
                return
            named += 1
        elif conv != "%":
            if named:
                _mark_error(marks, i)
                return
            unnamed += 1
        marks[i] |= _FMT_END
        i += 1


def _brace_field(s: bytes, i: int, numeric: bool) -> int:
    """Index after an identifier (or, if ``numeric``, a digit run) at ``s[i]``; -1 if there is none."""
    c = s[i : i + 1]
    if c.isalpha() or c == b"_":
        while s[i : i + 1].isalnum() or s[i : i + 1] == b"_":
            i += 1
        return i
    if numeric and c.isdigit():
        while s[i : i + 1].isdigit():
            i += 1
        return i
    return -1


def _parse_brace_directive(s: bytes, start: int, toplevel: bool, marks: list[int]) -> int:
    """One ``{...}`` at byte ``start``, as gettext 0.21 parses it; the index after it, or -1 if invalid.

    gettext 0.21 computes the marks relative to the directive's own ``{`` but stores them as if
    relative to the start of the string (a local ``format_start`` shadows the string's): a valid
    directive of L bytes marks bytes 0 and L - 1 of the *string*. That bug decides where GNU
    refuses to break, so it is reproduced, in bytes as GNU counts.
    """

    def error(i: int) -> int:
        _mark_error(marks, i - start)
        return -1

    i = start + 1
    if s[i : i + 1] == b"{":
        return i + 1
    i = _brace_field(s, i, numeric=True)
    if i < 0:
        return error(start + 1)
    while s[i : i + 1] in (b".", b"["):
        if s[i : i + 1] == b".":
            j = _brace_field(s, i + 1, numeric=False)
            if j < 0:
                return error(i + 1)
            i = j
        else:
            j = _brace_field(s, i + 1, numeric=True)
            if j < 0:
                return error(i + 1)
            if s[j : j + 1] != b"]":
                return error(j)
            i = j + 1
    if s[i : i + 1] == b":":
        if not toplevel:
            return error(i)
        i += 1
        if s[i : i + 1] == b"{":
            i = _parse_brace_directive(s, i, False, marks)
            if i < 0:
                return -1
        else:
            if i >= len(s):
                return error(i)
            if s[i + 1 : i + 2] in (b"<", b">", b"=", b"^"):
                i += 2
            elif s[i : i + 1] in (b"<", b">", b"=", b"^"):
                i += 1
            if s[i : i + 1] in (b"+", b"-", b" "):
                i += 1
            if s[i : i + 1] == b"#":
                i += 1
            if s[i : i + 1] == b"0":
                i += 1
            while s[i : i + 1].isdigit():
                i += 1
            if s[i : i + 1] == b"." and s[i + 1 : i + 2].isdigit():
                i += 1
                while s[i : i + 1].isdigit():
                    i += 1
            if s[i : i + 1] and s[i : i + 1] in b"bcdoxXneEfFgG%":
                i += 1
    if s[i : i + 1] != b"}":
        return error(i)
    if toplevel:
        marks[0] |= _FMT_START
        marks[i - start] |= _FMT_END
    return i + 1


def _parse_python_brace_format(s: bytes, marks: list[int]) -> None:
    """Mark directives as gettext 0.21's format-python-brace.c does (``{name.attr[0]:>10}``)."""
    i = 0
    while (i := s.find(b"{", i)) >= 0:
        i = _parse_brace_directive(s, i, True, marks)
        if i < 0:
            return


def _protected_spans(marks: list[int]) -> list[tuple[int, int]]:
    """(start, end) of the valid directives: from a START mark to the first END, unless an ERROR."""
    spans = []
    start = -1  # the START being matched, or -1 when looking for one
    for match in re.finditer(b"[^\x00]", bytes(marks)):  # the marked positions only
        i, mark = match.start(), marks[match.start()]
        if start < 0:
            if not mark & _FMT_START:
                continue
            start = i
        if mark & (_FMT_END | _FMT_ERROR):
            if not mark & _FMT_ERROR:
                spans.append((start, i))
            start = -1
    return spans


_UTF8_CONTINUATION = bytes(range(0x80, 0xC0))


def _protected_positions(value: str, language: str | None, translated: bool) -> list[bool] | None:
    """For each character of ``value``: True if GNU forbids a line break before it.

    That is every character of a valid format directive but its first (GNU marks directives in
    bytes; the C and Python parsers only look at ASCII, so characters are as good there).
    """
    if language is None or not value:
        return None
    protected = [False] * len(value)
    if language in ("c", "objc", "python"):
        marks = [0] * len(value)
        if language == "python":
            _parse_python_format(value, marks)
        else:
            _parse_c_format(value, translated, language == "objc", marks)
        for start, end in _protected_spans(marks):
            protected[start + 1 : end + 1] = [True] * (end - start)
    elif language == "python-brace":
        data = value.encode("utf-8")
        marks = [0] * len(data)
        _parse_python_brace_format(data, marks)
        spans = _protected_spans(marks)
        if not spans:
            return None
        for start, end in spans:
            # The characters whose first byte is in start + 1 .. end; a character starts at
            # every byte but the UTF-8 continuation bytes, which translate() deletes here.
            first = len(data[: start + 1].translate(None, _UTF8_CONTINUATION))
            last = len(data[: end + 1].translate(None, _UTF8_CONTINUATION))
            protected[first:last] = [True] * (last - first)
    else:
        return None
    return protected


# --------------------------------------------------------------------------------------------
# Strings
# --------------------------------------------------------------------------------------------

_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v", "\\": "\\", '"': '"'}
_INT_MAX = 2**31 - 1


_ESCAPE_TABLE = str.maketrans({ch: "\\" + esc for ch, esc in _ESCAPES.items()})
_ESCAPE_PAIR = re.compile(r"\\.", re.DOTALL)
_NEEDS_ESCAPE = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")
# The backslash first, so that the backslashes of the other escapes are not doubled.
_ESCAPE_ORDER = sorted(_ESCAPES.items(), key=lambda item: item[0] != "\\")


def _escape(text: str) -> str:
    """``text`` with GNU's escapes: ``str.replace`` per character present (``str.translate``
    with a dict costs a Python call per character of a long paragraph)."""
    for character, escape in _ESCAPE_ORDER:
        if character in text:
            text = text.replace(character, "\\" + escape)
    return text


def _wrap(
    keyword: str,
    value: str,
    prefix: str,
    page_width: int,
    do_wrap: bool,
    protected: Sequence[bool] | None = None,
) -> list[str]:
    """Port of gettext 0.21 ``wrap()`` (write-po.c) without the --indent style."""
    if "\0" in value:
        raise ValueError(f"a PO string cannot contain NUL: {value!r}")
    lines: list[str] = []
    startcol_after_break = len(prefix) + 1
    width = (page_width if do_wrap else _INT_MAX) - 1 - startcol_after_break
    first_line = True
    pos = 0
    while True:
        end = value.find("\n", pos)
        end = len(value) if end < 0 else end + 1
        segment = value[pos:end]
        portion = _escape(segment) if _NEEDS_ESCAPE.search(segment) else segment
        # gettext's overrides: no break inside an escape sequence, before the final "\n",
        # or inside a format directive.
        prohibited: set[int] = set()
        if len(portion) != len(segment):
            prohibited.update(match.start() + 1 for match in _ESCAPE_PAIR.finditer(portion))
            if segment.endswith("\n"):
                prohibited.add(len(portion) - 2)
        if protected is not None:
            # Visit only the protected characters; in the portion, a character's index is
            # shifted by one for each escaped character before it.
            counted = shift = 0
            for j in itertools.compress(range(len(segment)), protected[pos:end]):
                shift += len(segment[counted:j].translate(_ESCAPE_TABLE)) - (j - counted)
                counted = j
                prohibited.add(j + shift)
        while True:
            startcol = len(prefix) + (len(keyword) + 1 if first_line else 0) + 1 - startcol_after_break
            breaks: list[int] = []
            if startcol + _display_width(portion) > width:  # else it fits: no break anywhere
                breaks = _line_breaks(portion, width, startcol, prohibited, first_only=first_line)
            if first_line and portion and (end < len(value) or startcol > width or breaks):
                lines.append(f'{prefix}{keyword} ""')
                first_line = False
                continue
            break
        line = f"{prefix}{keyword} " if first_line else prefix
        first_line = False
        start = 0
        for k in breaks:
            lines.append(f'{line}"{portion[start:k]}"')
            line = prefix
            start = k
        lines.append(f'{line}"{portion[start:]}"')
        pos = end
        if pos >= len(value):
            return lines


def _page_width(width: int) -> int:
    """``msgcat --width`` semantics: 0 means unlimited, and less than 20 means 20."""
    return _INT_MAX if width <= 0 else max(width, 20)


def wrap_po_string(keyword: str, text: str, *, prefix: str = "", width: int = 79, no_wrap: bool = False) -> list[str]:
    """The lines GNU gettext writes for ``keyword "text"`` (without newlines).

    ``keyword`` is e.g. ``msgid``, ``msgstr``, ``msgctxt`` or ``msgstr[0]``; ``prefix`` is ``""``,
    ``"#| "`` (previous strings), ``"#~ "`` (obsolete) or ``"#~| "``. ``no_wrap`` is the
    ``#, no-wrap`` flag: split after ``\\n`` only. ``width`` as ``msgcat --width`` (0: no limit,
    at least 20). Format directives are not protected here; :func:`format_pofile` does that
    from the entry's flags.
    """
    return _wrap(keyword, text, prefix, _page_width(width), not no_wrap)


# --------------------------------------------------------------------------------------------
# Comments and flags
# --------------------------------------------------------------------------------------------

_FLAG_SEPARATORS = "\n \t\r\f\v,"
_FLAG_SPLIT = re.compile(f"[{re.escape(_FLAG_SEPARATORS)}]+")


class _Flags:
    """An entry's flags as GNU reads them (gettext 0.21 ``parse_comment_special``)."""

    def __init__(self, flags: Iterable[str]) -> None:
        self.fuzzy = False
        self.formats: dict[str, str] = {}  # language -> "yes" | "no" | "possible" | "impossible"
        self.range: tuple[int, int] | None = None
        self.wrap: bool | None = None
        self.exceptions: list[str] = []  # ignore-<check>: kept for newsbilingual check and Weblate
        tokens = [t for t in _FLAG_SPLIT.split(", ".join(flags)) if t]
        k = 0
        while k < len(tokens):
            token = tokens[k]
            k += 1
            if token == "fuzzy":
                self.fuzzy = True
            elif token.endswith("-format") and self._format(token[: -len("-format")]):
                pass
            elif token == "range:" and k < len(tokens) and self._range(tokens[k]):
                k += 1
            elif token == "range:" and k < len(tokens):
                k += 1  # GNU consumes the next token even when it is not a valid range
            elif token in ("wrap", "no-wrap"):
                self.wrap = token == "wrap"
            elif token.startswith("ignore-") and token not in self.exceptions:
                self.exceptions.append(token)
            # anything else: unknown to gettext 0.21, dropped as msgcat drops it

    def _format(self, name: str) -> bool:
        value = "yes"
        for word, meaning in (("no-", "no"), ("possible-", "possible"), ("impossible-", "impossible")):
            if name.startswith(word):
                name, value = name[len(word) :], meaning
                break
        if name not in _FORMAT_LANGUAGES:
            return False
        self.formats[name] = value
        return True

    def _range(self, token: str) -> bool:
        match = re.match(r"([0-9]+)\.\.([0-9]+)", token)
        if match is None or int(match[1]) > int(match[2]):
            return False
        self.range = (min(int(match[1]), _INT_MAX), min(int(match[2]), _INT_MAX))
        return True

    def line(self, msgstr_empty: bool, obsolete: bool) -> str | None:
        """The ``#,`` line GNU writes (it drops the range of an obsolete entry), or None."""
        words = ["fuzzy"] if self.fuzzy and not msgstr_empty else []
        for language in _FORMAT_LANGUAGES:
            value = self.formats.get(language)
            if value in ("yes", "possible"):
                words.append(f"{language}-format")
            elif value == "no":
                words.append(f"no-{language}-format")
        if self.range is not None and not obsolete:
            words.append(f"range: {self.range[0]}..{self.range[1]}")
        if self.wrap is False:
            words.append("no-wrap")
        words += self.exceptions
        return "#, " + ", ".join(words) if words else None

    def directive_language(self) -> str | None:
        """The format language whose directives GNU keeps unbroken (the first one set)."""
        for language in _FORMAT_LANGUAGES:
            if self.formats.get(language) in ("yes", "possible"):
                return language
        return None


def _no_continuation(line: str) -> str:
    """GNU's PO lexer joins a line ending in a backslash with the next one, even in comments.

    A trailing space keeps the lines apart (GNU then keeps the space; polib strips it on reading).
    """
    return line + " " if line.endswith("\\") else line


def _comment_lines(marker: str, text: str | None) -> list[str]:
    """``# text`` / ``#. text`` lines, one per line of ``text``; a bare marker for an empty line."""
    if not text:
        return []
    return [_no_continuation(f"{marker} {line}") if line else marker for line in text.split("\n")]


def _parse_references(text: str) -> list[tuple[str, int | None]]:
    """Split ``#:`` text into (file, line) the way gettext 0.21 ``po_parse_comment_filepos`` does."""
    refs: list[tuple[str, int | None]] = []
    blanks = " \t\n"
    n = len(text)
    s = 0
    while s < n:
        while s < n and text[s] in blanks:
            s += 1
        if s >= n:
            break
        start = s
        while s < n and text[s] not in blanks:
            s += 1
        name = text[start:s]
        # "file : 12" / "file :12"
        p = s
        while p < n and text[p] in blanks:
            p += 1
        if p < n and text[p] == ":":
            p += 1
            while p < n and text[p] in blanks:
                p += 1
            q = p
            while q < n and "0" <= text[q] <= "9":
                q += 1
            if q > p and (q == n or text[q] in blanks):
                refs.append((name, int(text[p:q])))
                s = q
                continue
        # "file: 12"
        if name.endswith(":"):
            p = s
            while p < n and text[p] in blanks:
                p += 1
            q = p
            while q < n and "0" <= text[q] <= "9":
                q += 1
            if q > p and (q == n or text[q] in blanks):
                refs.append((name[:-1], int(text[p:q])))
                s = q
                continue
        # "file:12"
        digits = len(name) - len(name.rstrip("0123456789"))
        if digits > 0 and len(name) - digits > 1 and name[-digits - 1] == ":":
            refs.append((name[: -digits - 1], int(name[-digits:])))
            continue
        refs.append((name, None))
    return refs


def _reference_lines(occurrences: Iterable[tuple[str, object]], page_width: int) -> list[str]:
    """``#:`` lines as gettext 0.21 ``message_print_comment_filepos`` writes them.

    GNU re-parses each ``#:`` line on reading (``a :12`` is one reference), so the lines are
    printed, re-parsed and re-printed until they are stable: that is what ``msgcat`` leaves alone.
    """
    words = [f"{path}:{line}" if line not in (None, "") else str(path) for path, line in occurrences]
    refs = _parse_references(" ".join(words))
    lines = _print_references(refs, page_width)
    for _ in range(10):
        again = _print_references([ref for line in lines for ref in _parse_references(line[2:])], page_width)
        if again == lines:
            break
        lines = again
    return lines


def _print_references(refs: list[tuple[str, int | None]], page_width: int) -> list[str]:
    """Print references, dropping exact duplicates and a leading ``./``, wrapping at ``page_width`` bytes."""
    refs = list(dict.fromkeys(refs))
    if not refs:
        return []
    lines: list[str] = []
    current = "#:"
    column = 2
    for path, line in refs:
        while path.startswith("./"):
            path = path[2:]
        ref = path if line is None else f"{path}:{line}"
        size = len(ref.encode("utf-8")) + 1
        if column > 2 and column + size > page_width:
            lines.append(_no_continuation(current))
            current = "#:"
            column = 2
        current += " " + ref
        column += size
    lines.append(_no_continuation(current))
    return lines


# --------------------------------------------------------------------------------------------
# Entries and files
# --------------------------------------------------------------------------------------------


def _msgstrs(entry: polib.POEntry) -> list[tuple[str, str]]:
    """(keyword, text) of the msgstr lines: ``msgstr``, or ``msgstr[0]``... for a plural entry."""
    if not entry.msgid_plural:
        return [("msgstr", entry.msgstr or "")]
    forms = {int(k): v for k, v in entry.msgstr_plural.items()} or {0: "", 1: ""}
    if sorted(forms) != list(range(len(forms))):
        raise ValueError(f"plural forms of {entry.msgid!r} are not numbered 0..n-1: {sorted(forms)}")
    return [(f"msgstr[{i}]", forms[i]) for i in range(len(forms))]


def _entry_lines(entry: polib.POEntry, page_width: int, *, header_comment: str | None = None) -> list[str]:
    """One entry in GNU layout (``message_print`` / ``message_print_obsolete``)."""
    obsolete = bool(entry.obsolete)
    flags = _Flags(entry.flags)
    do_wrap = flags.wrap is not False
    language = flags.directive_language()
    plural = bool(entry.msgid_plural)
    msgstrs = _msgstrs(entry)
    msgstr_empty = msgstrs[0][1] == ""

    def wrap(prefix: str, keyword: str, value: str) -> list[str]:
        protected = _protected_positions(value, language, keyword.startswith("msgstr"))
        return _wrap(keyword, value, prefix, page_width, do_wrap, protected)

    lines = _comment_lines("#", entry.tcomment if header_comment is None else header_comment)
    lines += _comment_lines("#.", entry.comment)
    lines += _reference_lines(entry.occurrences or (), page_width)
    flag_line = flags.line(msgstr_empty, obsolete)
    if flag_line is not None:
        lines.append(flag_line)
    previous_prefix = "#~| " if obsolete else "#| "
    for keyword, value in (
        ("msgctxt", entry.previous_msgctxt),
        ("msgid", entry.previous_msgid),
        ("msgid_plural", entry.previous_msgid_plural),
    ):
        if value is not None:
            lines += wrap(previous_prefix, keyword, value)
    prefix = "#~ " if obsolete else ""
    if entry.msgctxt is not None:
        lines += wrap(prefix, "msgctxt", entry.msgctxt)
    lines += wrap(prefix, "msgid", entry.msgid)
    if plural:
        lines += wrap(prefix, "msgid_plural", entry.msgid_plural)
    for keyword, value in msgstrs:
        lines += wrap(prefix, keyword, value)
    return lines


def _header_entry(po: polib.POFile) -> polib.POEntry:
    """The header (``msgid ""``) entry, with the metadata in the dict's insertion order."""
    entry = polib.POEntry(msgid="", msgstr="".join(f"{name}: {value}\n" for name, value in po.metadata.items()))
    if po.metadata_is_fuzzy:
        entry.flags.append("fuzzy")
    return entry


def _blocks(po: polib.POFile, width: int) -> Iterator[str]:
    """Each entry's text, in file order: the header, the live entries, the written obsolete ones."""
    width = _page_width(width)
    yield "\n".join(_entry_lines(_header_entry(po), width, header_comment=po.header or "")) + "\n"
    for entry in po:
        if not entry.obsolete:
            yield "\n".join(_entry_lines(entry, width)) + "\n"
    for entry in po:
        if entry.obsolete and _msgstrs(entry)[0][1]:
            yield "\n".join(_entry_lines(entry, width)) + "\n"


def format_pofile(po: polib.POFile, *, width: int = 79) -> str:
    """The whole catalog as GNU ``msgcat --width=WIDTH`` would write it (0: no limit; min. 20).

    The header entry first, then the entries in their order, then the obsolete entries (GNU
    moves them to the end and drops those with an empty msgstr). One blank line between
    entries, a single newline at the end.
    """
    return "\n".join(_blocks(po, width))


def encode_pofile(po: polib.POFile) -> bytes:
    """:func:`format_pofile` as UTF-8, built entry by entry: a large catalog's text is never held
    as one ``str`` (with one Chinese character in it, 2 bytes per character) beside its bytes."""
    return b"\n".join(block.encode("utf-8") for block in _blocks(po, 79))


def write_pofile(po: polib.POFile, path: str | os.PathLike[str]) -> None:
    """Write ``po`` to ``path`` in GNU layout, UTF-8, atomically (see :mod:`newsbilingual.atomic`)."""
    write_bytes_atomic(Path(path), encode_pofile(po))
