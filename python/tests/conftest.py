"""Shared fixtures: the repository's corpus as records, and the pith binary."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"


def corpus_files():
    """Every document of corpus/, sorted as pith walks it."""
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and not p.name.startswith("."))


def corpus_records():
    """One record a corpus document: ``html`` for pages, ``text`` for dumps."""
    records = []
    for path in corpus_files():
        rel = path.relative_to(CORPUS)
        group = rel.parts[0] if len(rel.parts) > 1 else "seed"
        if len(rel.parts) > 2:
            group = rel.parts[1]
        record = {"id": str(rel), "url": f"https://www.{group}.example/{rel.stem}"}
        body = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix in (".html", ".htm"):
            record["html"] = body
        else:
            record["text"] = body
        records.append(record)
    return records


def write_jsonl(path, records, extra_lines=()):
    with open(path, "w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        for line in extra_lines:
            out.write(line + "\n")
    return path


@pytest.fixture(scope="session")
def pith_bin():
    """The pith command line: $PITH_BIN, else target/release/pith (built when missing)."""
    given = os.environ.get("PITH_BIN")
    if given:
        return given
    binary = REPO / "target" / "release" / "pith"
    if not binary.exists():
        if shutil.which("cargo") is None:
            pytest.fail("no pith binary: set PITH_BIN or build it with cargo build --release")
        subprocess.run(["cargo", "build", "--release", "--bin", "pith"], cwd=REPO, check=True)
    return str(binary)


def run_pith(pith_bin, *args, check=True):
    result = subprocess.run([pith_bin, *map(str, args)], capture_output=True, text=True)
    if check and result.returncode not in (0, 1):
        raise AssertionError(f"pith {args} failed ({result.returncode}): {result.stderr}")
    return result


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
