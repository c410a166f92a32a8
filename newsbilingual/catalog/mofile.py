"""Compiled catalogs (.mo): written byte for byte as GNU ``msgfmt`` 0.21 writes them, read with limits.

Written here rather than with Babel's ``write_mo`` or polib's ``save_as_mofile``: neither writes
the hash table GNU libintl looks keys up in (without it, C programs, PHP, Perl and the shell's
``gettext`` find only the keys their binary search happens to reach when the order is not
theirs), and both are several times slower on 20,000 messages. The layout (write-mo.c):

* a 28-byte header: magic, revision 0, the number of strings, the offsets of the two string
  tables, the hash table's size and offset;
* the table of keys (``msgctxt\\x04msgid``, the header's key empty) sorted by their bytes
  (``strcmp``), then the table of translations in the same order, each row (length, offset);
* the hash table: ``next_prime(4 * n / 3)`` slots, each key placed by ``hash_string`` with
  double hashing, a slot holding the key's index + 1;
* every key, then every translation, each followed by a NUL.

Read here rather than with :mod:`gettext` or polib, which fail on a damaged file with a bare
``struct.error`` or read past a bad offset: every table and string is checked against the file's
size, and a file whose strings together are longer than the file itself (many entries pointing
at one string, which would multiply the memory a render takes) is refused.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Sequence
from pathlib import Path

from ..errors import CatalogError
from .poread import check_plural_header, control_problem

MAGIC = 0x950412DE
_HEADER = struct.Struct("<7I")

#: The longest message (key or translation) a .mo file may hold: a news paragraph is a few kB.
MAX_MESSAGE_BYTES = 1 << 20


def hash_string(key: bytes) -> int:
    """GNU's ``hash_string`` (hash-string.c, a PJW hash), as msgfmt stores it (32 bits).

    Its C ``unsigned long`` may carry bits past the 32nd; they never reach the low 32 bits
    (shifts go left only), so dropping them each step gives the same value, with less work.
    """
    value = 0
    for byte in key:
        value = ((value & 0x0FFFFFFF) << 4) + byte
        high = value & 0xF0000000
        value ^= high | high >> 24  # the high nibble folded into bits 4-7, then cleared
    return value & 0xFFFFFFFF


def _is_prime(candidate: int) -> bool:
    """write-mo.c's ``is_prime``, quirks included (it calls 3 not prime): the table size must be msgfmt's."""
    divisor, square = 3, 9
    while square < candidate and candidate % divisor:
        divisor += 1
        square += 4 * divisor
        divisor += 1
    return candidate % divisor != 0


def _next_prime(seed: int) -> int:
    seed |= 1
    while not _is_prime(seed):
        seed += 2
    return seed


# hash_strings packs a group of keys into one Python integer, a lane of _LANE bytes per key, and
# runs hash_string's steps on every lane at once: Python's big-integer operations are loops in
# C, about ten times faster on 20,000 keys than one interpreted step per byte (which was most of
# what compile cost). A lane holds 33 bits at most (a step's sum may carry into bit 32, which
# the next step's mask drops), so 5 bytes keep lanes apart. Keys are padded on the left with
# NULs to the longest of their group: a leading NUL leaves the hash at 0, so it changes nothing.
_LANE = 5
_GROUP = 1024  # keys per integer: groups of keys of about the same length pad little
_FEW = 8  # a group this small is hashed one key at a time (the packing costs more)


def hash_strings(keys: Sequence[bytes]) -> list[int]:
    """``[hash_string(key) for key in keys]``, computed many keys at a time (see above)."""
    hashes = [0] * len(keys)
    by_length = sorted(range(len(keys)), key=lambda index: len(keys[index]))
    for start in range(0, len(by_length), _GROUP):
        group = by_length[start : start + _GROUP]
        if len(group) < _FEW:
            for index in group:
                hashes[index] = hash_string(keys[index])
            continue
        count, width = len(group), len(keys[group[-1]])
        rows = b"".join(keys[index].rjust(width, b"\0") for index in group)  # row k: the group's key k
        lanes = int.from_bytes(b"\1".ljust(_LANE, b"\0") * count, "little")  # 1 in every lane
        low, high = 0x0FFFFFFF * lanes, 0xF0000000 * lanes
        column = bytearray(count * _LANE)
        value = 0
        for position in range(width):
            column[::_LANE] = rows[position::width]  # byte ``position`` of every key, one per lane
            value = ((value & low) << 4) + int.from_bytes(column, "little")
            top = value & high
            value ^= top | top >> 24
        packed = (value & (0xFFFFFFFF * lanes)).to_bytes(count * _LANE, "little")
        for index, hashed in zip(group, struct.unpack("<" + "Ix" * count, packed), strict=True):
            hashes[index] = hashed
    return hashes


def _hash_table(keys: Sequence[bytes]) -> list[int]:
    """The slots of msgfmt's hash table: each key's index + 1 where libintl's lookup looks for it."""
    size = max(_next_prime(len(keys) * 4 // 3), 3)
    table = [0] * size
    for index, value in enumerate(hash_strings(keys)):
        slot = value % size
        if table[slot]:
            step = 1 + value % (size - 2)
            while table[slot]:
                slot = slot - (size - step) if slot >= size - step else slot + step
        table[slot] = index + 1
    return table


def mo_bytes(messages: dict[bytes, bytes]) -> bytes:
    """A .mo file holding ``messages`` (key ``msgctxt\\x04msgid`` or ``msgid``, the header's key ``b""``)."""
    keys = sorted(messages)
    values = [messages[key] for key in keys]
    count = len(keys)
    hashes = _hash_table(keys)
    strings_start = _HEADER.size + 16 * count + 4 * len(hashes)
    offsets: list[int] = []
    start = strings_start
    for strings in (keys, values):
        for data in strings:
            offsets += (len(data), start)
            start += len(data) + 1
    head = _HEADER.pack(MAGIC, 0, count, _HEADER.size, _HEADER.size + 8 * count, len(hashes), _HEADER.size + 16 * count)
    tables = struct.pack(f"<{len(offsets) + len(hashes)}I", *offsets, *hashes)
    return b"".join((head, tables, b"\0".join(keys), b"\0", b"\0".join(values), b"\0"))


def read_mo(path: Path) -> dict[tuple[str, str], str]:
    """The translations in a compiled .mo file, keyed on (msgctxt, msgid); plural entries left out.

    Any damage, a bad Plural-Forms header or a control character in a translation is a
    :class:`CatalogError` naming the file.
    """
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise CatalogError(error.strerror or str(error), source=path) from None

    def corrupt(what: str) -> CatalogError:
        return CatalogError(f"not a valid MO file ({what}); run 'newsbilingual compile'", source=path)

    if len(data) < 20:
        raise corrupt("empty" if not data else f"only {len(data)} bytes")
    for order in "<>":
        magic, revision, count, originals, translated = struct.unpack(f"{order}5I", data[:20])
        if magic == MAGIC:
            break
    else:
        raise corrupt("bad magic number")
    if revision >> 16 not in (0, 1):
        raise corrupt(f"unknown revision {revision >> 16}")
    size = len(data)
    if max(originals, translated) + 8 * count > size:
        raise corrupt("string tables past the end of the file")
    table = struct.Struct(f"{order}{2 * count}I")
    keys, values = table.unpack_from(data, originals), table.unpack_from(data, translated)
    lengths = keys[0::2] + values[0::2]
    if sum(lengths) > size:
        raise corrupt("its strings are longer together than the file: strings are shared")
    if lengths and max(lengths) > MAX_MESSAGE_BYTES:
        raise corrupt(f"a message longer than {MAX_MESSAGE_BYTES} bytes")
    messages: dict[tuple[str, str], str] = {}
    try:
        for i in range(0, 2 * count, 2):
            key_length, key_offset, value_length, value_offset = keys[i], keys[i + 1], values[i], values[i + 1]
            if key_offset + key_length > size or value_offset + value_length > size:
                raise corrupt(f"string {i // 2} past the end of the file")
            key = data[key_offset : key_offset + key_length].decode("utf-8")
            value = data[value_offset : value_offset + value_length].decode("utf-8")
            if not key:  # the header
                plural_forms = re.search(r"^Plural-Forms:(.*)$", value, re.MULTILINE)
                check_plural_header(plural_forms and plural_forms.group(1), path, None)
            elif "\0" not in key:  # not a plural entry
                if problem := control_problem(value):
                    raise CatalogError(problem, source=path)
                context, _, msgid = key.rpartition("\x04")
                messages[(context, msgid)] = value
    except UnicodeDecodeError:
        raise corrupt("a string is not UTF-8") from None
    return messages
