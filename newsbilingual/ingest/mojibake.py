"""Repair Chinese punctuation whose GBK bytes were read as Latin-1 or cp1252.

English copy written on a Chinese desk is saved as GBK, whose punctuation is two bytes:
``“`` is ``A1 B0``.  Read back as Latin-1 (or cp1252) that becomes ``¡°``, so a story arrives
as ``He said, ¡°hello¡± ¨C ok`` (``–`` is ``A8 43``: its trail byte is the ASCII letter ``C``).

**Why no library does this.**  ftfy targets UTF-8 decoded as cp1252/Latin-1 (``â€œ``) and
leaves ``¡°hello¡±`` unchanged with an empty explanation.  charset-normalizer, given the bytes,
picks cp1250 (``ˇ°helloˇ±``).  Re-decoding the whole text as GBK fixes the punctuation but also
turns genuine Latin-1 into hanzi (``naïve`` -> ``na飗e``, ``25°C`` -> ``25癈``).  The repair has
to be local and conservative, which is what this module does.

**Rules.**

1. *Stretches.*  Every character is given the byte it came from: U+0080-U+00FF for Latin-1,
   and the cp1252 byte for ``€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ``.  One compiled regex finds the
   stretches of such characters (two or more, or ``¨`` followed by ``C``/``D``: the dashes whose
   GBK trail byte is ASCII).  Only stretches are looked at, so ASCII and real CJK text cost
   nothing beyond the regex scan.
2. *Whitelist.*  A byte pair is repaired only if it decodes (GBK) to a character in
   :data:`STRONG` or :data:`WEAK`: CJK punctuation and a few symbols.  Pairs whose Latin-1
   reading is plausible text are left out on purpose: ``¡¡`` (U+3000, but also Spanish
   ``¡¡Hola!!``), ``¡`` + a Spanish letter (``¡Á`` would be ``×``, ``¡ñ`` ``●``, ``¡ú`` ``→``),
   ``¡«`` (``～``; Spanish ``¡«…»!``), ``£½``/``£¼``/``£¾`` (fullwidth ``＝＜＞``, but
   ``£½m``), fullwidth digits and letters (``£5`` never pairs: digits are not trail bytes).
3. *Alignment.*  If a stretch of even length decodes as GB2312 pair by pair, that alignment
   is trusted and its whitelisted pairs are repaired.
   Otherwise a genuine Latin-1 character may be glued to the damage (``café¡±``), and the
   stretch is read with one character left alone at its start, at its end, or both; such a
   reading is used only if *every* pair in it is whitelisted.  ``¨C`` needs the character
   before ``¨`` to be a non-stretch character or the end of a repaired pair, and is not read
   as a dash where ``¨`` ends a GB2312 pair (``£¨CNN£©`` is ``（CNN）``).
4. *Context.*  ``¡¿`` (``】``) is repaired only after a ``【`` (or ``¡¾``) earlier on the same
   line, so Spanish ``¡¿Qué pasa?!`` survives.  ``£»`` (``；``) is left alone inside an open
   French ``«`` on its line (``«Ça coûte 5£»``).  ``¡£`` (``。``) followed by a digit is left
   alone at the start of a word (Spanish ``¡£20 millones!``) and is weak elsewhere.
5. *Document gate.*  Nothing is repaired unless at least one :data:`STRONG` pair survived
   rules 1-4: these (``¡° ¡± ¡® ¡¯ ¡¢ ¡£ £¬ ¡ª ¡\\xad £º £¨ £© ¡¶ ¡· ¡õ``) pair ``¡``/``£`` with
   a sign (``° ± ® ¯ ¢ £ ¬ ª`` soft hyphen ``º ¨ © ¶ · õ``) that no European language puts
   there.  ``¨C`` (``–``) counts as strong only in dash position, between spaces or digits
   (``A ¨C B``, ``1990¨C2000``); elsewhere it is repaired only when the gate is open.

Known limits: damage with a Latin-1 letter glued on both sides (``é¡°é`` reads as two GB2312
hanzi) is left alone; damaged hanzi (``ËûËµ`` for ``他说``) stay as they are, only the
punctuation between them is repaired (the text is English copy; Chinese copy arrives as GBK,
which :mod:`newsbilingual.ingest.decode` decodes); a Spanish ``¡¿`` on a line that also has a
damaged ``【`` becomes ``】``; text decoded with replacement characters cannot be repaired (the
bytes are gone).

Lines are separated by ``\\n`` (``\\r\\n`` works too); columns count code points, both 1-based.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["STRONG", "TOKENS", "WEAK", "Repair", "repair_gbk_mojibake"]

#: Punctuation whose damaged form opens the document gate (rule 5).
STRONG = "“”‘’、。，—…：（）《》□"
#: Further characters repaired only when the gate is open (``–`` is strong in dash position).
WEAK = "–―·〔〕〈〉「」『』〖〗【】°′″℃‰☆★○◎◆■△▲※←↓！％￥；？［］－．／"

#: Damaged two-character form (GBK bytes read as Latin-1) -> the character it stands for.
TOKENS: dict[str, str] = {ch.encode("gbk").decode("latin-1"): ch for ch in STRONG + WEAK}

# Characters standing for the bytes 0x80-0x9F when the text was decoded as cp1252.
_CP1252_HIGH: dict[str, int] = {}
for _byte in range(0x80, 0xA0):
    try:
        _CP1252_HIGH[bytes((_byte,)).decode("cp1252")] = _byte
    except UnicodeDecodeError:
        continue
_TO_LATIN1 = str.maketrans({ch: chr(byte) for ch, byte in _CP1252_HIGH.items()})

# 0x80 and 0xFF are never GBK bytes, but they belong to stretches so that a stretch boundary
# is always a character that came from an ASCII byte (or from no byte at all: real CJK text).
_HIGH = "\x80-\xff" + "".join(_CP1252_HIGH)
# Two or more "high" characters (optionally ending with ¨C/¨D), or a lone ¨C/¨D.
_STRETCH_RE = re.compile(f"[{_HIGH}]{{2,}}(?:(?<=¨)[CD])?|¨[CD]")
_LEAD_RE = re.compile("[¡£¨]")  # every token starts with one of these
# The tokens as the gb2312 codec decodes them (it differs from GBK for · and —: A1A4, A1AA).
_GB2312_PAIRS = [pair.encode("latin-1") for pair in TOKENS if pair[1] not in "CD"]
_GB2312_TOKENS = "".join(pair.decode("gb2312") for pair in _GB2312_PAIRS)
_TOKEN_CHARS_RE = re.compile(f"[{re.escape(_GB2312_TOKENS)}]")
_GUILLEMET_RE = re.compile("[«»]")
_WORD_START = frozenset("([{\"'«¿¡")

_DASH = "¨C"
_BRACKET_CLOSE = "¡¿"  # 】
_BRACKET_OPENERS = ("【", "¡¾")
_SEMICOLON = "£»"  # ；
_FULL_STOP = "¡£"  # 。
_CONTEXTUAL = frozenset((_DASH, _BRACKET_CLOSE, _SEMICOLON, _FULL_STOP))


@dataclass(frozen=True)
class Repair:
    """One repaired character: ``before`` (two characters) at ``line``/``column`` of the input."""

    line: int
    column: int
    before: str
    after: str


def _aligned(core: str) -> list[tuple[int, str]] | None:
    """Read ``core`` pair by pair from its start; None unless every pair is GB2312.

    Returns the (offset, repaired character) of the pairs to repair.
    """
    try:
        raw = core.encode("latin-1")
    except UnicodeEncodeError:  # cp1252 characters: map them back to their bytes
        raw = core.translate(_TO_LATIN1).encode("latin-1")
    try:
        decoded = raw.decode("gb2312")
    except UnicodeDecodeError:
        return None
    found = []
    for match in _TOKEN_CHARS_RE.finditer(decoded):
        offset = 2 * match.start()
        found.append((offset, TOKENS.get(core[offset : offset + 2], match.group())))
    return found


def _rejoins(core: str, lead: int, trail: int, pairs: list[str]) -> bool:
    """Whether a byte left over beside the pairs would make a new token with a repaired one.

    ``¡¡¤¡°`` read as ``¡`` + ``¡¤`` + ``¡°`` gives ``¡·“``, and ``¡·`` is itself a token: a
    second repair would change the text again. Such a reading is not taken (repairs are
    idempotent), and the stretch is left for an editor.
    """
    return bool(lead and core[0] + TOKENS[pairs[0]] in TOKENS) or bool(trail and TOKENS[pairs[-1]] + core[-1] in TOKENS)


def _parse(stretch: str) -> list[tuple[int, str]]:
    """Find the repairable pairs of one stretch (rules 2 and 3)."""
    tail = stretch[-1] in "CD"
    if tail and len(stretch) % 2 and _aligned(stretch[:-1]) is not None:
        # An even run of GB2312 pairs ending in a trail byte ¨ (``£¨C`` is ``（C``):
        # read left to right, the ¨ is not the lead of a dash.
        stretch, tail = stretch[:-1], False
    core = stretch[:-2] if tail else stretch
    size = len(core)
    found: list[tuple[int, str]] | None = None
    ends_with_pair = True
    if size % 2 == 0:
        found = _aligned(core) if size else []
    if found is None:
        for lead, trail in ((1, 0), (0, 1), (1, 1)):
            body = core[lead : size - trail]
            if len(body) < 2 or len(body) % 2 or (tail and trail):
                continue
            pairs = [body[i : i + 2] for i in range(0, len(body), 2)]
            if all(pair in TOKENS for pair in pairs) and not _rejoins(core, lead, trail, pairs):
                found = [(lead + 2 * i, TOKENS[pair]) for i, pair in enumerate(pairs)]
                ends_with_pair = not trail
                break
    if found is None:
        found, ends_with_pair = [], False
    if tail and ends_with_pair:
        found.append((size, TOKENS[stretch[-2:]]))
    return found


class _Lines:
    """Line and column of increasing positions, plus per-line context, in O(n) overall."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.start = 0
        self._bracket_line = -1
        self._bracket_at = -1
        self._guillemet_scan = 0
        self._guillemet_open = False

    def advance(self, pos: int) -> None:
        """Move to ``pos`` (never backwards)."""
        breaks = self.text.count("\n", self.pos, pos)
        if breaks:
            self.line += breaks
            self.start = self.text.rfind("\n", self.pos, pos) + 1
            self._guillemet_scan = self.start
            self._guillemet_open = False
        self.pos = pos

    def bracket_opened(self, pos: int) -> bool:
        """Is there a ``【`` (or its damaged form) before ``pos`` on this line?"""
        if self._bracket_line != self.start:
            end = self.text.find("\n", self.start)
            end = len(self.text) if end == -1 else end
            hits = [self.text.find(s, self.start, end) for s in _BRACKET_OPENERS]
            self._bracket_line = self.start
            self._bracket_at = min((h for h in hits if h != -1), default=end)
        return self._bracket_at < pos

    def guillemet_open(self, pos: int) -> bool:
        """Is a ``«`` open (not closed by ``»``) before ``pos`` on this line?"""
        for m in _GUILLEMET_RE.finditer(self.text, self._guillemet_scan, pos):
            self._guillemet_open = m.group() == "«"
        self._guillemet_scan = max(self._guillemet_scan, pos)
        return self._guillemet_open


def _verdict(text: str, pos: int, before: str, lines: _Lines) -> bool | None:
    """Apply rule 4 to a token of :data:`_CONTEXTUAL`: None = leave it, True = strong."""
    if before == _BRACKET_CLOSE:
        return False if lines.bracket_opened(pos) else None
    if before == _SEMICOLON:
        return None if lines.guillemet_open(pos) else False
    if before == _FULL_STOP:
        if not text[pos + 2 : pos + 3].isdigit():
            return True
        prev = text[pos - 1] if pos > lines.start else " "
        return None if prev.isspace() or prev in _WORD_START else False
    # the en dash ¨C
    prev = text[pos - 1] if pos else " "
    nxt = text[pos + 2] if pos + 2 < len(text) else " "
    return (prev.isspace() or prev.isdigit()) and (nxt.isspace() or nxt.isdigit())


def repair_gbk_mojibake(text: str) -> tuple[str, list[Repair]]:
    """Repair GBK punctuation read as Latin-1/cp1252; return the text and what was changed.

    See the module docstring for the rules.  Genuine Latin-1 text is never changed, and a
    document without a :data:`STRONG` marker is returned unchanged.  Damaged hanzi are left as
    they are.  Idempotent: repairing the result changes nothing more.
    """
    lines = _Lines(text)
    found: list[tuple[int, int, int, str]] = []  # position, line, column, repaired character
    gate = False
    for match in _STRETCH_RE.finditer(text):
        stretch = match.group()
        if not _LEAD_RE.search(stretch):
            continue
        start = match.start()
        for offset, after in _parse(stretch):
            pos = start + offset
            lines.advance(pos)
            before = text[pos : pos + 2]
            if before in _CONTEXTUAL:
                strong = _verdict(text, pos, before, lines)
                if strong is None:
                    continue
                gate = gate or strong
            elif not gate and after in STRONG:
                gate = True
            found.append((pos, lines.line, pos - lines.start + 1, after))
    if not gate:
        return text, []
    pieces: list[str] = []
    repairs: list[Repair] = []
    last = 0
    for pos, line, column, after in found:
        pieces.append(text[last:pos])
        pieces.append(after)
        last = pos + 2
        repairs.append(Repair(line, column, text[pos:last], after))
    pieces.append(text[last:])
    return "".join(pieces), repairs
