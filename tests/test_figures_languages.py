"""Figures written as each language writes them (issue 19, item 4): month names alone from CLDR,
percentage points in other languages, and numbers that mix digits with scale characters
(121억1천만, 12亿3000万). The values read are pinned, and a slip in those figures is still found.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

import newsbilingual as nb
from newsbilingual.check.figures import MONTH, NUMBER, PERCENT, POINTS


def read(text: str, language: str) -> list[tuple[str, str, object, str]]:
    return [(f.text, f.kind, f.value, f.unit) for f in nb.read_figures(text, language)]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("fr", "de janvier à novembre", [("janvier", MONTH, 1, ""), ("novembre", MONTH, 11, "")]),
        ("de", "von Januar bis November", [("Januar", MONTH, 1, ""), ("November", MONTH, 11, "")]),
        ("de", "im Mai und im März", [("Mai", MONTH, 5, ""), ("März", MONTH, 3, "")]),
        ("ru", "с января по ноябрь", [("января", MONTH, 1, ""), ("ноябрь", MONTH, 11, "")]),
        ("ar", "من يناير إلى نوفمبر", [("يناير", MONTH, 1, ""), ("نوفمبر", MONTH, 11, "")]),
        ("es", "de enero a noviembre", [("enero", MONTH, 1, ""), ("noviembre", MONTH, 11, "")]),
        # Declined: CLDR gives two cases (января, январь); their stem takes the others.
        ("ru", "в ноябре и в январе", [("ноябре", MONTH, 11, ""), ("январе", MONTH, 1, "")]),
        ("pl", "w listopadzie", [("listopadzie", MONTH, 11, "")]),
        # An abbreviation is a month with its dot; without it "Jan" is a name.
        ("fr", "de janv. à oct.", [("janv.", MONTH, 1, ""), ("oct.", MONTH, 10, "")]),
        ("de", "Jan kam", []),
    ],
)
def test_month_names_alone_are_read_in_every_cldr_language(language, text, expected):
    assert read(text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("fr", "87,7 points de pourcentage", "87.7"),
        ("de", "87,7 Prozentpunkte", "87.7"),
        ("ru", "87,7 процентного пункта", "87.7"),
        ("ar", "بـ87.7 نقطة مئوية", "87.7"),
        ("ja", "87.7ポイント", "87.7"),
        ("ko", "87.7%포인트", "87.7"),
        ("es", "2,5 puntos porcentuales", "2.5"),
    ],
)
def test_percentage_points_are_read_in_other_languages(language, text, value):
    ((_, kind, read_value, unit),) = read(text, language)
    assert (kind, read_value, unit) == (POINTS, Decimal(value), "")


@pytest.mark.parametrize(
    ("language", "text", "figure", "value", "unit"),
    [
        ("ko", "121억1천만 위안", "121억1천만", 12_110_000_000, ""),
        ("ko", "72억6천8백만 위안", "72억6천8백만", 7_268_000_000, ""),
        ("ko", "45억4천8백만 위안", "45억4천8백만", 4_548_000_000, ""),
        ("ko", "1조2천억원", "1조2천억원", 1_200_000_000_000, "won"),
        ("zh", "12亿3000万元", "12亿3000万元", 1_230_000_000, "yuan"),
        ("zh", "1万2千人", "1万2千", 12_000, ""),
    ],
)
def test_digits_mixed_with_scale_characters_are_one_figure(language, text, figure, value, unit):
    assert read(text, language) == [(figure, NUMBER, Decimal(value), unit)]


SOURCE = (
    "From January to November, investment was 12.11 billion yuan, 7.268 billion yuan of it industrial, "
    "87.7 percentage points ahead of schedule."
)
# The source as each language writes it, and (slip, what the source figure the slip misses reads).
TRANSLATIONS = {
    "fr": "De janvier à novembre, l'investissement a atteint 12,11 milliards de yuans, dont 7,268 milliards de "
    "yuans dans l'industrie, soit 87,7 points de pourcentage d'avance sur le calendrier.",
    "de": "Von Januar bis November beliefen sich die Investitionen auf 12,11 Milliarden Yuan, davon 7,268 "
    "Milliarden Yuan in der Industrie, 87,7 Prozentpunkte vor dem Zeitplan.",
    "ru": "С января по ноябрь инвестиции составили 12,11 млрд юаней, из них 7,268 млрд юаней в промышленность, "
    "на 87,7 процентного пункта опережая график.",
    "ar": "من يناير إلى نوفمبر بلغ الاستثمار 12.11 مليار يوان، منها 7.268 مليار يوان في الصناعة، متقدما على "
    "الجدول الزمني بـ87.7 نقطة مئوية.",
    "ja": "1月から11月までの投資は121.1億元で、うち工業投資は72.68億元、時間進度を87.7ポイント上回った。",
    "ko": "1~11월 투자는 121억1천만 위안으로, 이 가운데 산업 투자는 72억6천8백만 위안이며 일정보다 87.7%포인트 앞섰다.",
}
SLIPS = {
    "fr": [("novembre", "octobre", "November"), ("87,7 points", "78,7 points", "87.7 percentage points")],
    "de": [("November", "Oktober", "November"), ("87,7 Prozentpunkte", "87,7 %", "87.7 percentage points")],
    "ru": [("ноябрь", "октябре", "November"), ("7,268", "7,286", "7.268 billion yuan")],
    "ar": [("نوفمبر", "أكتوبر", "November"), ("87.7 نقطة مئوية", "87.7%", "87.7 percentage points")],
    "ja": [("11月", "10月", "November"), ("87.7ポイント", "8.77ポイント", "87.7 percentage points")],
    "ko": [("1~11월", "1~10월", "November"), ("121억1천만", "121억1백만", "12.11 billion yuan")],
}


@pytest.mark.parametrize("language", sorted(TRANSLATIONS))
def test_correct_translations_read_equal(language):
    assert nb.compare_figures(SOURCE, TRANSLATIONS[language], "en", language) == []


@pytest.mark.parametrize(
    ("language", "written", "slip", "missed"),
    [(language, *slip) for language, slips in sorted(SLIPS.items()) for slip in slips],
)
def test_a_wrong_month_or_figure_is_still_an_error(language, written, slip, missed):
    assert written in TRANSLATIONS[language]
    slipped = nb.compare_figures(SOURCE, TRANSLATIONS[language].replace(written, slip, 1), "en", language)
    assert [m.source.text for m in slipped if m.source] == [missed], slipped
    assert all(m.target for m in slipped), slipped  # the wrong figure is shown against the right one


def test_a_month_alone_the_source_does_not_have_is_soft():
    """A month name alone may be a word (fr "mars" is also the planet): only a month against a month counts."""
    assert nb.compare_figures("The probe reached orbit.", "La sonde a atteint Mars.", "en", "fr") == []
    assert [m.target.kind for m in nb.compare_figures("in May", "en mars", "en", "fr")] == [MONTH]


def test_a_percentage_is_not_percentage_points():
    assert read("18,3 %", "fr") == [("18,3 %", PERCENT, Decimal("18.3"), "")]
