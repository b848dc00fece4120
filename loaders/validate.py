"""Validate-first: read every file, check every row and reference, and collect all problems."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from explorer import model
from explorer.errors import InvalidInput, Problem
from explorer.loaders.readers import InputFile, read_rows
from explorer.model import Tie
from explorer.model.facts import (
    ALLOWED_ENDS,
    LinkRow,
    NodeRow,
    build_link,
    build_node,
    file_source,
    link_kind_problems,
)

__all__ = [
    "MAX_FILES",
    "RETIRED",
    "LoadPlan",
    "Lookup",
    "rows_of",
    "stamp",
    "validate",
]

#: Finds which of some ids exist in the database already, and their kinds.
Lookup = Callable[[list[str]], dict[str, str]]
#: The kind a lookup gives an id that curation retired (or merged into another): never reused.
RETIRED = "(retired)"
_RETIRED_MESSAGE = (
    "{id!r} was retired (or merged into another entity): undo that in the history, or use another id"
)

_KIND_INDEX = {k: i for i, k in enumerate(model.KINDS)}
_KIND_NAMES = list(model.KINDS)
_TYPE_INDEX = {t: i for i, t in enumerate(model.REL_TYPES)}
_TYPE_NAMES = list(model.REL_TYPES)
#: (type, start kind, end kind) that the model allows, symmetric types both ways round.
_ALLOWED_ENDS = frozenset((_TYPE_INDEX[t], a, b) for t, a, b in ALLOWED_ENDS)
#: A row's place in a load: its file's index and its line, in one int.
_LINE_BITS = 40
_FILE_BITS = 32
_KIND_BITS = 8
_PLACE_BITS = _FILE_BITS + _LINE_BITS
_PLACE = (1 << _PLACE_BITS) - 1
#: The most files one load takes (a file's index must fit its bits).
MAX_FILES = 1 << _FILE_BITS

#: The compact link table: one array per column (type, ends, first reference, source, place).
_TABLE_COLUMNS = {"type": "B", "start": "q", "end": "q", "ref": "q", "source": "q", "file": "I", "line": "Q"}


def _place(file_index: int, line: int) -> int:
    if not (0 <= file_index < MAX_FILES and 0 <= line < 1 << _LINE_BITS):
        raise ValueError(f"no room for file {file_index}, line {line}")
    return file_index << _LINE_BITS | line


def _pack(kind: str, fingerprint: int, file_index: int, line: int) -> int:
    """Kind, fingerprint and place of a row in one int (memory stays small at a million rows)."""
    head = (fingerprint & 0xFFFFFFFF) << _KIND_BITS | _KIND_INDEX[kind]
    return head << _PLACE_BITS | _place(file_index, line)


def _unpack(packed: int) -> tuple[str, int, int, int]:
    line = packed & ((1 << _LINE_BITS) - 1)
    file_index = (packed >> _LINE_BITS) & ((1 << _FILE_BITS) - 1)
    kind = _KIND_NAMES[(packed >> _PLACE_BITS) & ((1 << _KIND_BITS) - 1)]
    fingerprint = packed >> (_PLACE_BITS + _KIND_BITS)
    return kind, fingerprint, file_index, line


@dataclass
class LoadPlan:
    """What a valid load will write: the files, every node's kind, and row counts."""

    files: list[InputFile]
    kinds: dict[str, str] = field(default_factory=dict)
    #: Ids written from explicit rows (derived city/country rows never overwrite them).
    explicit: set[str] = field(default_factory=set)
    node_rows: int = 0
    link_rows: int = 0
    #: Rows read from each file (by index), and each file's size and time of change when
    #: read: the write reads the files again and checks both.
    file_rows: list[int] = field(default_factory=list)
    file_stamps: list[tuple[int, int]] = field(default_factory=list)
    #: Ids already in the database before the load (everything else is new).
    existing: set[str] = field(default_factory=set)
    #: Explicit node id -> packed (kind, fingerprint, first place); link key hash -> the same.
    node_places: dict[str, int] = field(default_factory=dict)
    link_places: dict[int, int] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return self.node_rows + self.link_rows

    def first_node(self, node_id: str, file_index: int, line: int) -> bool:
        """Whether this row is the first in the load to define ``node_id`` (later ones repeat it)."""
        packed = self.node_places.get(node_id)
        return packed is None or packed & _PLACE == _place(file_index, line)

    def first_link(self, key: tuple[str, str, str], file_index: int, line: int) -> bool:
        """Whether this row is the first in the load to state the link ``key``."""
        packed = self.link_places.get(hash(key))
        return packed is None or packed & _PLACE == _place(file_index, line)

    def stated(self, key: tuple[str, str, str]) -> bool:
        """Whether some row of the load states the link ``key`` outright."""
        return hash(key) in self.link_places


#: What ``rows_of`` yields for each record: node rows, link rows, problems, line.
Built = tuple[list[NodeRow], list[LinkRow], list[str], int]


def rows_of(f: InputFile, problems: list[Problem]) -> Iterator[Built]:
    """Each record of ``f`` built into node and link rows (with problems and its line)."""
    default_source = file_source(f.name).id
    for raw in read_rows(f, problems):
        if raw.role == "link":
            link, errors = build_link(raw, default_source)
            yield [], [link] if link else [], errors, raw.line
        else:
            nodes, links, errors = build_node(raw, default_source)
            yield nodes, links, errors, raw.line


class _Checker:
    def __init__(self, files: list[InputFile], lookup: Lookup) -> None:
        self.files = files
        self.lookup = lookup
        self.problems: list[Problem] = [p for f in files for p in f.problems]
        self.nodes: dict[str, int] = {}  # explicit id -> packed (kind, fingerprint, place)
        self.derived: dict[str, int] = {}  # derived (city, country) id -> packed (kind, first place)
        self.links: dict[int, int] = {}  # hash of (type, start, end) -> packed place
        self.pending: dict[str, int] = {}  # id named before being defined -> packed place
        self.cited: dict[str, int] = {}  # source ids cited by node rows -> packed place
        self.plan = LoadPlan(files, file_rows=[0] * len(files), file_stamps=[stamp(f) for f in files])
        # Every link, in a compact table for the second pass (ids numbered once each).
        self.ids: dict[str, int] = {}
        self.id_list: list[str] = []
        self.table = {name: array(code) for name, code in _TABLE_COLUMNS.items()}
        self.more_refs: dict[int, tuple[int, ...]] = {}  # link number -> refs after the first

    def number(self, node_id: str) -> int:
        found = self.ids.get(node_id)
        if found is None:
            found = self.ids[node_id] = len(self.id_list)
            self.id_list.append(node_id)
        return found

    def problem(self, file_index: int, line: int, message: str) -> None:
        self.problems.append(Problem(self.files[file_index].name, line, message))

    def first_pass(self) -> None:
        for index, f in enumerate(self.files):
            if f.problems:
                continue
            sink: list[Problem] = []
            for nodes, links, errors, line in rows_of(f, sink):
                for message in errors:
                    self.problem(index, line, message)
                for node in nodes:
                    self._node(index, node)
                for link in links:
                    self._link(index, link)
            self.problems += sink

    def _node(self, index: int, node: NodeRow) -> None:
        self.plan.node_rows += not node.derived
        self.plan.file_rows[index] += not node.derived
        if node.derived:
            self._derived(index, node)
            return
        cited = node.props.get("source")
        if cited is not None and cited not in self.cited:
            self.cited[str(cited)] = _pack("Source", 0, index, node.line)
            self._expect(str(cited), index, node.line)
        packed = _pack(node.kind, node.fingerprint(), index, node.line)
        earlier = self.nodes.get(node.id)
        if earlier is None:
            self.nodes[node.id] = packed
            self.pending.pop(node.id, None)
            return
        kind, fingerprint, file_index, line = _unpack(earlier)
        if kind != node.kind or fingerprint != node.fingerprint() & 0xFFFFFFFF:
            self.problem(
                index,
                node.line,
                f"conflicting duplicate of {node.id!r}, first defined "
                f"differently at {self.files[file_index].name}:{line}",
            )

    def _derived(self, index: int, node: NodeRow) -> None:
        """A city or country named by a row: the same id must mean the same kind everywhere."""
        earlier = self.derived.get(node.id)
        if earlier is None:
            self.derived[node.id] = _pack(node.kind, 0, index, node.line)
            return
        kind, _, file_index, line = _unpack(earlier)
        if kind != node.kind:
            self.problem(
                index,
                node.line,
                f"{_named(node)} would be the entity {node.id!r}, which "
                f"{self.files[file_index].name}:{line} makes {_a(kind)}",
            )

    def _link(self, index: int, link: LinkRow) -> None:
        if link.derived:
            return
        self.plan.link_rows += 1
        self.plan.file_rows[index] += 1
        packed = _pack("Source", link.fingerprint(), index, link.line)
        key = hash(link.key())
        earlier = self.links.get(key)
        if earlier is None:
            self.links[key] = packed
        else:
            _, fingerprint, file_index, line = _unpack(earlier)
            if fingerprint != link.fingerprint() & 0xFFFFFFFF:
                self.problem(
                    index,
                    link.line,
                    f"conflicting duplicate of {link.tie.start} -{link.tie.type}-> "
                    f"{link.tie.end}, first given differently at "
                    f"{self.files[file_index].name}:{line}",
                )
        for ref in (link.tie.start, link.tie.end, *link.refs, str(link.tie.properties["source"])):
            self._expect(ref, index, link.line)
        t = self.table
        refs = [self.number(r) for r in link.refs]
        if len(refs) > 1:
            self.more_refs[len(t["type"])] = tuple(refs[1:])
        t["type"].append(_TYPE_INDEX[link.tie.type])
        t["start"].append(self.number(link.tie.start))
        t["end"].append(self.number(link.tie.end))
        t["ref"].append(refs[0] if refs else -1)
        t["source"].append(self.number(str(link.tie.properties["source"])))
        t["file"].append(index)
        t["line"].append(link.line)

    def _expect(self, ref: str, index: int, line: int) -> None:
        """Note that ``ref`` must exist, in this load or in the database."""
        if ref not in self.nodes and ref not in self.derived and ref not in self.pending:
            self.pending[ref] = _pack("Source", 0, index, line)

    def resolve(self) -> None:
        """Kinds of everything: the load's own, then the database's for the rest."""
        kinds = self.plan.kinds
        for node_id, packed in self.derived.items():
            kinds[node_id] = _unpack(packed)[0]
        for node_id, packed in self.nodes.items():
            kind = _unpack(packed)[0]
            derived_kind = kinds.get(node_id)
            if derived_kind and derived_kind != kind:
                _, _, file_index, line = _unpack(packed)
                self.problem(
                    file_index,
                    line,
                    f"id {node_id!r} is {_a(kind)} here but another row "
                    f"names {_a(derived_kind)} with that id",
                )
            kinds[node_id] = kind
            self.plan.explicit.add(node_id)
        file_sources = {file_source(f.name).id for f in self.files}
        unresolved = [i for i in self.pending if i not in kinds and i not in file_sources]
        in_db = self._lookup([*kinds.keys(), *unresolved, *(i for i in file_sources if i not in kinds)])
        self.plan.existing = set(in_db)
        self.plan.node_places = self.nodes
        self.plan.link_places = self.links
        for node_id, kind in in_db.items():
            if kind == RETIRED:
                place = self.nodes.get(node_id) or self.pending.get(node_id)
                if place is not None:
                    _, _, file_index, line = _unpack(place)
                    self.problem(file_index, line, _RETIRED_MESSAGE.format(id=node_id))
        retired = {i for i, k in in_db.items() if k == RETIRED}
        in_db = {i: k for i, k in in_db.items() if k != RETIRED}
        for node_id in unresolved:
            if node_id in retired:
                continue
            if node_id in in_db:
                kinds[node_id] = in_db[node_id]
            else:
                _, _, file_index, line = _unpack(self.pending[node_id])
                self.problem(file_index, line, f"{node_id!r} is neither in the database nor in this load")
        for node_id, kind in list(kinds.items()):
            existing = in_db.get(node_id)
            if not existing or existing == kind:
                continue
            if node_id in self.nodes:
                _, _, file_index, line = _unpack(self.nodes[node_id])
                message = f"{node_id!r} is {_a(existing)} in the database, not {_a(kind)}"
                self.problem(file_index, line, message)
            elif node_id in self.derived:
                _, _, file_index, line = _unpack(self.derived[node_id])
                named = "city" if kind == "City" else "country"
                self.problem(
                    file_index,
                    line,
                    f"the {named} of this row would be the entity {node_id!r}, which is "
                    f"{_a(existing)} in the database, not {_a(kind)}; rename one of them",
                )
        for source_id in file_sources:
            kinds.setdefault(source_id, "Source")
        for source_id, packed in self.cited.items():
            if kinds.get(source_id, "Source") != "Source":
                _, _, file_index, line = _unpack(packed)
                self.problem(
                    file_index, line, f"source_ref {source_id!r} is a {kinds[source_id]}, not a Source"
                )

    def _lookup(self, ids: list[str], batch: int = 20000) -> dict[str, str]:
        found: dict[str, str] = {}
        for i in range(0, len(ids), batch):
            found.update(self.lookup(ids[i : i + batch]))
        return found

    def second_pass(self) -> None:
        """Each link's ends are of kinds its type allows; each cited source is a Source.

        Runs over the compact table of the first pass, not the files: the kinds of
        most links are checked with one set lookup, and only a link that fails it is
        rebuilt to say what is wrong.
        """
        kinds = self.plan.kinds
        kind_of = [kinds.get(node_id) for node_id in self.id_list]
        t = self.table
        organizations = model.ORGANIZATION_KINDS
        for n, (rtype, start, end, ref, source) in enumerate(
            zip(t["type"], t["start"], t["end"], t["ref"], t["source"], strict=True)
        ):
            start_kind, end_kind = kind_of[start], kind_of[end]
            if start_kind is None or end_kind is None:
                continue  # reported as missing already
            cited = kind_of[source]
            refs = (ref, *self.more_refs.get(n, ())) if ref >= 0 else ()
            if (
                (rtype, start_kind, end_kind) in _ALLOWED_ENDS
                and (cited is None or cited == "Source")
                and all(kind_of[r] is None or kind_of[r] in organizations for r in refs)
            ):
                continue
            ids = self.id_list
            tie = Tie(_TYPE_NAMES[rtype], ids[start], ids[end], {"source": ids[source]})
            link = LinkRow(tie, t["line"][n], refs=tuple(ids[r] for r in refs))
            for message in link_kind_problems(link, kinds):
                self.problem(t["file"][n], link.line, message)


def stamp(f: InputFile) -> tuple[int, int]:
    """A file's size and time of last change (both 0 when it cannot be read)."""
    try:
        info = f.path.stat()
    except OSError:
        return (0, 0)
    return (info.st_size, info.st_mtime_ns)


def validate(files: list[InputFile], lookup: Lookup, extra: list[Problem] | None = None) -> LoadPlan:
    """Check every file and reference; raise ``InvalidInput`` with every problem found."""
    if len(files) > MAX_FILES:
        raise InvalidInput(
            f"{len(files):,} files are more than one load takes ({MAX_FILES:,})", "load them in parts"
        )
    checker = _Checker(files, lookup)
    checker.problems = list(extra or []) + checker.problems
    checker.first_pass()
    checker.resolve()
    checker.second_pass()
    if checker.problems:
        raise InvalidInput(sorted(checker.problems, key=_order(files)))
    return checker.plan


def _named(node: NodeRow) -> str:
    """How a derived row names its node: "the city 'Zorglub'", "the country DE"."""
    if node.kind == "City":
        return f"the city {node.props.get('name', node.id)!r}"
    return f"the country {node.props.get('code', node.id)}"


def _a(word: str) -> str:
    return f"{'an' if word[:1] in 'AEIOU' else 'a'} {word}"


def _order(files: list[InputFile]) -> Callable[[Problem], tuple[int, int]]:
    position = {f.name: i for i, f in enumerate(files)}
    return lambda p: (position.get(p.file, -1), p.line)
