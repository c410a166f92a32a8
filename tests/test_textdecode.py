"""Tests for newsbilingual.ingest.decode: decoding any text file a news desk receives."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from newsbilingual.ingest.decode import DecodedText, TextDecodeError, decode_text

DATA = Path(__file__).resolve().parent / "data"

# A real Chinese news paragraph (from the Mianyang Daily story the seed translates).
ZH_NEWS = (
    "绵阳讯（记者 邓雪林）“对企业来说，抓建设就是抓效益。目前，我们在生产时间上已作了两次调整，"
    "比原定时间至少提前5个月，创造了令人难以置信的建设速度！”12月22日一大早，京东方项目总指挥长"
    "常成来到绵阳高新区，就项目建设过程中遇到的问题与高新区面对面交流。今年1至11月，高新区完成"
    "固定资产投资121.1亿元，同比增长18.3%；其中工业投资72.68亿元，增长68.4%。"
)
# Traditional Chinese in GBK: many characters come from the GBK extension, not GB2312.
ZH_TRADITIONAL = "".join(
    [
        "中華人民共和國國務院總理在會議上發表講話，",
        "強調經濟發展與環境保護並重。iPhone手機與Windows視窗。",
    ]
)
# Western text as cp1252: the first fails GB18030 outright; the others are valid GB18030 byte
# strings (M黮ler, Gr鲞e, ...) that the acceptance rule must refuse.
CP1252_TEXTS = [
    "Le café de Müller: une naïve résumé, déjà vu.",
    "café",
    "Müller Größe naïve",
    "naïve résumé",
    "Größe",
    "Der Fußball-Verein München hat über die Zukunft gesprochen. Schöne Grüße aus Österreich",
    "École Ärger Œuvre",
    "¡Hola! ¿Qué tal? «Bonjour» 25°C ±5% £5 “quoted” – 10€",
]


# --- the happy paths ------------------------------------------------------------------------


def test_plain_utf8() -> None:
    result = decode_text("Hello 中文 café\n".encode())
    assert result == DecodedText("Hello 中文 café\n", "utf-8", "\n")


def test_utf8_with_bom() -> None:
    result = decode_text(codecs.BOM_UTF8 + "“新闻” news\r\n".encode())
    assert result == DecodedText("“新闻” news\n", "utf-8-sig", "\r\n")


UTF16 = [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)]
UTF32 = [("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE)]


@pytest.mark.parametrize(("codec", "bom"), UTF16)
def test_utf16_with_bom(codec: str, bom: bytes) -> None:
    text = "Line 1 中文\r\nLine 2 😀 café\r\n"
    result = decode_text(bom + text.encode(codec))
    assert result == DecodedText(text.replace("\r\n", "\n"), "utf-16", "\r\n")


@pytest.mark.parametrize(("codec", "bom"), UTF32)
def test_utf32_with_bom(codec: str, bom: bytes) -> None:
    result = decode_text(bom + "新闻 news\n".encode(codec))
    assert result == DecodedText("新闻 news\n", "utf-32", "\n")


def test_utf16_with_nul_bytes_is_fine() -> None:
    # UTF-16 is full of NUL bytes: they only mean "binary" without a BOM.
    data = codecs.BOM_UTF16_LE + b"A\x00B\x00"
    assert decode_text(data).text == "AB"


def test_encoding_name_decodes_the_file() -> None:
    for data in (
        codecs.BOM_UTF16_BE + "x".encode("utf-16-be"),
        codecs.BOM_UTF8 + b"x",
        ZH_NEWS.encode("gbk"),
        "café".encode("cp1252"),
    ):
        result = decode_text(data)
        assert data.decode(result.encoding).lstrip("\ufeff") == result.text


def test_gbk_chinese_news_comes_out_as_chinese() -> None:
    data = ZH_NEWS.encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert decode_text(data) == DecodedText(ZH_NEWS, "gb18030", "\n")


def test_gbk_chinese_with_crlf_and_english() -> None:
    text = "标题：绵阳高新区\r\n(Mianyang News) 高新区“高新服务”加速项目落地。\r\n"
    result = decode_text(text.encode("gbk"))
    assert result == DecodedText(text.replace("\r\n", "\n"), "gb18030", "\r\n")


def test_english_with_chinese_punctuation_in_gbk() -> None:
    # How the seed story was first saved: English typed on a Chinese desk, stored as GBK.
    text = "He said, “hello” – the people’s choice（2019）…\n□Fang Fayong、《Daily》。"
    data = text.encode("gbk")
    assert decode_text(data) == DecodedText(text, "gb18030", "\n")
    # Read as cp1252 instead, the same bytes are the seed's damage.
    assert data.decode("cp1252").startswith("He said, ¡°hello¡± ¨C the people¡¯s")


def test_traditional_chinese_in_gbk() -> None:
    assert decode_text(ZH_TRADITIONAL.encode("gbk")).text == ZH_TRADITIONAL


def test_gb18030_four_byte_characters() -> None:
    # A rare ideograph (CJK Extension B) and an emoji need GB18030's four-byte sequences.
    text = ZH_NEWS + "𠀀😀"
    data = text.encode("gb18030")
    assert decode_text(data) == DecodedText(text, "gb18030", "\n")


@pytest.mark.parametrize("text", CP1252_TEXTS)
def test_cp1252_western_text(text: str) -> None:
    assert decode_text(text.encode("cp1252")) == DecodedText(text, "cp1252", "\n")


def test_some_cp1252_texts_are_valid_gb18030_but_refused() -> None:
    data = "Müller Größe naïve".encode("cp1252")
    assert data.decode("gb18030") == "M黮ler Gr鲞e na飗e"
    assert decode_text(data).encoding == "cp1252"


def test_gbk_mojibake_seed_style_utf8_stays_utf8() -> None:
    # The seed's damage (GBK read as Latin-1, then saved as UTF-8) is valid UTF-8: decoding
    # does not touch it; newsbilingual.ingest.mojibake repairs it.
    data = "He said, ¡°hello¡± ¨C ok".encode()
    assert decode_text(data) == DecodedText("He said, ¡°hello¡± ¨C ok", "utf-8", "\n")


# --- line endings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "text", "ending"),
    [
        ("a\nb\n", "a\nb\n", "\n"),
        ("a\r\nb\r\n", "a\nb\n", "\r\n"),
        ("a\rb\r", "a\nb\n", "\r"),
        ("a\r\nb\nc", "a\nb\nc", "mixed"),
        ("a\rb\r\n", "a\nb\n", "mixed"),
        ("a\r\n\rb", "a\n\nb", "mixed"),
        ("no line break", "no line break", "\n"),
        ("\r\n", "\n", "\r\n"),
    ],
)
def test_line_endings(raw: str, text: str, ending: str) -> None:
    for data in (raw.encode(), raw.encode("gbk"), codecs.BOM_UTF16_LE + raw.encode("utf-16-le")):
        result = decode_text(data)
        assert (result.text, result.line_ending) == (text, ending)


# --- rejections -----------------------------------------------------------------------------


def test_empty_file() -> None:
    with pytest.raises(TextDecodeError, match=r"^story\.txt: empty file$") as info:
        decode_text(b"", source="story.txt")
    assert (info.value.source, info.value.offset, info.value.bytes_seen) == ("story.txt", 0, b"")


@pytest.mark.parametrize("bom", [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE])
def test_bom_only_is_empty(bom: bytes) -> None:
    with pytest.raises(TextDecodeError, match="empty file"):
        decode_text(bom, source="x.txt")


def test_binary_file_with_nul() -> None:
    data = b"GIF89a" + b"\x00\x01\x02\x03"
    with pytest.raises(TextDecodeError) as info:
        decode_text(data, source="photo.gif")
    error = info.value
    assert isinstance(error, ValueError)
    assert (error.source, error.offset, error.bytes_seen) == ("photo.gif", 6, b"\x00\x01\x02\x03")
    assert error.line == 1
    assert str(error).startswith("photo.gif:1: byte offset 6: NUL byte in b'\\x00\\x01\\x02\\x03'")


def test_utf16_without_bom_is_refused_as_binary() -> None:
    with pytest.raises(TextDecodeError, match="NUL"):
        decode_text("news".encode("utf-16-le"))


def test_nul_in_utf8_with_bom() -> None:
    with pytest.raises(TextDecodeError, match="byte offset 4: NUL"):
        decode_text(codecs.BOM_UTF8 + b"a\x00b")


def test_nul_character_in_utf16() -> None:
    with pytest.raises(TextDecodeError, match="byte offset 4: NUL") as info:
        decode_text(codecs.BOM_UTF16_LE + "a\x00b".encode("utf-16-le"))
    assert info.value.bytes_seen == b"\x00\x00b\x00"


def test_undecodable_bytes_name_source_offset_and_bytes() -> None:
    # 0x81 is undefined in cp1252 and "\x81 " is no GB18030 sequence.
    data = b"story text " * 100 + b"x\x81 \xff end"
    with pytest.raises(TextDecodeError) as info:
        decode_text(data, source="story.txt")
    error = info.value
    assert error.offset == 1101
    assert error.bytes_seen == b"\x81 \xff "
    expected = "cannot decode b'\\x81\\x20\\xff\\x20' as UTF-8, GB18030 or cp1252"
    assert str(error) == f"story.txt:1: byte offset 1101: {expected}"


def test_offset_is_where_utf8_fails() -> None:
    data = "中文".encode() + b"\xc3\x28\x81 "
    with pytest.raises(TextDecodeError) as info:
        decode_text(data)
    assert info.value.offset == 6
    assert info.value.bytes_seen == b"\xc3\x28\x81 "


def test_control_characters_in_cp1252_data_are_refused_where_they_are() -> None:
    with pytest.raises(TextDecodeError, match=r"byte offset 4: U\+0001 .* a character XML cannot carry") as info:
        decode_text(b"caf\xe9\x01\x02")
    assert (info.value.character, info.value.line) == ("\x01", 1)


def test_truncated_utf16() -> None:
    message = r"byte offset 4: cannot decode b'\\x42' as UTF-16-LE"
    with pytest.raises(TextDecodeError, match=message):
        decode_text(codecs.BOM_UTF16_LE + b"A\x00B")


def test_lone_surrogate_in_utf16() -> None:
    with pytest.raises(TextDecodeError, match="byte offset 4") as info:
        decode_text(codecs.BOM_UTF16_LE + b"A\x00\x00\xd8B\x00")
    assert info.value.offset == 4


def test_invalid_utf8_after_bom() -> None:
    with pytest.raises(TextDecodeError, match=r"byte offset 5: cannot decode b'\\xff' as UTF-8"):
        decode_text(codecs.BOM_UTF8 + b"ab\xff")


def test_error_line_counts_every_kind_of_line_end() -> None:
    data = b"one\rtwo\r\nthree\nfour \x81\x20"  # 0x81 decodes in no accepted encoding
    with pytest.raises(TextDecodeError) as info:
        decode_text(data, source="x.txt")
    assert (info.value.line, info.value.offset) == (4, 20)
    assert str(info.value).startswith("x.txt:4: byte offset 20: ")


# --- GBK Chinese with a bad or missing byte ----------------------------------------------------

ZH_LINES = "“高新服务”跑出项目落地加速度\r\n\r\n" + ZH_NEWS + "\r\n" + ZH_NEWS + "\r\n"


@pytest.mark.parametrize("bad", [b"\xff", b"\x80"])
def test_gbk_with_a_bad_byte_is_refused_at_that_byte(bad: bytes) -> None:
    data = ZH_LINES.encode("gbk")
    offset = len((ZH_LINES[:40]).encode("gbk"))  # in the paragraph (line 3), between characters
    damaged = data[:offset] + bad + data[offset:]
    assert damaged.decode("cp1252")  # cp1252 would take it (0x80 is the euro sign): gibberish
    with pytest.raises(TextDecodeError) as info:
        decode_text(damaged, source="zh.txt")
    error = info.value
    assert (error.offset, error.line, error.bytes_seen[:1]) == (offset, 3, bad)
    assert "looks like GBK/GB18030 Chinese, so the file has a bad or missing byte here" in error.reason


def test_gbk_with_a_bad_byte_inside_a_character_points_at_that_character() -> None:
    data = ZH_LINES.encode("gbk")
    offset = len((ZH_LINES[:40]).encode("gbk"))
    with pytest.raises(TextDecodeError) as info:
        decode_text(data[: offset + 1] + b"\xff" + data[offset + 1 :])
    assert info.value.offset == offset  # the lead byte whose trail byte is bad


def test_gbk_cut_in_the_middle_of_a_character_is_refused() -> None:
    data = ZH_LINES.encode("gbk")
    cut = len((ZH_LINES[:40]).encode("gbk")) + 1
    with pytest.raises(TextDecodeError, match="GBK/GB18030") as info:
        decode_text(data[:cut], source="zh.txt")
    assert (info.value.offset, info.value.line) == (cut - 1, 3)


def test_the_reviewers_damaged_local_paper_is_refused_not_read_as_cp1252() -> None:
    data = (DATA / "zh-local-news.txt").read_text("utf-8").encode("gbk")
    assert (data[:200] + b"\xff" + data[200:]).decode("cp1252")  # what used to be accepted
    with pytest.raises(TextDecodeError, match="GBK/GB18030") as info:
        decode_text(data[:200] + b"\xff" + data[200:])
    assert info.value.line == 5


def test_utf8_chinese_with_a_bad_byte_is_not_called_gbk() -> None:
    data = ZH_NEWS.encode()
    offset = len(ZH_NEWS[:50].encode())
    with pytest.raises(TextDecodeError, match="as UTF-8, GB18030 or cp1252") as info:
        decode_text(data[:offset] + b"\xff" + data[offset:])
    assert info.value.offset == offset


def test_english_with_gbk_punctuation_and_a_bad_byte_stays_cp1252() -> None:
    # No hanzi: this is the seed's case (English saved as GBK), which cp1252 plus the mojibake
    # repair handles; one bad byte does not make it Chinese.
    data = "He said, “hello” – the people’s choice.".encode("gbk") + b"\xff"
    assert decode_text(data).encoding == "cp1252"


# --- characters XML cannot carry ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("char", "name"),
    [("\x0c", "form feed"), ("\x0b", "vertical tab"), ("\x01", "control character"), ("\x1a", "end-of-file mark")],
)
@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "cp1252", "utf-16", "utf-8-sig"])
def test_control_characters_are_refused_with_their_line(char: str, name: str, encoding: str) -> None:
    text = {"gbk": ZH_NEWS, "cp1252": "Größe café"}.get(encoding, "Hello 中文")
    head = f"{text}\r\n\r\n{text} "
    data = (head + char + " more\n").encode(encoding)
    with pytest.raises(TextDecodeError) as info:
        decode_text(data, source="copy.txt")
    error = info.value
    assert (error.character, error.line) == (char, 3)
    prefix = codecs.BOM_UTF16_LE if encoding == "utf-16" else b""  # Python's utf-16 writes LE with a BOM
    codec = "utf-16-le" if encoding == "utf-16" else encoding
    assert error.offset == len(prefix + head.encode(codec))
    assert f"U+{ord(char):04X} ({name})" in error.reason and "a character XML cannot carry" in error.reason
    assert str(error).startswith("copy.txt:3: byte offset ")


@pytest.mark.parametrize("char", ["\ufffe", "\uffff"])
@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16"])
def test_noncharacters_xml_cannot_carry_are_refused(char: str, encoding: str) -> None:
    head = f"{ZH_NEWS}\nb"
    with pytest.raises(TextDecodeError, match="noncharacter") as info:
        decode_text(f"{head}{char}\x01".encode(encoding))  # the first of the two is reported
    assert info.value.line == 2
    assert info.value.offset == len(head.encode(encoding))


def test_tab_and_line_ends_are_fine() -> None:
    assert decode_text(b"a\tb\r\nc\rd\n").text == "a\tb\nc\nd\n"


# --- properties -----------------------------------------------------------------------------

NOT_XML = "".join(map(chr, [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF]))
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=NOT_XML), min_size=1)
HANZI = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自"
    "二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变"
    "条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指"
    "几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安"
    "场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连"
    "断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属"
    "圆包火住调满县局照参红细引听该铁价严龙飞"
)
CHINESE = st.lists(
    st.one_of(
        st.text(HANZI, min_size=2, max_size=12),
        st.sampled_from([*"，。“”、：（） \n", " 2019 ", " BOE "]),
    ),
    min_size=1,
    max_size=40,
).map("".join)


def _not_utf8(data: bytes) -> None:
    """Skip the example if ``data`` is valid UTF-8: short GBK strings can be, and UTF-8 wins by design."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return
    assume(False)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_property_any_utf8_text(text: str) -> None:
    assume(not text.startswith("\ufeff"))  # that would be a BOM
    result = decode_text(text.encode())
    assert result.encoding == "utf-8"
    assert result.text == text.replace("\r\n", "\n").replace("\r", "\n")


@settings(max_examples=200, deadline=None)
@given(TEXT, st.sampled_from(["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]))
def test_property_any_text_with_bom(text: str, codec: str) -> None:
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(
        codec, codecs.BOM_UTF32_LE if codec == "utf-32-le" else codecs.BOM_UTF32_BE
    )
    result = decode_text(bom + text.encode(codec))
    assert result.text == text.replace("\r\n", "\n").replace("\r", "\n")
    assert result.encoding == codec[:6]


@settings(max_examples=300, deadline=None)
@given(CHINESE)
def test_property_gbk_chinese_is_chinese(text: str) -> None:
    data = text.encode("gbk")
    _not_utf8(data)
    result = decode_text(data)
    assert result.encoding == "gb18030"
    assert result.text == text.replace("\r\n", "\n")


ENGLISH_WITH_CJK_PUNCTUATION = st.lists(
    st.one_of(
        st.sampled_from(["He", "said", "people", "s", "BOE", "Mianyang", "2019", " ", "\n"]),
        st.sampled_from(list("“”‘’–□、。，…：（）《》！？")),
    ),
    min_size=1,
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(ENGLISH_WITH_CJK_PUNCTUATION)
def test_property_english_with_cjk_punctuation_in_gbk(text: str) -> None:
    data = text.encode("gbk")
    _not_utf8(data)  # ASCII only, or (rarely) valid UTF-8 by chance
    result = decode_text(data)
    assert (result.text, result.encoding) == (text, "gb18030")


LATIN_WORDS = st.sampled_from(
    [
        *["café", "Müller", "naïve", "résumé", "Größe", "déjà", "über"],
        *["Ærø", "façade", "Señor", "el", "and", "die"],
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(LATIN_WORDS, min_size=1, max_size=20).map(" ".join))
def test_property_cp1252_western_text_is_cp1252(text: str) -> None:
    data = text.encode("cp1252")
    assume(not data.isascii())
    assert decode_text(data) == DecodedText(text, "cp1252", "\n")


@settings(max_examples=200, deadline=None)
@given(CHINESE, st.data())
def test_property_gbk_chinese_with_a_bad_byte_is_refused_there(text: str, data: st.DataObject) -> None:
    encoded = text.encode("gbk")
    hanzi = sum("\u4e00" <= ch <= "\u9fff" for ch in text)
    assume(hanzi >= 10)
    cut = data.draw(st.integers(0, len(text)))  # a character boundary
    offset = len(text[:cut].encode("gbk"))
    damaged = encoded[:offset] + b"\xff" + encoded[offset:]
    _not_utf8(damaged[:offset])  # UTF-8 must fail before the bad byte
    with pytest.raises(TextDecodeError, match="GBK/GB18030") as info:
        decode_text(damaged)
    assert info.value.offset == offset
    assert info.value.line == text[:cut].count("\n") + 1


@settings(max_examples=200, deadline=None)
@given(TEXT, st.sampled_from(NOT_XML[1:]), st.sampled_from(["utf-8", "utf-16-le", "utf-32-be"]), st.data())
def test_property_a_character_xml_cannot_carry_is_refused_at_its_line(
    text: str, char: str, codec: str, data: st.DataObject
) -> None:
    assume(not text.startswith("\ufeff"))
    at = data.draw(st.integers(0, len(text)))
    before = text[:at]
    bom = {"utf-8": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-32-be": codecs.BOM_UTF32_BE}[codec]
    with pytest.raises(TextDecodeError) as info:
        decode_text(bom + (before + char + text[at:]).encode(codec))
    assert info.value.character == char
    assert info.value.offset == len(bom + before.encode(codec))
    assert info.value.line == before.count("\n") + before.count("\r") - before.count("\r\n") + 1


# --- large inputs (their speed is measured in benchmarks/bench_inputs.py) ---------------------


def test_large_files_are_decoded() -> None:
    for data, encoding in (
        (("The quick brown fox, café Müller 中文.\r\n" * 300_000).encode(), "utf-8"),
        (((ZH_NEWS + "\n") * 50_000).encode("gbk"), "gb18030"),
        (("Le café de Müller, naïve résumé.\n" * 300_000).encode("cp1252"), "cp1252"),
    ):
        assert decode_text(data).encoding == encoding


def test_one_long_line_is_decoded() -> None:
    data = ("中文，" * 200_000).encode("gbk") + b"\r\n"
    result = decode_text(data)
    assert result.encoding == "gb18030"
    assert result.line_ending == "\r\n"
