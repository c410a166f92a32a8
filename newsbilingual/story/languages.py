"""The languages the library publishes in, and the one explicit map between their names.

Any language with CLDR data in Babel can be published. The same language has a different
name in each system it passes through, and guessing between them goes wrong (Python's gettext
never finds ``zh_CN`` from ``zh_Hans_CN``), so :func:`get_language` derives all of them by one
rule from whichever name it is given:

    tag (BCP 47)   folder     PO Language   Babel locale   also accepted
    en             en         en            en             en_US, en-GB
    zh-Hans        zh         zh_Hans       zh_Hans_CN     zh, zh_CN, zh_Hans
    zh-Hant        zh_Hant    zh_Hant       zh_Hant        zh_hant
    zh-Hant-TW     zh_TW      zh_Hant_TW    zh_Hant_TW     zh_TW, zh-TW, zh_Hant_TW
    zh-Hant-HK     zh_HK      zh_Hant_HK    zh_Hant_HK     zh_HK, zh-HK
    ja, fr         ja, fr     ja, fr        ja, fr         JA, Fr
    pt-BR          pt_BR      pt_BR         pt_BR          pt_br
    sr-Cyrl-RS     sr_Cyrl_RS sr_Cyrl_RS    sr_Cyrl_RS

* ``tag`` (NewsML-G2 ``xml:lang``, the API) is BCP 47: language, then script, then region,
  each in its conventional case. Chinese always names its script (``zh-TW`` is ``zh-Hant-TW``),
  because Simplified and Traditional are different editions.
* ``catalog_dir`` (the folder under ``locales/``) is the POSIX name gettext, msginit and
  Poedit use: the tag with underscores, where Chinese leaves out the script its region
  implies (``zh_TW``, ``zh_HK``, but ``zh_Hant`` without a region). ``zh-Hans`` keeps the
  folder ``zh`` it has always had. Any spelling of a name is accepted where a name is read,
  and every folder name reads back as its tag.
* ``po_code`` (the PO ``Language`` header, Weblate's code) is the tag with underscores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from ..errors import NewsbilingualError


@dataclass(frozen=True)
class Language:
    """One publishing language under all its names."""

    tag: str
    catalog_dir: str
    po_code: str
    babel_locale: str
    english_name: str

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.babel_locale)

    @property
    def plural_forms(self) -> str:
        """The PO ``Plural-Forms`` header: GNU gettext's (as msginit and Weblate write it) where
        CLDR counts other forms, else CLDR's (zh ``nplurals=1; plural=0;``)."""
        for tag in (self.tag, self.tag.split("-")[0]):
            if tag in GNU_PLURAL_FORMS:
                return GNU_PLURAL_FORMS[tag]
        from babel.messages.plurals import get_plural  # here: it loads Babel's catalog module (compile needs none)

        plural = get_plural(self.babel_locale)
        return f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"

    @property
    def fallbacks(self) -> tuple[str, ...]:
        """This tag and the more general tags a reader of it also reads, most specific first.

        ``zh-Hant-HK`` → ``zh-Hant-HK``, ``zh-Hant``, ``zh-Hant-TW`` (never ``zh``, which is Simplified);
        ``fr-CA`` → ``fr-CA``, ``fr``. The library's own messages fall back along this chain,
        then to the English source.
        """
        chain = [self.tag]
        parts = self.tag.split("-")
        script = _script_of(self.tag)
        while len(parts) > 1:
            parts = parts[:-1]
            shorter = "-".join(parts)
            # Dropping the script is only right when it is the language's usual one.
            if len(parts) == 1 and script and script != _default_script(shorter):
                break
            chain.append(get_language(shorter).tag)
            if len(parts) == 2 and script:
                # Then the script's likeliest region (zh-Hant: Taiwan): a Hong Kong edition reads
                # Taiwan's forms (本報訊) before the source's.
                likely = get_global("likely_subtags").get(f"{parts[0]}_{script}", "").split("_")
                if len(likely) == 3:
                    chain.append(get_language("-".join(likely)).tag)
        return tuple(dict.fromkeys(chain))


# GNU gettext's plural table (msginit; Weblate's for ca, which msginit lacks) where CLDR, and
# so Babel, counts other forms: CLDR's "many" for a million (fr, es, it, pt, ca) and Hebrew's
# dual, which no catalog in the wild has, and Latvian, whose forms CLDR numbers in another order.
GNU_PLURAL_FORMS = {
    "fr": "nplurals=2; plural=(n > 1);",
    "pt-BR": "nplurals=2; plural=(n > 1);",
    "pt": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "it": "nplurals=2; plural=(n != 1);",
    "ca": "nplurals=2; plural=(n != 1);",
    "he": "nplurals=2; plural=(n != 1);",
    "lv": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);",  # CLDR orders zero first
}

# The two languages whose names predate the general rule (the folder ``zh``, the Babel locale
# ``zh_Hans_CN``); every other language is derived by :func:`get_language`.
LANGUAGES = (
    Language("en", "en", "en", "en", "English"),
    Language("zh-Hans", "zh", "zh_Hans", "zh_Hans_CN", "Chinese (Simplified)"),
)

# Names kept from before the general rule, so that existing folders and options keep their meaning.
_ALIASES = {
    "zh": "zh-Hans",
    "zh-cn": "zh-Hans",
    "zh-hans-cn": "zh-Hans",
    "en-us": "en",
    "en-gb": "en",
}

_TAG_RE = re.compile(r"(?P<language>[a-z]{2,3})(?:-(?P<script>[a-z]{4}))?(?:-(?P<region>[a-z]{2}|\d{3}))?")


def _script_of(tag: str) -> str | None:
    parts = tag.split("-")
    return parts[1] if len(parts) > 1 and len(parts[1]) == 4 else None


def _default_script(language: str, region: str | None = None) -> str | None:
    """The script CLDR's likely subtags give a language, in a region if given (zh → Hans, zh_TW → Hant)."""
    likely = get_global("likely_subtags")
    parts = likely.get(f"{language}_{region}" if region else language, likely.get(language, "")).split("_")
    return parts[1] if len(parts) > 1 and len(parts[1]) == 4 else None


def get_language(name: str) -> Language:
    """The language for any of its names: ``zh-Hant-TW``, ``zh_TW``, ``zh_Hant``, ``ja``, ``zh``...

    Raises :class:`NewsbilingualError` for a malformed tag or a language Babel has no CLDR data for.
    """
    try:
        return _language(name.strip().replace("_", "-").lower())
    except NewsbilingualError as error:
        raise NewsbilingualError(f"unsupported language {name!r}: {error}") from None


@cache
def _language(key: str) -> Language:
    key = _ALIASES.get(key, key).lower()
    for known in LANGUAGES:
        if key in (known.tag.lower(), known.po_code.lower().replace("_", "-")):
            return known
    match = _TAG_RE.fullmatch(key)
    if not match:
        raise NewsbilingualError("not a language tag (give a BCP 47 tag like ja, fr, zh-Hant-TW, or zh_TW)")
    language, script, region = match["language"], match["script"], match["region"]
    script = script.title() if script else None
    region = region.upper() if region else None
    try:
        locale = Locale.parse("_".join(filter(None, (language, script, region))))
    except (ValueError, UnknownLocaleError):
        raise NewsbilingualError("unknown language: Babel has no CLDR data for it") from None
    if script is None and language == "zh":
        script = locale.script or _default_script(language)
    tag = "-".join(filter(None, (language, script, region)))
    if tag.lower() != key:
        return _language(tag.lower())
    if script and locale.script and locale.script != script:
        # Babel resolves zh_Hant_CN to zh_Hans_CN: format such a tag with its script's data.
        locale = Locale.parse(f"{language}_{script}")
    # Only Chinese leaves out a script its region implies, because only Chinese reads it back in.
    implied = language == "zh" and region and _default_script(language, region) == script
    folder = "_".join(filter(None, (language, None if implied else script, region)))
    return Language(tag, folder, tag.replace("-", "_"), str(locale), locale.get_display_name("en") or tag)


@cache
def text_direction(name: str) -> str:
    """``rtl`` for a language written right to left (CLDR's character order: ar, he, fa, ur), else
    ``ltr``, also for a tag Babel does not know (a partner's item may carry any)."""
    try:
        order = get_language(name).locale.character_order
    except NewsbilingualError:
        return "ltr"
    return "rtl" if order == "right-to-left" else "ltr"
