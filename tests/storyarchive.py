"""An archive of stories made from the bundled seed, each with its own id, guids and catalogs.

Shared by tests/test_batch.py and benchmarks/bench_batch.py (the benchmark adds tests/ to its
import path; tests never import benchmarks).
"""

from __future__ import annotations

from pathlib import Path

import newsbilingual as nb

SEED_ID = "mianyang-high-tech-service"


def make_archive(folder: Path, count: int, name: str = "story-{:04d}") -> tuple[Path, Path]:
    """``count`` story files under ``folder/stories`` (ids from ``name``) and a copy of the seed's
    catalogs for each under ``folder/locales``; returns both folders."""
    stories, locales = folder / "stories", folder / "locales"
    stories.mkdir(parents=True)
    seed = nb.SEED_STORY.read_text("utf-8")
    bundled = nb.locales_dir()
    catalogs = {po.parent.relative_to(bundled): po.read_bytes() for po in bundled.glob(f"*/LC_MESSAGES/{SEED_ID}.po")}
    for language in catalogs:
        (locales / language).mkdir(parents=True)
    for number in range(count):
        story_id = name.format(number)
        text = seed.replace(f'id = "{SEED_ID}"', f'id = "{story_id}"').replace(":high-tech-service:", f":{story_id}:")
        (stories / f"{story_id}.toml").write_text(text, "utf-8")
        for language, data in catalogs.items():
            (locales / language / f"{story_id}.po").write_bytes(data)
    return stories, locales
