"""Read an analyst's Cypher before the server does: what the plan cannot show, the text can.

The sandbox's plan check (:mod:`conflictgraph.graph.neo4j_sandbox`) sees operators, but
Neo4j plans a subquery inside an expression (``[i IN [1] | COLLECT { LOAD CSV ... }]``,
``CASE``, ``WHERE``) as part of that expression's text, not as child operators. And some
work cannot be interrupted once it runs: Neo4j checks its transaction timeout between
rows, never inside one expression, so ``reduce(s = 0, x IN range(1, 10^12) | ...)`` holds a
core for hours and ``[x IN range(1, 200000000) | x]`` exhausts the heap before any check.

So the query's tokens (strings, comments and backquoted names removed) are scanned, at
every depth, for

* clauses and commands that reach outside the graph or act on the server: ``LOAD CSV``,
  ``... IN TRANSACTIONS``, ``SHOW ...``, ``TERMINATE ...``;
* procedure calls outside the allow-list, and namespaced functions outside the built-in
  temporal, spatial and vector namespaces (``apoc.load.json`` and other plugins);
* work that grows before the timeout can stop it: ``range()`` in an expression whose
  bounds are not known before it runs, or whose spans multiply past
  :data:`ITERATION_BUDGET` (``UNWIND range(...) AS x`` is exempt: its rows are stopped by
  the timeout like any other); a ``reduce()``
  step that uses its accumulator twice (it doubles on every element); ``replace()`` whose
  replacement is not a literal or parameter, or whose growth factors multiply past
  :data:`GROWTH_BUDGET`; an expression that adds a variable to itself (``l + l``).

The rules over-approximate on purpose: a refused query is rewritten with ``UNWIND`` (whose
rows the timeout does interrupt) or with parameters. This module only reads text; it never
talks to Neo4j.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

__all__ = [
    "ALLOWED_FUNCTION_NAMESPACES",
    "GROWTH_BUDGET",
    "ITERATION_BUDGET",
    "CypherUnreadable",
    "GuardRefusal",
    "Token",
    "TokenKind",
    "guard",
    "tokenize",
]

# Elements all range() calls of one query may produce together (their spans multiplied:
# a range inside another's comprehension runs once per element of the outer one).
ITERATION_BUDGET = 1_000_000
# How much all replace() calls of one query may multiply a string's length together.
GROWTH_BUDGET = 1_000

# Namespaces of Neo4j's built-in functions that only compute values.
ALLOWED_FUNCTION_NAMESPACES = frozenset({
    "date", "datetime", "localdatetime", "localtime", "time", "duration", "point", "vector",
})

# Keywords that may stand before "(" without being a function call.
_KEYWORDS_BEFORE_PAREN = frozenset({
    "match", "optional", "where", "return", "with", "and", "or", "xor", "not", "in", "call",
    "unwind", "as", "by", "skip", "limit", "case", "when", "then", "else", "distinct", "union",
    "all", "exists", "is", "yield", "contains", "starts", "ends", "on", "merge", "create",
    "set", "delete", "remove", "foreach", "offset", "order", "filter", "let", "finish",
    "shortest", "any", "allshortestpaths", "shortestpath", "none", "single",
})
# Commands after SHOW / TERMINATE (their next word is one of these, or a modifier).
_SERVER_COMMAND_VERBS = frozenset({"show", "terminate"})


class TokenKind(Enum):
    WORD = "word"  # keyword or unquoted name
    QUOTED = "quoted"  # `backquoted name`: never a keyword
    STRING = "string"
    NUMBER = "number"
    PARAM = "param"
    PUNCT = "punct"


@dataclass(frozen=True)
class Token:
    kind: TokenKind
    text: str
    offset: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    def is_word(self, *words: str) -> bool:
        return self.kind is TokenKind.WORD and self.lower in words

    def is_punct(self, *marks: str) -> bool:
        return self.kind is TokenKind.PUNCT and self.text in marks


class CypherUnreadable(ValueError):
    """The text cannot be split into Cypher tokens (an unclosed string or comment)."""


@dataclass(frozen=True)
class GuardRefusal:
    """Why a query may not run; ``offset`` points into the query text.

    ``reason`` may name what the query used (a procedure, a variable); ``summary`` says
    the same without repeating anything of the query, for answers that must not echo it.
    """

    reason: str
    offset: int
    summary: str = ""

    def __str__(self) -> str:
        return self.reason

    def summary_in(self, query: str) -> str:
        """The summary (or the reason), with the line and column of ``offset`` in ``query``."""
        line = query.count("\n", 0, self.offset) + 1
        column = self.offset - (query.rfind("\n", 0, self.offset) + 1) + 1
        return f"{self.summary or self.reason} (line {line}, column {column})"


_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<line_comment>//[^\n]*)
  | (?P<block_comment>/\*.*?\*/)
  | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<quoted>`(?:[^`]|``)*`)
  | (?P<param>\$(?:[^\W\d]\w*|\d+|`(?:[^`]|``)*`))
  | (?P<number>0x[0-9a-fA-F_]+|0o[0-7_]+|(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][+-]?\d+)?)
  | (?P<word>[^\W\d]\w*)
  | (?P<punct>\.\.|<>|<=|>=|=~|\+=|[^\s\w'"`])
    """,
    re.VERBOSE | re.DOTALL,
)


def tokenize(query: str) -> list[Token]:
    """Cypher tokens without whitespace and comments; raises CypherUnreadable."""
    tokens: list[Token] = []
    pos = 0
    while pos < len(query):
        match = _TOKEN.match(query, pos)
        if match is None or match.end() == pos or (
                match.lastgroup == "punct" and query.startswith("/*", pos)):
            what = "string" if query[pos] in "'\"" else (
                "comment" if query.startswith("/*", pos) else "name" if query[pos] == "`" else "text")
            raise CypherUnreadable(f"unclosed {what} at offset {pos}")
        kind = match.lastgroup
        if kind not in ("space", "line_comment", "block_comment"):
            tokens.append(Token(TokenKind(kind), match.group(), pos))
        pos = match.end()
    return tokens


def _closing(tokens: Sequence[Token], open_index: int) -> int:
    """Index of the bracket that closes the one at ``open_index`` (len(tokens) if none)."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    stack = [pairs[tokens[open_index].text]]
    for index in range(open_index + 1, len(tokens)):
        tok = tokens[index]
        if tok.kind is not TokenKind.PUNCT:
            continue
        if tok.text in pairs:
            stack.append(pairs[tok.text])
        elif tok.text in (")", "]", "}"):
            if stack and stack[-1] == tok.text:
                stack.pop()
            if not stack:
                return index
    return len(tokens)


def _arguments(tokens: Sequence[Token], open_index: int) -> list[list[Token]]:
    """The comma-separated arguments between the parenthesis at ``open_index`` and its match."""
    close = _closing(tokens, open_index)
    args: list[list[Token]] = [[]]
    depth = 0
    for tok in tokens[open_index + 1:close]:
        if tok.is_punct("(", "[", "{"):
            depth += 1
        elif tok.is_punct(")", "]", "}"):
            depth -= 1
        if depth == 0 and tok.is_punct(","):
            args.append([])
        else:
            args[-1].append(tok)
    return [] if args == [[]] else args


def _dotted_name(tokens: Sequence[Token], start: int) -> tuple[str, int]:
    """``a.b.c`` from ``start``: the name and the index after it."""
    parts = [tokens[start].text.strip("`")]
    index = start + 1
    while (index + 1 < len(tokens) and tokens[index].is_punct(".")
           and tokens[index + 1].kind in (TokenKind.WORD, TokenKind.QUOTED)):
        parts.append(tokens[index + 1].text.strip("`"))
        index += 2
    return ".".join(parts), index


def _int_literal(text: str) -> int | None:
    cleaned = text.replace("_", "").lower()
    try:
        if cleaned.startswith("0x"):
            return int(cleaned, 16)
        if cleaned.startswith("0o"):
            return int(cleaned[2:], 8)
        return int(cleaned)
    except ValueError:
        return None


_SIZE_FUNCTIONS = ("size", "length")


def _bound(arg: Sequence[Token], params: Mapping[str, Any]) -> int | str | None:
    """The value of a range() bound: an int, None (bounded by data: ``size(list) - 1``) or a
    string saying why it cannot be known before the query runs."""
    toks = list(arg)
    sign = 1
    if toks and toks[0].is_punct("-", "+"):
        sign = -1 if toks[0].text == "-" else 1
        toks = toks[1:]
    if len(toks) == 1 and toks[0].kind is TokenKind.NUMBER:
        value = _int_literal(toks[0].text)
        return "a range() bound must be an integer" if value is None else sign * value
    if len(toks) == 1 and toks[0].kind is TokenKind.PARAM:
        name = toks[0].text[1:].strip("`")
        value = params.get(name)
        if isinstance(value, bool) or not isinstance(value, int):
            return "a range() bound given as a parameter must be an integer"
        return sign * value
    # size(...) or length(...), optionally +/- an integer literal: bounded by the data.
    if (sign == 1 and len(toks) >= 3 and toks[0].is_word(*_SIZE_FUNCTIONS) and toks[1].is_punct("(")):
        close = _closing(toks, 1)
        rest = toks[close + 1:]
        if not rest or (len(rest) == 2 and rest[0].is_punct("-", "+")
                        and rest[1].kind is TokenKind.NUMBER
                        and (_int_literal(rest[1].text) or 0) <= ITERATION_BUDGET):
            return None
    return ("range() bounds must be integer literals, parameters or size(...) of a list, "
            "so that the work is known before the query runs")


def _unwound(tokens: Sequence[Token], index: int) -> bool:
    """``UNWIND range(...) AS x``: the range is the whole UNWIND expression."""
    if index == 0 or not tokens[index - 1].is_word("unwind"):
        return False
    close = _closing(tokens, index + 1)
    return close + 1 < len(tokens) and tokens[close + 1].is_word("as")


def _span(start: int, stop: int, step: int) -> int:
    if step == 0:
        return 0
    return max(0, (stop - start) // step + 1)


def _words_in(tokens: Iterable[Token]) -> list[str]:
    return [t.text for t in tokens if t.kind is TokenKind.WORD]


def _check_reduce(tokens: Sequence[Token], open_index: int) -> GuardRefusal | None:
    """reduce(acc = init, x IN list | step): the step may use ``acc`` once, and no replace()."""
    close = _closing(tokens, open_index)
    inner = tokens[open_index + 1:close]
    if len(inner) < 2 or inner[0].kind not in (TokenKind.WORD, TokenKind.QUOTED):
        return None
    accumulator = inner[0].text
    bar = next((i for i, t in enumerate(inner) if t.is_punct("|")), None)
    if bar is None:
        return None
    step = inner[bar + 1:]
    uses = sum(1 for i, t in enumerate(step) if t.text == accumulator
               and not (i > 0 and step[i - 1].is_punct(".", "$")))
    where = tokens[open_index].offset
    if uses > 1:
        why = ("it could double on every element before the time limit can stop it; use it "
               "once per step")
        return GuardRefusal(
            f"reduce() uses its accumulator {accumulator} {uses} times in one step: {why}", where,
            f"a reduce() step uses its accumulator more than once: {why}")
    if any(t.is_word("replace") for t in step):
        return GuardRefusal("replace() inside a reduce() step can grow a string on every element; "
                            "compute the replacement outside reduce()", where)
    return None


def _replace_growth(args: Sequence[Sequence[Token]], params: Mapping[str, Any]) -> float | str:
    """How many times replace(s, search, repl) can multiply the length of s, or why unknown."""
    if len(args) != 3:
        return 1.0

    def literal(arg: Sequence[Token]) -> str | None:
        if len(arg) != 1:
            return None
        tok = arg[0]
        if tok.kind is TokenKind.STRING:
            return tok.text[1:-1]
        if tok.kind is TokenKind.PARAM:
            value = params.get(tok.text[1:].strip("`"))
            return value if isinstance(value, str) else None
        return None

    search, repl = literal(args[1]), literal(args[2])
    if repl is None:
        return ("replace() must replace with a string literal or parameter (a replacement "
                "computed from the string itself squares its length)")
    if search is None:
        return float(max(1, len(repl)))
    return max(1.0, len(repl) / max(1, len(search)))


def _plus_operand(tokens: Sequence[Token], i: int) -> bool:
    """True when the name at ``i`` is itself an operand of ``+`` (brackets around it aside)."""
    before = i - 1
    while before >= 0 and tokens[before].is_punct("(", "["):
        before -= 1
    after = i + 1
    while after < len(tokens) and tokens[after].is_punct(")", "]"):
        after += 1
    return bool((before >= 0 and tokens[before].is_punct("+"))
                or (after < len(tokens) and tokens[after].is_punct("+")))


def _self_concatenation(tokens: Sequence[Token]) -> GuardRefusal | None:
    """``l + l``, ``l + [l]``, ``s + x + s``: a variable added to itself doubles it each time.

    One expression is the run of tokens between clause words, commas and ``AS``; a name
    counts when it is itself an operand of ``+`` (not ``l[0] + ...`` or ``f(l).x + ...``).
    """
    boundary = {"return", "with", "where", "as", "match", "unwind", "order", "by", "and", "or",
                "xor", "when", "then", "else", "case", "end", "yield", "skip", "limit", "set"}
    seen: dict[str, int] = {}
    for index, tok in enumerate(tokens):
        if tok.is_punct(",", "|", ";") or tok.is_word(*boundary):
            seen = {}
            continue
        if tok.kind not in (TokenKind.WORD, TokenKind.QUOTED) or not _plus_operand(tokens, index):
            continue
        if index > 0 and tokens[index - 1].is_punct(".", "$", ":"):
            continue
        seen[tok.text] = seen.get(tok.text, 0) + 1
        if seen[tok.text] > 1:
            why = "repeated, that doubles a list or string before the time limit can stop it"
            return GuardRefusal(
                f"{tok.text} is added to itself ({tok.text} + {tok.text}): {why}", tok.offset,
                f"the query adds a variable to itself: {why}")
    return None


def guard(
    query: str,
    parameters: Mapping[str, Any] | None = None,
    *,
    allowed_procedures: Iterable[str],
) -> GuardRefusal | None:
    """The first reason the query may not run, or None. Raises CypherUnreadable."""
    params = dict(parameters or {})
    allowed = frozenset(allowed_procedures)
    tokens = tokenize(query)
    iterations = 1
    growth = 1.0
    for index, tok in enumerate(tokens):
        prev = tokens[index - 1] if index else None
        nxt = tokens[index + 1] if index + 1 < len(tokens) else None
        after_dot = prev is not None and prev.is_punct(".", ":", "$")
        if tok.kind is not TokenKind.WORD or after_dot:
            continue
        word = tok.lower
        if word == "load" and nxt is not None and nxt.is_word("csv"):
            return GuardRefusal("LOAD CSV reads files and URLs outside the graph", tok.offset)
        if word == "transactions" and prev is not None and prev.is_word("in", "concurrent"):
            return GuardRefusal("CALL { } IN TRANSACTIONS commits on its own and is not allowed",
                                tok.offset)
        if word in _SERVER_COMMAND_VERBS and nxt is not None and nxt.kind is TokenKind.WORD:
            return GuardRefusal(
                "SHOW and TERMINATE commands describe or act on the server, not the graph",
                tok.offset)
        if word == "call" and nxt is not None and nxt.kind in (TokenKind.WORD, TokenKind.QUOTED):
            name, _ = _dotted_name(tokens, index + 1)
            if name not in allowed:
                listed = ", ".join(sorted(allowed))
                return GuardRefusal(
                    f"procedure {name} is not allowed; allowed: {listed}", tok.offset,
                    f"the query calls a procedure that is not allowed; allowed: {listed}")
            continue
        # A namespaced function: a.b(...) that no CALL precedes.
        if nxt is not None and nxt.is_punct(".") and not (prev is not None and prev.is_word("call")):
            name, end = _dotted_name(tokens, index)
            if end < len(tokens) and tokens[end].is_punct("(") and "." in name:
                namespace = name.split(".", 1)[0].lower()
                if namespace not in ALLOWED_FUNCTION_NAMESPACES:
                    only = (f"namespaced functions may come from "
                            f"{', '.join(sorted(ALLOWED_FUNCTION_NAMESPACES))} only")
                    return GuardRefusal(
                        f"function {name} is not allowed; {only}", tok.offset,
                        f"the query calls a namespaced function that is not allowed; {only}")
        if nxt is None or not nxt.is_punct("("):
            continue
        if word == "range" and _unwound(tokens, index):
            continue  # UNWIND range(...) AS x: one row at a time, and the timeout stops rows
        if word == "range":
            args = _arguments(tokens, index + 1)
            bounds = [_bound(arg, params) for arg in args]
            why = next((b for b in bounds if isinstance(b, str)), None)
            if why is not None:
                return GuardRefusal(why, tok.offset)
            if len(bounds) in (2, 3) and all(isinstance(b, int) for b in bounds):
                start, stop = bounds[0], bounds[1]
                step = bounds[2] if len(bounds) == 3 else 1
                assert isinstance(start, int) and isinstance(stop, int) and isinstance(step, int)
                iterations *= max(1, _span(start, stop, step))
                if iterations > ITERATION_BUDGET:
                    return GuardRefusal(
                        f"the range() calls of this query produce more than {ITERATION_BUDGET:,} "
                        "elements together; expressions over them cannot be stopped by the time "
                        "limit (use UNWIND over a smaller range, or LIMIT)", tok.offset)
        elif word == "reduce":
            refusal = _check_reduce(tokens, index + 1)
            if refusal is not None:
                return refusal
        elif word == "replace":
            factor = _replace_growth(_arguments(tokens, index + 1), params)
            if isinstance(factor, str):
                return GuardRefusal(factor, tok.offset)
            growth *= factor
            if growth > GROWTH_BUDGET:
                return GuardRefusal(
                    f"the replace() calls of this query can grow a string more than "
                    f"{GROWTH_BUDGET:,} times", tok.offset)
    return _self_concatenation(tokens)
