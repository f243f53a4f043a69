"""A timeline drawn: cooperative claims above the axis, hostile below, openings and closings marked.

Each bucket is one bar pair; a dotted line on a bucket's left edge names the relation types
that open in it (``TimelineMark``), a grey dashed one those that only close in it.

matplotlib draws it off-screen (the Agg and SVG backends, no display needed). It is
imported on first use: a server that never draws does not pay for it.
"""

from __future__ import annotations

import io
from enum import StrEnum
from typing import TYPE_CHECKING

from .timeline import MarkKind, Timeline

if TYPE_CHECKING:  # pragma: no cover - typing only
    from matplotlib.figure import Figure

__all__ = ["COOPERATIVE_COLOUR", "HOSTILE_COLOUR", "PlotFormat", "render_timeline"]

# The colours of docs/conflictgraph.grass, so the plot reads like the Browser's graph.
COOPERATIVE_COLOUR = "#2E9E44"  # SUPPORTS
HOSTILE_COLOUR = "#D62728"  # OPPOSES
MARK_COLOUR = "#455a64"
CLOSED_COLOUR = "#9E9E9E"  # closed relations in docs/conflictgraph.grass

WIDTH_IN, HEIGHT_IN, DPI = 10.0, 4.5, 100  # 1000 x 450 pixels as PNG


class PlotFormat(StrEnum):
    PNG = "png"
    SVG = "svg"

    @property
    def media_type(self) -> str:
        return {PlotFormat.PNG: "image/png", PlotFormat.SVG: "image/svg+xml"}[self]


def _figure(timeline: Timeline) -> Figure:
    from matplotlib.figure import Figure  # a Figure needs no pyplot and no global state
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, layout="constrained")
    axes = figure.add_subplot()
    labels = [b.label for b in timeline.buckets]
    positions = list(range(len(labels)))
    cooperative = [b.cooperative for b in timeline.buckets]
    hostile = [-b.hostile for b in timeline.buckets]
    axes.bar(positions, cooperative, color=COOPERATIVE_COLOUR, label="cooperative")
    axes.bar(positions, hostile, color=HOSTILE_COLOUR, label="hostile")
    axes.axhline(0, color="black", linewidth=0.8)
    where = {label: i for i, label in enumerate(labels)}
    marked: dict[int, dict[MarkKind, list[str]]] = {}
    for mark in timeline.marks:
        if mark.bucket in where:
            kinds = marked.setdefault(where[mark.bucket], {})
            kinds.setdefault(mark.kind, []).append(mark.type.value)
    for x, kinds in marked.items():
        # On the bucket's left edge, so the line does not run through its bars; a closing
        # is dashed, in the Browser's grey of closed relations.
        closing = MarkKind.OPENED not in kinds
        axes.axvline(x - 0.5, color=CLOSED_COLOUR if closing else MARK_COLOUR,
                     linestyle="--" if closing else ":", linewidth=1)
        text = "; ".join(f"{kind.value}: " + ", ".join(types) for kind, types in kinds.items())
        axes.annotate(text, (x - 0.5, 0.98),
                      xycoords=("data", "axes fraction"), rotation=90, va="top", ha="right",
                      fontsize=7, color=MARK_COLOUR)
    step = max(1, len(labels) // 24)  # at most about 24 tick labels
    axes.set_xticks(positions[::step], labels[::step], rotation=45, ha="right", fontsize=8)
    top = max([*cooperative, *(-h for h in hostile), 1])
    axes.set_ylim(-top * 1.15, top * 1.15)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{abs(value):g}"))
    axes.set_ylabel("claims (hostile below the axis)")
    axes.set_title(f"{timeline.a.name} – {timeline.b.name}, claims per {timeline.bucket.value}")
    axes.legend(loc="upper center", ncols=2, fontsize=8, framealpha=0.9)
    return figure


def render_timeline(timeline: Timeline, fmt: PlotFormat = PlotFormat.PNG) -> bytes:
    """The plot as PNG (1000 x 450 pixels) or SVG bytes."""
    buffer = io.BytesIO()
    _figure(timeline).savefig(buffer, format=fmt.value, dpi=DPI)
    return buffer.getvalue()
