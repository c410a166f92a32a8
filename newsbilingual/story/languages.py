"""The languages the library publishes in, and the one explicit map between their names.

The same language has a different name in each system it passes through: BCP 47 in
NewsML-G2 (``zh-Hans``), a folder under ``locales/`` (``zh``), the PO ``Language`` header and
Weblate code (``zh_Hans``) and a Babel/CLDR locale (``zh_Hans_CN``). Guessing between them
goes wrong (Python's gettext never finds ``zh_CN`` from ``zh_Hans_CN``), so they are listed.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale
from babel.messages.plurals import get_plural

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
        """The PO ``Plural-Forms`` header from CLDR (zh ``nplurals=1; plural=0;``)."""
        plural = get_plural(self.babel_locale)
        return f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"


LANGUAGES = (
    Language("en", "en", "en", "en", "English"),
    Language("zh-Hans", "zh", "zh_Hans", "zh_Hans_CN", "Chinese (Simplified)"),
)

_ALIASES = {
    "zh": "zh-Hans",
    "zh-cn": "zh-Hans",
    "zh_cn": "zh-Hans",
    "zh-hans-cn": "zh-Hans",
    "zh_hans_cn": "zh-Hans",
    "en-us": "en",
    "en_us": "en",
    "en-gb": "en",
    "en_gb": "en",
}


def get_language(name: str) -> Language:
    """The language for any of its names: ``zh``, ``zh-Hans``, ``zh_Hans``, ``zh_CN``, ``en``..."""
    key = name.strip()
    key = _ALIASES.get(key.lower(), key)
    for language in LANGUAGES:
        if key.lower() in (language.tag.lower(), language.po_code.lower(), language.catalog_dir):
            return language
    known = ", ".join(language.tag for language in LANGUAGES)
    raise NewsbilingualError(f"unsupported language {name!r} (supported: {known})")
