"""The analysts' cookbook: ``queries/*.cypher`` files and the header that documents each.

A cookbook file opens with a comment block that is both documentation and
machine-readable metadata::

    // @question Who backs an actor?
    // @actor actor = "Libyan National Army"  Actor id, name or alias (any case)
    // @param min_confidence = 0.0  Ignore weaker relations
    // @example conflictgraph cypher supporters --param actor=GNA

``@param`` defaults are JSON literals; whatever follows the literal describes the
parameter. ``@actor`` declares a parameter that names an actor: before a query
runs, ``resolve_actors`` turns each such value into the id of the one actor it
names, the way the API resolves references (``queries.search.resolve_actor``), so
an unknown actor is an error with suggestions rather than an empty table. Running
a file with no parameters uses the defaults, so every file runs as-is against the
seed graph. Other ``//`` lines of the header are notes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..graph.store import GraphStore
from .search import resolve_actor

__all__ = [
    "COOKBOOK_DIR",
    "CookbookError",
    "CookbookQuery",
    "QueryParam",
    "browser_params",
    "cookbook",
    "cypher_literal",
    "get",
    "load",
    "resolve_actors",
]

COOKBOOK_DIR = Path(__file__).resolve().parent
_DECODER = json.JSONDecoder()


class CookbookError(ValueError):
    """A cookbook file or the parameters given for it are malformed."""


@dataclass(frozen=True)
class QueryParam:
    name: str
    default: Any
    description: str = ""
    actor: bool = False  # names an actor (declared with ``@actor``)

    def coerce(self, raw: str) -> Any:
        """A command-line string -> the default's type (a string default keeps strings as-is).

        ``null`` is None for every parameter, so optional filters can be switched off.
        """
        if raw.strip() == "null":
            return None
        if isinstance(self.default, str):
            return raw
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            value = raw
        if self.default is None:
            return value
        if isinstance(self.default, bool):
            if isinstance(value, bool):
                return value
            raise CookbookError(f"parameter {self.name} takes true or false, not {raw!r}")
        if isinstance(self.default, int | float):
            if isinstance(value, int | float) and not isinstance(value, bool):
                return value
            raise CookbookError(f"parameter {self.name} takes a number, not {raw!r}")
        if isinstance(self.default, list):
            if isinstance(value, list):
                return value
            # Comma-separated lists read naturally on a command line: --param types=SUPPORTS,LEADS
            return [item.strip() for item in raw.split(",") if item.strip()]
        return value


@dataclass(frozen=True)
class CookbookQuery:
    name: str
    path: Path
    question: str
    params: tuple[QueryParam, ...]
    examples: tuple[str, ...]
    notes: tuple[str, ...]
    text: str = field(repr=False)

    @property
    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}

    def parameters(self, given: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Defaults overlaid with ``given``; an unknown name is an error, not a silent no-op."""
        given = dict(given or {})
        known = {p.name for p in self.params}
        unknown = sorted(set(given) - known)
        if unknown:
            raise CookbookError(
                f"{self.name} has no parameter {', '.join(unknown)}; "
                f"it takes: {', '.join(sorted(known)) or 'none'}"
            )
        return {**self.defaults, **given}

    def coerce(self, raw: Mapping[str, str]) -> dict[str, Any]:
        """Command-line ``key=value`` strings -> typed parameters, defaults filled in."""
        by_name = {p.name: p for p in self.params}
        typed: dict[str, Any] = {}
        for key, value in raw.items():
            if key not in by_name:
                self.parameters({key: value})  # raises with the list of known names
            typed[key] = by_name[key].coerce(value)
        return self.parameters(typed)


def _parse_param(line: str, path: Path, *, tag: str = "@param") -> QueryParam:
    body = line.split(tag, 1)[1].strip()
    name, sep, rest = body.partition("=")
    name = name.strip()
    if not sep or not name.isidentifier():
        raise CookbookError(f"{path.name}: malformed @param line {line!r} (want: name = json)")
    rest = rest.strip()
    try:
        default, end = _DECODER.raw_decode(rest)
    except json.JSONDecodeError as exc:
        raise CookbookError(f"{path.name}: default of {name} is not a JSON literal: {rest!r}") from exc
    return QueryParam(name=name, default=default, description=rest[end:].strip(),
                      actor=tag == "@actor")


def load(path: Path | str, *, strict: bool = True) -> CookbookQuery:
    """Parse one cookbook file's header; the query text is the whole file (comments are Cypher).

    ``strict=False`` accepts an analyst's own file without a ``@question`` line.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CookbookError(f"cannot read {path}: {exc.strerror}") from exc
    question = ""
    params: list[QueryParam] = []
    examples: list[str] = []
    notes: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if not line.startswith("//"):
            break  # the header ends at the first line of Cypher
        content = line[2:].strip()
        if content.startswith("@question"):
            question = content[len("@question"):].strip()
        elif content.startswith("@param"):
            params.append(_parse_param(content, path))
        elif content.startswith("@actor"):
            params.append(_parse_param(content, path, tag="@actor"))
        elif content.startswith("@example"):
            examples.append(content[len("@example"):].strip())
        elif content:
            notes.append(content)
    if not question and strict:
        raise CookbookError(f"{path.name}: the header has no '// @question' line")
    names = [p.name for p in params]
    if len(names) != len(set(names)):
        raise CookbookError(f"{path.name}: a parameter is declared twice")
    return CookbookQuery(
        name=path.stem, path=path, question=question, params=tuple(params),
        examples=tuple(examples), notes=tuple(notes), text=text,
    )


def cookbook(directory: Path = COOKBOOK_DIR) -> dict[str, CookbookQuery]:
    """Every cookbook query, by name (the file stem)."""
    return {q.name: q for q in (load(p) for p in sorted(directory.glob("*.cypher")))}


def get(name: str, directory: Path = COOKBOOK_DIR) -> CookbookQuery:
    """One cookbook query by name, with or without ``.cypher``."""
    stem = name[: -len(".cypher")] if name.endswith(".cypher") else name
    path = directory / f"{stem}.cypher"
    if not stem or "/" in stem or not path.is_file():
        known = ", ".join(sorted(cookbook(directory)))
        raise CookbookError(f"no cookbook query named {name!r}; known: {known}")
    return load(path)


def resolve_actors(query: CookbookQuery, params: Mapping[str, Any],
                   store: GraphStore) -> dict[str, Any]:
    """``params`` with every ``@actor`` value replaced by the id of the actor it names.

    Resolution is the API's (``resolve_actor``: id, name or alias in any case, then
    a unique close match), so the cookbook and the API answer about the same actor.
    Raises ``ActorNotFound`` (with suggestions) for a reference that names no actor,
    or several. A ``null`` value stays ``null``.
    """
    resolved = dict(params)
    for param in query.params:
        value = resolved.get(param.name)
        if param.actor and value is not None:
            resolved[param.name] = resolve_actor(store, str(value)).id
    return resolved


def cypher_literal(value: Any) -> str:
    """A JSON-like value as a Cypher literal (map keys unquoted or backticked)."""
    if isinstance(value, Mapping):
        items = ", ".join(f"{_key(str(k))}: {cypher_literal(v)}" for k, v in value.items())
        return "{" + items + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def _key(name: str) -> str:
    return name if name.isidentifier() else "`" + name.replace("`", "``") + "`"


def browser_params(params: Mapping[str, Any]) -> str:
    """The ``:params`` command that sets these values in Neo4j Browser."""
    return ":params " + cypher_literal(dict(params))
