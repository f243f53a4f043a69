"""`conflictgraph rules check`: validate the extraction rule files and count what they hold;
`conflictgraph rules import-cameo`: convert the CAMEO verb dictionary into event triggers."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from ..config import get_settings
from ..loaders.extraction.rulefiles import (
    PACKAGED_ANCHORS,
    PACKAGED_FRAMES,
    Problem,
    RuleCheck,
    RuleError,
    check_frames,
    check_rules,
    read_anchors,
)

app = typer.Typer(help="The extraction rules (trigger words, word sets, anchors, frame patterns) as data.",
                  no_args_is_help=True)
console = Console()


def _counts(title: str, label: str, counts: dict[str, int], unit: str = "triggers") -> Table:
    table = Table(title=title)
    table.add_column(label)
    table.add_column(unit, justify="right")
    for key, count in sorted(counts.items()):
        table.add_row(key, str(count))
    return table


def _anchor_problems() -> tuple[int, list[Problem]]:
    """The anchors file checked against the registered constructions and the word sets they
    name; those sets come from the lexicon, which cannot load while a trigger file is broken."""
    try:
        from ..loaders.extraction.anchors import anchor_sets
        from ..loaders.extraction.constructions import REGISTERED
    except RuleError:
        message = "not checked: the anchors name word sets of the trigger files; fix those first"
        return 0, [Problem(str(PACKAGED_ANCHORS), 0, message)]
    anchors, problems = read_anchors(REGISTERED, anchor_sets(), PACKAGED_ANCHORS)
    return len(anchors), problems


def _frame_problems(user: Path | None) -> list[Problem]:
    """The frame patterns (packaged and the user's) checked, with a count of patterns per role."""
    from collections import Counter

    from ..loaders.extraction.predicate_frames import READ_PATTERNS

    patterns, problems = check_frames(user, READ_PATTERNS)
    console.print(f"Checked {PACKAGED_FRAMES}" + (f", {user}" if user else "")
                  + f": {len(patterns)} frame patterns.", soft_wrap=True, markup=False, highlight=False)
    per_role = Counter(role.value for p in patterns for role in {r for _, r in (*p.roles, *p.preps)})
    console.print(_counts("Frame patterns per role", "role", per_role, "patterns"))
    return problems


def _report(check: RuleCheck) -> None:
    console.print(_counts("Triggers per table", "table", check.counts_by_table()))
    console.print(_counts("Triggers per relation type", "type", check.counts_by_type()))
    console.print(_counts("Triggers per category", "category", check.counts_by_category()))
    console.print(_counts("Triggers per category and mode", "category mode",
                          check.counts_by_mode()))
    console.print(_counts("Triggers per source", "source", check.counts_by_source()))
    console.print(f"{len(check.shadowed)} CAMEO triggers shadowed by a hand trigger of the same "
                  f"lemma; {check.switched_off} switched off in plover_relations.toml "
                  f"(converted = false).", soft_wrap=True, markup=False, highlight=False)
    sets = len(check.words) + len(check.pairs)
    words = sum(len(w) for w in check.words.values()) + sum(len(p) for p in check.pairs.values())
    console.print(f"{sets} word sets, {words} entries.")
    for user, packaged in check.overrides:
        console.print(f"{user.file}:{user.line}: {user.id!r} replaces the packaged "
                      f"{packaged.id!r} ({packaged.table.value} {packaged.lemma!r})",
                      soft_wrap=True, markup=False, highlight=False)


@app.command()
def check(
    files: list[Path] = typer.Argument(
        None, metavar="[FILE...]",
        help="User trigger files (JSONL) to check with the packaged rules "
             "(default: CONFLICTGRAPH_RULES, when set).",
    ),
) -> None:
    """Check the packaged rule files (triggers, word sets, construction anchors, frame
    patterns) and the user's: exit 0 when clean, 1 with the problems."""
    users: list[Path | None] = list(files) if files else [get_settings().rules_path]
    problems = 0
    anchors, anchor_problems = _anchor_problems()
    console.print(f"Checked {PACKAGED_ANCHORS}: {anchors} construction anchors.", soft_wrap=True,
                  markup=False, highlight=False)
    for problem in anchor_problems:
        console.print(str(problem), soft_wrap=True, markup=False, highlight=False)
    problems += len(anchor_problems)
    for user in users:
        result = check_rules(user)
        console.print("Checked " + ", ".join(result.files), soft_wrap=True, markup=False,
                      highlight=False)
        _report(result)
        for problem in result.problems:
            # One unwrapped line per problem: file:line stays whole for editors and grep.
            console.print(str(problem), soft_wrap=True, markup=False, highlight=False)
        problems += len(result.problems)
        for problem in _frame_problems(user):
            console.print(str(problem), soft_wrap=True, markup=False, highlight=False)
            problems += 1
    if problems:
        console.print(f"[red]{problems} problem(s) in the rule files.[/red]")
        raise typer.Exit(1)
    console.print("[green]The rule files are clean.[/green]")


@app.command("import-cameo")
def import_cameo(
    dictionary: Path = typer.Option(
        None, help="The CAMEO verb pattern dictionary (default: data/cameo/CAMEO.2.0.txt)."),
    table: Path = typer.Option(
        None, help="The CAMEO -> PLOVER table (default: data/cameo/CAMEO2PLOVER-2021.txt)."),
) -> None:
    """Convert the CAMEO verb dictionary into rules/cameo_triggers.jsonl and the CAMEO -> PLOVER
    table into rules/cameo_plover.tsv (deterministic), and report what converted and what not."""
    from ..loaders.extraction.cameo import CAMEO_DICTIONARY, PLOVER_TABLE, write_conversion

    try:
        result = write_conversion(dictionary or CAMEO_DICTIONARY, table or PLOVER_TABLE)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        console.print(f"[red]Cannot convert: {exc}[/red]", soft_wrap=True)
        raise typer.Exit(1) from None
    console.print(f"{result.patterns} patterns: {result.converted} converted, "
                  f"{sum(result.skipped.values())} skipped; {result.verbs} verbs; "
                  f"{len(result.triggers)} triggers written.", soft_wrap=True, markup=False,
                  highlight=False)
    console.print(_counts("Patterns skipped", "reason", dict(result.skipped), "patterns"))
    console.print(_counts("Verbs without a trigger of their own", "reason",
                          dict(result.verbs_skipped), "verbs"))
    console.print(_counts("Triggers per category", "category", dict(result.counts())))
