"""The read-only guard: refuses query text too large or deep to parse safely, then judges the
query's EXPLAIN plan, refusing all but plain reads."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from explorer.errors import InvalidInput, QueryRefused

__all__ = [
    "ALLOWED_PROCEDURES",
    "TEXT_LIMITS",
    "TextShape",
    "check_params",
    "check_plan",
    "check_text",
    "measure_text",
]

#: Procedures a read-only query may call: they read the graph or its schema and nothing else.
ALLOWED_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
        "db.index.fulltext.queryNodes",
        "db.index.fulltext.queryRelationships",
        "dbms.components",
    }
)

#: Listing commands that show only the schema and the query language itself.
ALLOWED_SHOW = frozenset({"ShowIndexes", "ShowConstraints", "ShowFunctions", "ShowProcedures"})

_PROCEDURE = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*\(")


def check_plan(query_type: str | None, plan: Mapping[str, Any] | None) -> None:
    """Refuse writes, schema and admin commands, file or URL reads and unlisted procedures."""
    if query_type != "r":
        what = {
            "w": "writes to the graph",
            "rw": "writes to the graph",
            "s": "changes the schema or administers the server",
        }.get(query_type or "", "is not a plain read")
        raise QueryRefused(f"refused: queries here are read-only and this one {what}")
    for operator, details in _operators(plan):
        if operator == "LoadCSV":
            raise QueryRefused("refused: LOAD CSV reads files or URLs; load data with `explorer load`")
        if operator == "ProcedureCall":
            match = _PROCEDURE.match(details)
            name = match.group(1) if match else details
            if name not in ALLOWED_PROCEDURES:
                raise QueryRefused(
                    f"refused: the procedure {name} is not on the read-only allow-list",
                    f"allowed: {', '.join(sorted(ALLOWED_PROCEDURES))}",
                )
        elif operator.startswith(("Show", "Terminate", "Administration")) and operator not in ALLOWED_SHOW:
            raise QueryRefused(f"refused: {_spaced(operator)} is an administration command")


def _operators(plan: Mapping[str, Any] | None) -> Iterator[tuple[str, str]]:
    stack = [plan] if plan else []
    while stack:
        node = stack.pop()
        operator = str(node.get("operatorType", "")).split("@", 1)[0]
        details = str((node.get("args") or {}).get("Details", ""))
        yield operator, details
        stack.extend(node.get("children") or [])


def _spaced(operator: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", " ", operator).upper()


# -- the text, before it is sent ------------------------------------------------------------


@dataclass(frozen=True)
class TextShape:
    """What makes Cypher text costly to parse: its length and how deep and long its chains go."""

    chars: int = 0
    #: Brackets ( [ { nested in one another, a CASE counting as several (it nests deeper).
    depth: int = 0
    #: The longest run of prefix operators (NOT NOT NOT ..., - - - ...).
    prefixes: int = 0
    #: The longest chain of property accesses and subscripts (a.b.c..., x[0][0]...).
    chain: int = 0
    #: The most binary operators joined in one expression (a + b + c ..., x OR y OR z ...):
    #: the parser nests them one inside the other.
    operators: int = 0
    #: How many UNIONs.
    unions: int = 0


#: The most a query may have of each, with what to do instead. Neo4j's parser takes seconds,
#: then minutes (and cannot be stopped), past a few hundred levels of nesting; real queries
#: stay under ten, and long lists of values belong in parameters.
TEXT_LIMITS = TextShape(chars=20_000, depth=64, prefixes=16, chain=32, operators=256, unions=32)
_CASE_DEPTH = 3

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>//[^\n]*|/\*.*?(?:\*/|\Z))
  | (?P<string>'(?:[^'\\]|\\.)*(?:'|\Z)|"(?:[^"\\]|\\.)*(?:"|\Z))
  | (?P<name>`[^`]*(?:`|\Z))
  | (?P<word>[^\W\d][\w$]*)
  | (?P<number>\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_OPENERS = {"(": ")", "[": "]", "{": "}"}


def measure_text(text: str) -> TextShape:
    """The shape of ``text`` (strings, quoted names and comments skipped)."""
    # per open bracket: the bracket, and the chain and operators it interrupts
    stack: list[tuple[str, int, int]] = []
    depth = max_depth = prefixes = max_prefixes = chain = max_chain = unions = 0
    operators = max_operators = 0
    previous = ""  # what the last significant token was: "value" ends an operand
    for match in _TOKEN.finditer(text):
        kind, token = match.lastgroup, match.group()
        if kind in ("space", "comment"):
            continue
        word = token.upper() if kind == "word" else ""
        if word == "NOT" or (token in "+-" and previous != "value"):
            prefixes += 1
            max_prefixes = max(max_prefixes, prefixes)
        else:
            prefixes = 0
        if previous == "value" and (token in _OPERATORS or word in _WORD_OPERATORS):
            operators += 1
            max_operators = max(max_operators, operators)
        elif token == "," or word in _CLAUSES:
            operators = 0
        if token in _OPENERS or word == "CASE":
            if token == "[" and previous == "value":
                chain += 1  # a subscript: the chain goes on after it
                max_chain = max(max_chain, chain)
            else:
                chain = 0
            stack.append((token if token in _OPENERS else "CASE", chain, operators))
            depth += 1 if token in _OPENERS else _CASE_DEPTH
            max_depth = max(max_depth, depth)
            chain = operators = 0
            previous = "open"
            continue
        if token in (")", "]", "}") or word == "END":
            if stack:
                opener, chain, operators = stack.pop()
                depth -= 1 if opener in _OPENERS else _CASE_DEPTH
            previous = "value"
            continue
        if token == "." and previous == "value":
            chain += 1
            max_chain = max(max_chain, chain)
            previous = "dot"
            continue
        if kind in ("word", "name", "string", "number") and word not in _KEYWORDS:
            if previous != "dot":
                chain = 0
            previous = "value"
        else:
            chain = 0
            previous = word or token
        if word == "UNION":
            unions += 1
    return TextShape(len(text), max_depth, max_prefixes, max_chain, max_operators, unions)


_OPERATORS = frozenset("+-*/%^=<>|")
_WORD_OPERATORS = frozenset({"AND", "OR", "XOR", "IN", "IS", "STARTS", "ENDS", "CONTAINS"})
#: Words that start a new expression.
_CLAUSES = frozenset(
    {"RETURN", "WITH", "WHERE", "MATCH", "OPTIONAL", "UNWIND", "ORDER", "SKIP", "LIMIT", "WHEN", "THEN"}
    | {"ELSE", "UNION", "CALL", "YIELD", "SET", "CREATE", "MERGE", "DELETE", "REMOVE", "FOREACH", "AS"}
)
#: Words that are not operands (a sign after them is a prefix, not a subtraction).
_KEYWORDS = frozenset(
    {"NOT", "AND", "OR", "XOR", "RETURN", "WHERE", "WITH", "IN", "IS", "WHEN", "THEN", "ELSE", "CASE"}
    | {"UNWIND", "AS", "SKIP", "LIMIT", "BY", "STARTS", "ENDS", "CONTAINS", "DISTINCT", "UNION", "MATCH"}
)


def check_text(text: str) -> TextShape:
    """Refuse query text that is too long, or nested or chained too deep for the server to parse
    in reasonable time (its parser cannot be interrupted); the text's shape otherwise."""
    limit = TEXT_LIMITS
    if len(text) > limit.chars:
        raise QueryRefused(
            f"refused: the query is {len(text):,} characters long; the limit is {limit.chars:,}",
            "pass long lists of values as parameters",
        )
    shape = measure_text(text)
    for what, found, most in (
        ("nested", shape.depth, limit.depth),
        ("has NOT or signs in a row", shape.prefixes, limit.prefixes),
        ("chains properties or subscripts", shape.chain, limit.chain),
        ("joins values with operators", shape.operators, limit.operators),
        ("joins queries with UNION", shape.unions, limit.unions),
    ):
        if found > most:
            raise QueryRefused(
                f"refused: the query nests {found:,} levels deep; the limit is {most:,}"
                if what == "nested"
                else f"refused: the query {what} {found:,} times; the limit is {most:,}",
                "write it flatter: WITH steps, lists and parameters instead of nesting",
            )
    return shape


# -- the parameters -------------------------------------------------------------------------

#: How deep lists and maps may nest in a parameter value.
MAX_PARAM_DEPTH = 32
_INT_MIN, _INT_MAX = -(1 << 63), (1 << 63) - 1


def check_params(params: Mapping[str, Any]) -> None:
    """Refuse parameter values Neo4j cannot take: whole numbers beyond 64 bits, nesting too deep."""
    stack: list[tuple[str, Any, int]] = [(str(name), value, 0) for name, value in params.items()]
    while stack:
        name, value, depth = stack.pop()
        if depth > MAX_PARAM_DEPTH:
            raise InvalidInput(f"parameter {name} nests lists or maps more than {MAX_PARAM_DEPTH} deep")
        if isinstance(value, bool):
            continue
        if isinstance(value, int) and not _INT_MIN <= value <= _INT_MAX:
            raise InvalidInput(
                f"parameter {name} holds {value}, beyond the whole numbers Neo4j takes (64 bits)",
                "pass it as text, in quotes",
            )
        if isinstance(value, list | tuple):
            stack.extend((name, v, depth + 1) for v in value)
        elif isinstance(value, dict):
            stack.extend((name, v, depth + 1) for v in value.values())
