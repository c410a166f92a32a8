"""The command line as a user runs it: help, exit codes, messages, no partial output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsbilingual.cli import COMMANDS, main

ID = "mianyang-high-tech-service"


def test_every_command_has_help_with_an_example(capsys):
    for name in COMMANDS:
        with pytest.raises(SystemExit) as done:
            main([name, "--help"])
        assert done.value.code == 0
        out = capsys.readouterr().out
        assert "example:" in out and f"newsbilingual {name}" in out, name


def test_python_dash_m_runs_the_cli():
    result = subprocess.run([sys.executable, "-m", "newsbilingual", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("newsbilingual ")


def test_render_then_validate_the_bundled_story(tmp_path, schema, capsys):
    out = tmp_path / "wire"
    assert main(["render", "-o", str(out), "--sent", "2017-12-22T20:00:00+08:00"]) == 0
    files = sorted(out.glob("*.xml"))
    assert len(files) == 14  # en, zh-Hans, zh-Hant-HK, zh-Hant-TW editions of 3 items, the package, the newsMessage
    assert main(["validate", "--schema", str(schema), *map(str, files)]) == 0
    assert capsys.readouterr().out.count(": valid") == 14


def test_validate_rejects_an_invalid_document_with_its_line(tmp_path, schema, capsys):
    main(["render", "-o", str(tmp_path), "--sent", "2017-12-22T20:00:00+08:00"])
    good = tmp_path / f"{ID}.article.en.xml"
    lines = good.read_text("utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if "<headline>" in line)
    lines.insert(index, "    <bogus/>")
    bad = tmp_path / "bad.xml"
    bad.write_text("\n".join(lines) + "\n", "utf-8")
    capsys.readouterr()
    assert main(["validate", "--schema", str(schema), str(good), str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:{index + 1}: " in err and "bogus" in err


def test_validate_reports_undeclared_qcode_alias_and_unreadable_files(tmp_path, schema, capsys):
    main(["render", "-o", str(tmp_path), "--sent", "2017-12-22T20:00:00+08:00"])
    text = (tmp_path / f"{ID}.article.en.xml").read_text("utf-8").replace("genre:Current", "mygenre:Current")
    (tmp_path / "alias.xml").write_text(text, "utf-8")
    capsys.readouterr()
    assert main(["validate", "--schema", str(schema), str(tmp_path / "alias.xml"), str(tmp_path / "missing.xml")]) == 1
    err = capsys.readouterr().err
    assert "alias 'mygenre' is not declared" in err
    assert f"{tmp_path / 'missing.xml'}: No such file" in err


def test_validate_without_a_schema_says_how_to_get_one(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("NEWSBILINGUAL_SCHEMA", raising=False)
    assert main(["validate", str(tmp_path / "x.xml")]) == 2
    assert "NEWSBILINGUAL_SCHEMA" in capsys.readouterr().err


def test_os_errors_are_messages_not_tracebacks(tmp_path, capsys):
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    assert main(["render", "-o", str(a_file)]) == 2
    assert str(a_file) in capsys.readouterr().err
    assert main(["feed", "-o", str(tmp_path)]) == 2
    assert main(["render", str(tmp_path / "nope.toml"), "-o", str(tmp_path / "out")]) == 2
    assert "No such file" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_broken_story_file_fails_with_its_line_and_writes_nothing(tmp_path, capsys):
    story = tmp_path / "s.toml"
    story.write_text(
        '[story]\nid = "x"\nlanguage = "en"\n\n[provider]\nname = "P"\nuri = "u"\n\n[article]\nguid = "g"\n', "utf-8"
    )
    assert main(["render", str(story), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"newsbilingual: {story}:9: article: missing required field")
    assert not (tmp_path / "out").exists()


def test_unsupported_language_is_refused(tmp_path, capsys):
    assert main(["render", "-o", str(tmp_path / "out"), "--lang", "xx"]) == 2
    assert "unsupported language 'xx'" in capsys.readouterr().err
    assert not Path(tmp_path / "out").exists()


def test_render_warns_which_segments_print_in_the_source_language(tmp_path, capsys):
    assert main(["render", "-o", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    warning = next(line for line in err.splitlines() if "warning" in line)
    assert "zh-Hans edition prints 5 untranslated or fuzzy segment(s)" in warning
    assert "article/person/he-maohua/name" in warning
    assert " en edition" not in err
