"""Lazy re-exports (PEP 562): a package's public names, imported from their modules on first use.

The package, ``story`` and ``catalog`` re-export this way, so that ``import newsbilingual`` and
``newsbilingual --help`` load no stage, and a command loads only the stages it runs.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping, Sequence


def lazy_exports(
    package: str, exports: Mapping[str, str], modules: Sequence[str] = ()
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """The module-level ``__getattr__`` and ``__dir__`` of ``package``.

    ``exports`` maps each public name to the sub-module that defines it (``"module:name"`` when
    exported under another name); ``modules`` are sub-modules reachable as attributes. A name,
    once imported, is stored in the package, so later look-ups do not come back here.
    """
    namespace = vars(sys.modules[package])

    def __getattr__(name: str) -> object:
        if name in modules:
            return importlib.import_module(f".{name}", package)
        try:
            module, _, attribute = exports[name].partition(":")
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        value = getattr(importlib.import_module(f".{module}", package), attribute or name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(namespace.get("__all__", ())))

    return __getattr__, __dir__
