"""UAX #14 line breaking and display widths exactly as libunistring 1.0 computes them, for :mod:`.powrap`.

GNU gettext breaks PO strings with libunistring's ``u8_width_linebreaks``; to write files that
``msgcat`` leaves unchanged, the same breaks must be found. The data (line-break classes and
widths of every code point, the pair table) is embedded, so no C library is needed;
tests/test_powrap.py checks it and :func:`line_breaks` against the system's libunistring.

:func:`line_breaks` has a fast path (runs of "simple" classes fitted a line at a time with
regexes) and a reference path (the per-character state machine alone, ``fast=False``), which
the tests compare on many thousand generated strings.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Sequence

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


# The fast path of ``line_breaks``: runs of "simple" classes, whose break opportunities a regex
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


def line_breaks(
    text: str,
    width: int,
    start_column: int,
    prohibited: set[int] | frozenset[int],
    first_only: bool = False,
    *,
    fast: bool = True,
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
    the state machine per character. Both paths give the same breaks; ``fast=False`` takes the
    reference path (the state machine alone), which the tests compare with the fast one.
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
            last_column = _fit(result, last_p, last_column, piece_width, width)
            if first_only and result:
                return result
            if brk == _MANDATORY:
                last_p = -1
                last_column = 0
                piece_width = 0
                i += 1
                continue
            last_p = i
            piece_width = 0
        piece_width += ord(wid[i])
        i += 1

        # Bulk step: if the last characters were simple (so the state is that of a simple
        # run), take the run of simple characters and spaces that starts at i in one go.
        if not fast or last_prop not in simple or prev_prop not in simple_or_space:
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
            last_column = _fit(result, last_p, last_column, piece_width, width)
            if first_only and result:
                return result
            last_p = counted = o
            piece_width = 0
            pos = o + 1
        piece_width += columns[run_end] - columns[counted]
        i = run_end
    _fit(result, last_p, last_column, piece_width, width)
    return result


def _fit(result: list[int], last_p: int, last_column: int, piece_width: int, width: int) -> int:
    """Pass 2's step at a break opportunity (and at the end of the text): the piece since the
    last opportunity ``last_p`` ends, ``piece_width`` columns wide. If the line is then wider
    than ``width``, it is broken at ``last_p`` (appended to ``result``, once) and the piece
    starts the next line. Returns the column where the piece ends."""
    if last_p >= 0 and last_column + piece_width > width:
        if not result or result[-1] != last_p:
            result.append(last_p)
        return piece_width
    return last_column + piece_width


def display_width(text: str) -> int:
    """Sum of libunistring ``uc_width`` over ``text`` (controls count 0)."""
    if text.isascii() and text.isprintable():
        return len(text)
    wid = _widths_of(text)
    return len(wid) + wid.count("\x02") - wid.count("\x00")


_last_widths: tuple[str, str] = ("", "")
_last_prepared: tuple[str, tuple[str, str, str, Sequence[int]]] | None = None


def _prepared(text: str) -> tuple[str, str, str, Sequence[int]]:
    """What :func:`line_breaks` reads of ``text``: ``cls[i] == chr(line-break class of text[i])``,
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
