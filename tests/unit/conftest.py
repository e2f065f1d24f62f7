"""Fixtures shared by the unit tests."""

import json

import pytest


def write_jsonl(path, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


@pytest.fixture
def data(tmp_path):
    write_jsonl(tmp_path / "jfleg" / "dev.jsonl", [
        {"src": "He go to school every day . ", "refs": ["He goes to school every day ."] * 4},
        {"src": "I do n't like it . ", "refs": ["I do n't like it ."] * 4},
    ])
    (tmp_path / "mlqe-pe").mkdir()
    (tmp_path / "mlqe-pe" / "ru-en.dev.tsv").write_text(
        "src\tmt\tpe\thter\tmt_orig\tmt_tok\tpe_tok\n"
        "x\tHe go home.\tHe goes home.\t0.3\tHe go home.\tHe go home .\tHe goes home .\n"
        "y\tShe said \"yes\".\tShe said \"yes\".\t0\t-\t-\t-\n", encoding="utf-8")
    write_jsonl(tmp_path / "bln600-ocr" / "sentences.train.jsonl",
           [{"ocr": "tbe man", "gt": "the man"}, {"ocr": "a dog", "gt": "a dog"}])
    write_jsonl(tmp_path / "overproof" / "smh_dataset2.lines.jsonl",
           [{"ocr": "Tbe cat", "gt": "The cat", "overproof": "The cat"}, {"ocr": "", "gt": "", "overproof": ""}])
    write_jsonl(tmp_path / "icdar2017-en" / "eng_monograph.segments.jsonl", [{"ocr": "fome text", "gt": "some text"}])
    write_jsonl(tmp_path / "icdar2017-en" / "eng_periodical.segments.jsonl", [{"ocr": "news", "gt": "news"}])
    write_jsonl(tmp_path / "wmt-mqm-zhen" / "mqm_ted_zhen.grouped.jsonl", [
        {"system": "A", "doc": "talk.1", "seg_id": "1", "rater": "r1", "src": "-",
         "mt": "He launched one crackdown to protests.",
         "errors": [{"category": "Fluency/Grammar", "severity": "Minor", "side": "target",
                     "span": {"start": 12, "end": 15, "text": "one"}},
                    {"category": "Accuracy/Mistranslation", "severity": "Major", "side": "target",
                     "span": {"start": 26, "end": 28, "text": "to"}},
                    {"category": "Accuracy/Omission", "severity": "Major", "side": "source",
                     "span": {"start": 0, "end": 1, "text": "-"}}]},
        {"system": "B", "doc": "talk.2", "seg_id": "1", "rater": "r2", "src": "-",
         "mt": "It was a good talk and we all liked it very much.", "errors": []},
    ])
    (tmp_path / "bbc-news").mkdir()
    (tmp_path / "bbc-news" / "bbc_paragraphs.txt").write_text("Shares rose on Monday.\nThe end.\n", encoding="utf-8")
    return tmp_path


@pytest.fixture
def jsonl():
    """``jsonl(path, rows)`` writes rows as JSON lines, making the folders."""
    return write_jsonl
