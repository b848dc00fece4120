"""Validate-first: read every file, check every row and reference, and collect all problems."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from explorer import model
from explorer.errors import InvalidInput, Problem
from loaders.readers import InputFile, read_rows
from loaders.rows import LinkRow, NodeRow, build_link, build_node, file_source

__all__ = ["LoadPlan", "Lookup", "rows_of", "validate"]

#: Finds which of some ids exist in the database already, and their kinds.
Lookup = Callable[[list[str]], dict[str, str]]

_KIND_INDEX = {k: i for i, k in enumerate(model.KINDS)}
_KIND_NAMES = list(model.KINDS)


def _pack(kind: str, fingerprint: int, file_index: int, line: int) -> int:
    """Kind, fingerprint and place of a row in one int (memory stays small at a million rows)."""
    return (((fingerprint & 0xFFFFFFFF) << 16 | _KIND_INDEX[kind]) << 16 | file_index) << 32 | line


def _unpack(packed: int) -> tuple[str, int, int, int]:
    line = packed & 0xFFFFFFFF
    file_index = (packed >> 32) & 0xFFFF
    kind = _KIND_NAMES[(packed >> 48) & 0xFFFF]
    fingerprint = packed >> 64
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

    @property
    def rows(self) -> int:
        return self.node_rows + self.link_rows


def rows_of(f: InputFile, problems: list[Problem]) -> Iterator[tuple[list[NodeRow], list[LinkRow], list[str], int]]:
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
        self.derived: dict[str, str] = {}  # derived id -> kind
        self.links: dict[int, int] = {}  # hash of (type, start, end) -> packed place
        self.pending: dict[str, int] = {}  # id named before being defined -> packed place
        self.cited: dict[str, int] = {}  # source ids cited by node rows -> packed place
        self.plan = LoadPlan(files)

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
        if node.derived:
            self.derived.setdefault(node.id, node.kind)
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
            self.problem(index, node.line, f"conflicting duplicate of {node.id!r}, first defined "
                                           f"differently at {self.files[file_index].name}:{line}")

    def _link(self, index: int, link: LinkRow) -> None:
        if link.derived:
            return
        self.plan.link_rows += 1
        packed = _pack("Source", link.fingerprint(), index, link.line)
        key = hash(link.key())
        earlier = self.links.get(key)
        if earlier is None:
            self.links[key] = packed
        else:
            _, fingerprint, file_index, line = _unpack(earlier)
            if fingerprint != link.fingerprint() & 0xFFFFFFFF:
                self.problem(index, link.line, f"conflicting duplicate of {link.start} -{link.type}-> "
                                               f"{link.end}, first given differently at "
                                               f"{self.files[file_index].name}:{line}")
        for ref in (link.start, link.end, *link.refs, str(link.props["source"])):
            self._expect(ref, index, link.line)

    def _expect(self, ref: str, index: int, line: int) -> None:
        """Note that ``ref`` must exist, in this load or in the database."""
        if ref not in self.nodes and ref not in self.derived and ref not in self.pending:
            self.pending[ref] = _pack("Source", 0, index, line)

    def resolve(self) -> None:
        """Kinds of everything: the load's own, then the database's for the rest."""
        kinds = self.plan.kinds
        for node_id, kind in self.derived.items():
            kinds[node_id] = kind
        for node_id, packed in self.nodes.items():
            kind = _unpack(packed)[0]
            derived_kind = kinds.get(node_id)
            if derived_kind and derived_kind != kind:
                _, _, file_index, line = _unpack(packed)
                self.problem(file_index, line, f"id {node_id!r} is {_a(kind)} here but another row "
                                               f"names {_a(derived_kind)} with that id")
            kinds[node_id] = kind
            self.plan.explicit.add(node_id)
        file_sources = {file_source(f.name).id for f in self.files}
        unresolved = [i for i in self.pending if i not in kinds and i not in file_sources]
        in_db = self._lookup([*kinds.keys(), *unresolved])
        for node_id in unresolved:
            if node_id in in_db:
                kinds[node_id] = in_db[node_id]
            else:
                _, _, file_index, line = _unpack(self.pending[node_id])
                self.problem(file_index, line, f"{node_id!r} is neither in the database nor in this load")
        for node_id, kind in list(kinds.items()):
            existing = in_db.get(node_id)
            if existing and existing != kind and node_id in self.nodes:
                _, _, file_index, line = _unpack(self.nodes[node_id])
                self.problem(file_index, line, f"{node_id!r} is {_a(existing)} in the database, not {_a(kind)}")
        for source_id in file_sources:
            kinds.setdefault(source_id, "Source")
        for source_id, packed in self.cited.items():
            if kinds.get(source_id, "Source") != "Source":
                _, _, file_index, line = _unpack(packed)
                self.problem(file_index, line, f"source_ref {source_id!r} is a {kinds[source_id]}, "
                                               "not a Source")

    def _lookup(self, ids: list[str], batch: int = 20000) -> dict[str, str]:
        found: dict[str, str] = {}
        for i in range(0, len(ids), batch):
            found.update(self.lookup(ids[i : i + batch]))
        return found

    def second_pass(self) -> None:
        """Each link's ends are of kinds its type allows; each cited source is a Source."""
        kinds = self.plan.kinds
        for index, f in enumerate(self.files):
            if f.problems or not f.holds_links:
                continue
            for _nodes, links, _errors, _line in rows_of(f, []):
                for link in links:
                    if not link.derived:
                        for message in link_kind_problems(link, kinds):
                            self.problem(index, link.line, message)


def link_kind_problems(link: LinkRow, kinds: dict[str, str]) -> Iterable[str]:
    """What is wrong with the kinds at the ends of ``link`` (nothing when all is well)."""
    rtype = model.REL_TYPES[link.type]
    start, end = kinds.get(link.start), kinds.get(link.end)
    if start is None or end is None:
        return  # reported as missing already
    ok = start in rtype.sources and end in rtype.targets
    if rtype.symmetric:
        ok = ok or (end in rtype.sources and start in rtype.targets)
    if not ok:
        yield (f"{link.type} goes from {'/'.join(sorted(rtype.sources))} to "
               f"{'/'.join(sorted(rtype.targets))}, not from {start} {link.start!r} to {end} {link.end!r}")
    for ref in link.refs:
        if kinds.get(ref) is not None and kinds[ref] not in model.ORGANIZATION_KINDS:
            yield f"{ref!r} is a {kinds[ref]}; on_behalf_of must name an organisation"
    cited = kinds.get(str(link.props["source"]))
    if cited is not None and cited != "Source":
        yield f"source_ref {link.props['source']!r} is a {cited}, not a Source"


def validate(files: list[InputFile], lookup: Lookup, extra: list[Problem] | None = None) -> LoadPlan:
    """Check every file and reference; raise ``InvalidInput`` with every problem found."""
    checker = _Checker(files, lookup)
    checker.problems = list(extra or []) + checker.problems
    checker.first_pass()
    checker.resolve()
    checker.second_pass()
    if checker.problems:
        raise InvalidInput(sorted(checker.problems, key=_order(files)))
    return checker.plan


def _a(word: str) -> str:
    return f"{'an' if word[:1] in 'AEIOU' else 'a'} {word}"


def _order(files: list[InputFile]) -> Callable[[Problem], tuple[int, int]]:
    position = {f.name: i for i, f in enumerate(files)}
    return lambda p: (position.get(p.file, -1), p.line)
