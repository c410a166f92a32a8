"""Tests for newsbilingual.ingest.mojibake: GBK punctuation read as Latin-1/cp1252."""

from __future__ import annotations

import pytest
from conftest import shared_file
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from newsbilingual.ingest.decode import decode_text
from newsbilingual.ingest.mojibake import STRONG, TOKENS, WEAK, Repair, repair_gbk_mojibake

# Genuine Latin-1 text that must never change (the research note's list, and more).
LATIN1 = [
    "café",
    "naïve résumé",
    "Müller",
    "¡Hola! ¿Qué tal?",
    "Señor Muñoz, 25°C, ±5%",
    "£5 and £½m",
    "«Bonjour»",
    "©Apple",
    "x²+y³",
    "¡Ámame!",
    "¡¿Qué pasa?!",
    "¡¡Qué golazo!!",
    "«Ça coûte 5£»",
    "¡£20 millones!",
    "¡«Viva»!",
    "Größe, réélu, Éclair, Œuvre, Ÿ",
    "¶ 3 § 4 ¼ ½ ¾ µm ® ™ ¬ ¯ ¨ ·",
]

# The brief's damage list: damaged form -> repaired character.
DAMAGE = {
    "¡°": "“",
    "¡±": "”",
    "¡®": "‘",
    "¡¯": "’",
    "¨C": "–",
    "¡õ": "□",
    "¡¢": "、",
    "¡£": "。",
    "£¬": "，",
    "¡ª": "—",
    "¡\xad": "…",
    "£º": "：",
    "£»": "；",
    "£¨": "（",
    "£©": "）",
    "£¡": "！",
    "£¿": "？",
    "¡¶": "《",
    "¡·": "》",
}

MARKED = "He said ¡°hello¡± "  # a line with real damage that opens the gate
MARKED_FIXED = "He said “hello” "


def damage(text: str, chars: str) -> str:
    """Encode the given characters of ``text`` as GBK and read the bytes as Latin-1."""
    return "".join(ch.encode("gbk").decode("latin-1") if ch in chars else ch for ch in text)


# --- the seed ---------------------------------------------------------------------------


SEED_REPAIRS = [  # (line, column, before, after), counted by hand from the seed file
    (7, 133, "¨C", "–"),  # "in the industry ¨C the shortest SEA"
    (9, 178, "¡°", "“"),  # "high-tech zone. ¡°The high-tech zone has given"
    (15, 427, "¡±", "”"),  # "more and more strong.¡± said Dong Hong"
    (21, 150, "¨C", "–"),  # "top 500 ¨C Air Liquide"
    (26, 1, "¡õ", "□"),  # "¡õFang Fayong" (the byline marker, at the line start)
    (28, 272, "¡¯", "’"),  # "people¡¯s applause"
    (30, 230, "¨C", "–"),  # "work method\" ¨C leaders command"
]


@pytest.fixture(scope="module")
def raw_seed_text() -> str:
    """The seed as received, damage included (conftest's ``seed_text`` is the repaired one)."""
    seed = shared_file("seeds/000_046605fd08b83dcb.txt")
    return decode_text(seed.read_bytes(), source=seed.name).text


def test_seed_repairs_exactly_what_the_seed_needs(raw_seed_text: str) -> None:
    fixed, repairs = repair_gbk_mojibake(raw_seed_text)
    assert [(r.line, r.column, r.before, r.after) for r in repairs] == SEED_REPAIRS
    assert "¡" not in fixed
    assert "¨" not in fixed
    assert "\u00a8" not in fixed and "\u00a1" not in fixed
    assert "people’s applause" in fixed
    assert "\n□Fang Fayong\n" in fixed
    assert fixed.count("–") == 3
    assert len(fixed) == len(raw_seed_text) - len(SEED_REPAIRS)


def test_seed_positions_point_into_the_input(raw_seed_text: str) -> None:
    lines = raw_seed_text.split("\n")
    for line, column, before, _after in SEED_REPAIRS:
        assert lines[line - 1][column - 1 : column + 1] == before


def test_seed_repair_is_idempotent(raw_seed_text: str) -> None:
    fixed, _ = repair_gbk_mojibake(raw_seed_text)
    assert repair_gbk_mojibake(fixed) == (fixed, [])


# --- the damage list ---------------------------------------------------------------------


@pytest.mark.parametrize(("before", "after"), DAMAGE.items())
def test_each_listed_damage_is_repaired(before: str, after: str) -> None:
    text = f"{MARKED}word{before}word"
    fixed, repairs = repair_gbk_mojibake(text)
    assert fixed == f"{MARKED_FIXED}word{after}word"
    assert repairs[-1] == Repair(1, len(MARKED) + 5, before, after)


def test_whitelist_keys_are_the_gbk_bytes_read_as_latin1() -> None:
    for before, after in TOKENS.items():
        assert after.encode("gbk").decode("latin-1") == before
        assert after in STRONG + WEAK
    for before, after in DAMAGE.items():
        assert TOKENS[before] == after


def test_research_note_sample() -> None:
    fixed, repairs = repair_gbk_mojibake("He said, ¡°hello¡± ¨C ok ¡õFang")
    assert fixed == "He said, “hello” – ok □Fang"
    found = [(r.column, r.before) for r in repairs]
    assert found == [(10, "¡°"), (17, "¡±"), (20, "¨C"), (26, "¡õ")]


def test_runs_of_damage_and_ellipsis() -> None:
    text = "Wait¡­¡­ he said¡£¡±£¨see¡¶Daily¡·£©"
    assert repair_gbk_mojibake(text)[0] == "Wait…… he said。”（see《Daily》）"


# --- genuine Latin-1 is never changed ------------------------------------------------------


@pytest.mark.parametrize("text", LATIN1)
def test_latin1_alone_is_unchanged(text: str) -> None:
    assert repair_gbk_mojibake(text) == (text, [])


@pytest.mark.parametrize("text", LATIN1)
def test_latin1_is_unchanged_next_to_real_damage(text: str) -> None:
    damaged = f"{MARKED}{text} ¨C end\n{text}\n¡õ {text}£¬ ok"
    fixed, repairs = repair_gbk_mojibake(damaged)
    assert fixed == f"{MARKED_FIXED}{text} – end\n{text}\n□ {text}， ok"
    assert [r.after for r in repairs] == ["“", "”", "–", "□", "，"]


def test_quotes_fixed_and_pound_kept() -> None:
    assert repair_gbk_mojibake("¡°hello¡± costs £5")[0] == "“hello” costs £5"


# --- the document gate --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Xinhua¨Cthe agency",  # en dash outside dash position: weak
        "¡¾Xinhua¡¿ Beijing",  # brackets are weak
        "Price£¡ now£¿",  # fullwidth ! ? are weak
        "25¡æ today",  # ℃ is weak
    ],
)
def test_weak_damage_alone_does_not_open_the_gate(text: str) -> None:
    assert repair_gbk_mojibake(text) == (text, [])


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("from 1990¨C2000", "from 1990–2000"),
        ("A ¨C B", "A – B"),
        ("¨C dash at the start\n", "– dash at the start\n"),
        ("¡õFang Fayong", "□Fang Fayong"),
        ("people¡¯s", "people’s"),
    ],
)
def test_a_single_strong_marker_opens_the_gate(text: str, fixed: str) -> None:
    assert repair_gbk_mojibake(text)[0] == fixed


def test_weak_damage_is_repaired_once_the_gate_is_open() -> None:
    text = "¡°x¡± Xinhua¨Cthe ¡¾Xinhua¡¿ 25¡æ Price£¡"
    assert repair_gbk_mojibake(text)[0] == "“x” Xinhua–the 【Xinhua】 25℃ Price！"


# --- context rules ------------------------------------------------------------------------


def test_closing_bracket_needs_an_opening_bracket_on_its_line() -> None:
    text = "¡°x¡± ¡¿Qué pasa?!\n¡¾Xinhua¡¿ ¡¿Qué\n【Real¡¿"
    fixed, _ = repair_gbk_mojibake(text)
    assert fixed == "“x” ¡¿Qué pasa?!\n【Xinhua】 】Qué\n【Real】"


def test_semicolon_inside_french_guillemets_is_kept() -> None:
    text = "¡°x¡± «Ça coûte 5£» et «oui» yuan£»the end"
    assert repair_gbk_mojibake(text)[0] == "“x” «Ça coûte 5£» et «oui» yuan；the end"


def test_full_stop_before_a_number_at_word_start_is_kept() -> None:
    text = "¡°x¡± ¡£20 millones! growth¡£2019 was good"
    assert repair_gbk_mojibake(text)[0] == "“x” ¡£20 millones! growth。2019 was good"


# --- alignment ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("¡°x¡± café¡± ok", "“x” café” ok"),  # Latin-1 letter glued before the damage
        ("¡°été¡±", "“été”"),  # ... after and before
        ("¡°x¡± “¡ªreal quote", "“x” “—real quote"),  # a cp1252-range character glued
        ("¡°x¡± \xa0¡°nbsp¡±\xa0", "“x” \xa0“nbsp”\xa0"),
        ("¡°x¡±¨C y", "“x”– y"),  # ¨C after a repaired pair
    ],
)
def test_latin1_glued_to_damage(text: str, fixed: str) -> None:
    assert repair_gbk_mojibake(text)[0] == fixed


def test_damage_between_two_latin1_letters_is_left_alone() -> None:
    # 'é¡°é' reads as two GB2312 hanzi (E9A1 B0E9): ambiguous, so nothing is changed there.
    text = "¡°x¡± é¡°é"
    assert repair_gbk_mojibake(text)[0] == "“x” é¡°é"


def test_dash_after_a_high_character_is_left_alone() -> None:
    # 'Ã¨' is UTF-8 'è' read as Latin-1; U+2028 read as Latin-1 is 'â\x80¨'.
    text = "¡°x¡± crÃ¨Che â\x80¨Chapter"
    assert repair_gbk_mojibake(text)[0] == "“x” crÃ¨Che â\x80¨Chapter"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_box_at_line_start(newline: str) -> None:
    text = f"¡õAuthor{newline}¡õFang Fayong{newline}x"
    fixed, repairs = repair_gbk_mojibake(text)
    assert fixed == f"□Author{newline}□Fang Fayong{newline}x"
    assert len(repairs) == 2


def test_line_and_column_are_one_based_in_the_input() -> None:
    text = "first\n\n  ¡°a¡±\r\nsecond ¡ª¡ª x"
    _, repairs = repair_gbk_mojibake(text)
    assert [(r.line, r.column, r.before) for r in repairs] == [
        (3, 3, "¡°"),
        (3, 6, "¡±"),
        (4, 8, "¡ª"),
        (4, 10, "¡ª"),
    ]


# --- hanzi --------------------------------------------------------------------------------


def test_damaged_hanzi_stay_as_they_are() -> None:
    text = damage("“x” 他说“你好”", "“”他说你好")
    # Only the punctuation of the (aligned, all-GB2312) stretch is repaired.
    fixed, repairs = repair_gbk_mojibake(text)
    assert fixed == "“x” ËûËµ“ÄãºÃ”"
    assert [r.after for r in repairs] == ["“", "”", "“", "”"]


def test_damaged_hanzi_alone_do_not_open_the_gate() -> None:
    text = damage("你好", "你好")
    assert repair_gbk_mojibake(text) == (text, [])


# --- properties ---------------------------------------------------------------------------

ASCII_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
ASCII_WORDS = st.text(alphabet=ASCII_LETTERS, min_size=1, max_size=8)
CHINESE_WORDS = st.text(alphabet="中国新闻记者项目建设高新区的了是在绵阳", min_size=1, max_size=6)
LATIN1_WORDS = st.sampled_from([*LATIN1, "Øresund", "façade", "Ærø", "œuvre", "naïveté", "25°C"])
EUROPEAN_LETTERS = "àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝßŒœŠšŸ"
LATIN1_LETTERS = st.text(alphabet=EUROPEAN_LETTERS, max_size=6)
CJK_PUNCT = st.sampled_from(list("“”‘’–□、。，…：（）《》"))
SEPARATOR = st.sampled_from(["", " ", "\n", ", ", ". "])


@st.composite
def clean_texts(draw: st.DrawFn) -> str:
    """Realistic clean text: English, Chinese, European Latin-1 and mixtures."""
    pieces = draw(
        st.lists(
            st.one_of(ASCII_WORDS, CHINESE_WORDS, LATIN1_WORDS, LATIN1_LETTERS, CJK_PUNCT),
            max_size=30,
        )
    )
    seps = draw(st.lists(SEPARATOR, min_size=len(pieces), max_size=len(pieces)))
    return "".join(p + s for p, s in zip(pieces, seps, strict=True))


@st.composite
def punctuated_texts(draw: st.DrawFn) -> str:
    """Clean text with Chinese-style punctuation; Latin-1 words are set off by spaces."""
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 25))):
        kind = draw(st.integers(0, 3))
        if kind == 0:
            parts.append(draw(ASCII_WORDS))
        elif kind == 1:
            parts.append(draw(CHINESE_WORDS))
        elif kind == 2:
            parts.append(f" {draw(LATIN1_WORDS)} ")
        else:
            parts.append(draw(CJK_PUNCT))
        parts.append(draw(SEPARATOR))
    text = "".join(parts)
    assume(any(ch in STRONG for ch in text))
    return text


PUNCT = "“”‘’–□、。，…：（）《》"


@settings(max_examples=300, deadline=None)
@given(clean_texts())
def test_property_clean_text_is_never_altered(text: str) -> None:
    assert repair_gbk_mojibake(text) == (text, [])


@settings(max_examples=300, deadline=None)
@given(punctuated_texts())
def test_property_damage_then_repair_gives_the_original(text: str) -> None:
    damaged = damage(text, PUNCT)
    fixed, repairs = repair_gbk_mojibake(damaged)
    assert fixed == text
    assert len(repairs) == sum(ch in PUNCT for ch in text)
    lines = damaged.split("\n")
    for r in repairs:
        assert lines[r.line - 1][r.column - 1 : r.column + 1] == r.before
        assert TOKENS[r.before] == r.after


@settings(max_examples=100, deadline=None)
@given(punctuated_texts())
def test_property_dash_alone_in_dash_position_is_repaired(text: str) -> None:
    text = text.replace("–", "") + " 1990–2000 "
    clean = text
    for ch in STRONG:
        clean = clean.replace(ch, "")
    assert repair_gbk_mojibake(damage(clean, "–"))[0] == clean


NASTY = st.lists(
    st.one_of(
        st.characters(min_codepoint=0x20, max_codepoint=0xFF),
        st.sampled_from(list("\n\r CD0123€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ中文【】«»")),
        st.sampled_from([*TOKENS, "¡¾", "¡¿", "£»", "¡£", "¨C", "ËûËµ", "¹ú"]),
    ),
    max_size=40,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(NASTY)
def test_property_repair_is_idempotent(text: str) -> None:
    once, repairs = repair_gbk_mojibake(text)
    assert repair_gbk_mojibake(once) == (once, [])
    assert len(once) == len(text) - len(repairs)


@settings(max_examples=200, deadline=None)
@given(clean_texts())
def test_property_idempotent_on_damaged_realistic_text(text: str) -> None:
    once, _ = repair_gbk_mojibake(damage(text, PUNCT))
    assert repair_gbk_mojibake(once) == (once, [])


# --- large inputs (their speed is measured in benchmarks/bench_inputs.py) ---------------------


def test_large_text_is_repaired() -> None:
    damaged = f"{MARKED}café Müller, 25°C£¬ naïve ¨C ok¡£ 中文新闻。\n"
    paragraph = damaged + "The quick brown fox. " * 40 + "\n"
    text = paragraph * 6_000  # about 6 MB
    fixed, repairs = repair_gbk_mojibake(text)
    assert len(repairs) == 5 * 6_000
    assert "¡" not in fixed


def test_one_long_line_is_repaired() -> None:
    line = "¡°x¡± «a» £» ¡¾b¡¿ " * 6_000  # one line of 100 kB (the 1 MB line is in the benchmark)
    fixed, repairs = repair_gbk_mojibake(line)
    assert len(repairs) == 5 * 6_000
    assert repairs[-1].line == 1
    assert "£»" not in fixed


def test_a_reading_that_would_make_a_new_token_is_not_taken():
    # ¡ + ¡¤ + ¡° would give ¡·“, and ¡· is itself a token (》): the stretch is left as it is.
    assert repair_gbk_mojibake("¡¡¤¡°") == ("¡¡¤¡°", [])
