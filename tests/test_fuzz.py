"""Hostile input: thousands of malformed CSV and YAML files, never a traceback, never a partial write.

``FUZZ_EXAMPLES`` sets how many files each property tries (``make fuzz`` runs a deeper search).
"""

import os
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.errors import InvalidInput
from explorer.loaders import load
from explorer.loaders.readers import discover
from explorer.loaders.validate import validate
from tests.conftest import count

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "400"))
DB_EXAMPLES = max(10, EXAMPLES // 10)
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

KNOWN_IDS = ["eurobiomed", "biocom", "bio-japan", "neuroservices", "a", "b", "article-eurobiomed-biocom"]
NASTY = [
    "",
    " ",
    '"',
    '""',
    ";",
    ",",
    "\n",
    "\r\n",
    "\t",
    "\x00",
    "\ufeff",
    "é",
    "<img src=x onerror=alert(1)>",
    "=cmd|' /C calc'!A0",
    "'; DROP",
    "`) DETACH DELETE (n",
    "$x",
    "{}",
    "[]",
    "null",
    "9" * 30,
    "x" * 300,
    "\u202e",
    "🧬",
    "NaN",
    "-1",
    "1e309",
]
cells = st.one_of(
    st.sampled_from(KNOWN_IDS + NASTY),
    st.sampled_from(["Company", "Cluster", "Person", "Spaceship", "company", "Entreprise", "Source"]),
    st.sampled_from(["MEMBER_OF", "RD_PARTNER", "BOARD_SEAT", "LIKES", "partner of", "IN_COUNTRY"]),
    st.sampled_from(["active", "planned", "proposed", "maybe", "prévu"]),
    st.text(max_size=40),
)
headers = st.one_of(
    st.just(["id", "kind", "name"]),
    st.just(["id", "kind", "name", "country", "city", "since", "members", "source_ref"]),
    st.just(["source", "target", "type"]),
    st.just(["source", "target", "type", "status", "evidence", "since", "source_ref", "on_behalf_of"]),
    st.lists(
        st.sampled_from(["id", "kind", "name", "source", "target", "type", "x", "", "ID", "Kind"]),
        min_size=1,
        max_size=6,
    ),
)


@st.composite
def csv_bytes(draw) -> bytes:
    header = draw(headers)
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    rows = draw(st.lists(st.lists(cells, min_size=0, max_size=len(header) + 2), max_size=12))

    def quote(cell: str) -> str:
        return '"' + cell.replace('"', '""') + '"' if draw(st.booleans()) else cell

    text = (
        delimiter.join(header) + "\n" + "".join(delimiter.join(quote(c) for c in row) + "\n" for row in rows)
    )
    data = (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + text.encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 9)) == 0:  # sometimes break the encoding or the bytes outright
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    return data


@st.composite
def yaml_bytes(draw) -> bytes:
    entry = st.dictionaries(
        st.sampled_from(
            [
                "id",
                "kind",
                "name",
                "source",
                "target",
                "type",
                "status",
                "since",
                "country",
                "city",
                "source_ref",
                "x",
            ]
        ),
        st.one_of(
            cells,
            st.integers(),
            st.none(),
            st.lists(cells, max_size=3),
            st.dictionaries(st.text(max_size=3), cells, max_size=2),
        ),
        max_size=6,
    )
    document = draw(
        st.dictionaries(
            st.sampled_from(["sources", "nodes", "links", "people"]),
            st.one_of(st.lists(entry, max_size=5), cells, st.integers()),
            max_size=3,
        )
    )
    text = yaml.safe_dump(document, allow_unicode=True)
    if draw(st.integers(0, 3)) == 0:  # mangle the syntax
        at = draw(st.integers(0, len(text)))
        text = (
            text[:at]
            + draw(
                st.sampled_from(
                    ["{", "[", ":", "- ", "&a", "*a", "!!python/object:os.system", "\t", "'", '"', "?", "|"]
                )
            )
            + text[at:]
        )
    return text.encode("utf-8", "surrogatepass")


def check_pure(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    files, problems = discover([path])
    try:
        validate(files, lambda ids: {i: "Cluster" for i in ids if i in KNOWN_IDS}, problems)
    except InvalidInput as e:
        assert e.problems and all(str(p) for p in e.problems)


@FUZZ
@given(data=csv_bytes())
def test_malformed_csv_never_raises_anything_but_a_report(tmp_path, data):
    check_pure(tmp_path / "fuzz.csv", data)


@FUZZ
@given(data=yaml_bytes())
def test_malformed_yaml_never_raises_anything_but_a_report(tmp_path, data):
    check_pure(tmp_path / "fuzz.yaml", data)


@FUZZ
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".yaml"]))
def test_random_bytes_never_raise_anything_but_a_report(tmp_path, data, suffix):
    check_pure(tmp_path / f"noise{suffix}", data)


def snapshot(driver, settings) -> tuple[int, int, int]:
    return (
        count(driver, settings),
        count(driver, settings, "MATCH ()-[r]->() RETURN count(r)"),
        count(driver, settings, "MATCH (n) RETURN sum(size(keys(n)))"),
    )


@settings(
    max_examples=DB_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.one_of(csv_bytes(), yaml_bytes()), suffix=st.sampled_from([".csv", ".yaml"]))
def test_a_refused_load_never_writes_anything(seeded_db, settings, tmp_path, data, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    before = snapshot(seeded_db, settings)
    try:
        load(seeded_db, settings, [path])
    except InvalidInput:
        assert snapshot(seeded_db, settings) == before
    else:  # the odd valid file: loading it again changes nothing
        again = snapshot(seeded_db, settings)
        assert load(seeded_db, settings, [path]).counts.astuple() == (0, 0, 0, 0)
        assert snapshot(seeded_db, settings) == again


def test_a_billion_laughs_yaml_is_refused_quickly(tmp_path):
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    lines += ["nodes:", "  - {id: boom, kind: Company, name: *a9}"]
    check_pure(tmp_path / "laughs.yaml", "\n".join(lines).encode())
