"""Figures fit for a paper: the checklist every chart passes, and its output with alternative text.

Every chart the notebooks draw (:mod:`graph.exchange.charts`, :mod:`graph.exchange.timelines`)
goes out through :func:`show`, which runs :func:`problems` on it and refuses one a reader could
not read without help:

- **a legend**: every figure has a legend or a colour bar saying what its colours, marks and
  lines mean;
- **no label cut**: no text is shortened with an ellipsis ("…"), none runs out of the box it is
  clipped to, and no legend covers a label or a bar (long labels are wrapped instead, :func:`wrap`);
- **a title**: the figure, or every axes that draws data, says what it shows;
- **alternative text**: a sentence for readers who cannot see the image.

The image goes out as PNG with its alternative text in the output's metadata and as an HTML
``<img alt=...>``, so JupyterLab and ``jupyter nbconvert --to html`` both carry it, with the
checklist it passed (``metadata["carekg"]["checked"]``), which ``tests/test_notebooks.py`` reads.

Examples
--------
>>> wrap("Health and wellbeing boards lead health and care commissioning", 24)
'Health and wellbeing\\nboards lead health and\\ncare commissioning'
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> fig, ax = plt.subplots()
>>> _ = ax.bar(["a", "b…"], [1, 2])
>>> problems(fig)
['no legend or colour bar says what the colours and marks mean', "a label is cut short: 'b…'", 'no title says what the figure shows']
>>> plt.close(fig)
"""

from __future__ import annotations

import base64
import html
import io
import textwrap

CHECKED = ("legend", "labels", "title", "alt")
ELLIPSES = ("…", "...")


def wrap(text, width: int = 28) -> str:
    """``text`` on lines of at most ``width`` characters (a longer word keeps its line): a label
    wrapped, never cut."""
    return "\n".join(textwrap.wrap(str(text), width=width, break_long_words=False, break_on_hyphens=False)) or str(text)


def _texts(fig):
    from matplotlib.text import Text

    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def problems(fig) -> list[str]:
    """What keeps ``fig`` from being read without help (see the module docstring); ``[]`` when
    it passes."""
    out = []
    axes = [a for a in fig.get_axes() if a.get_label() != "<colorbar>"]
    has_legend = bool(fig.legends) or any(a.get_legend() is not None for a in fig.get_axes()) or \
        any(a.get_label() == "<colorbar>" for a in fig.get_axes())
    if not has_legend:
        out.append("no legend or colour bar says what the colours and marks mean")
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    for t in _texts(fig):
        text = t.get_text()
        if any(line.rstrip().endswith(ELLIPSES) for line in text.splitlines()):
            out.append(f"a label is cut short: {text!r}")
            continue
        box = t.get_window_extent(renderer)
        clip = t.get_clip_box() if t.get_clip_on() else None
        if clip is not None and not (box.x0 >= clip.x0 - 1 and box.x1 <= clip.x1 + 1 and box.y0 >= clip.y0 - 1 and box.y1 <= clip.y1 + 1):
            out.append(f"a label runs out of its box: {text!r}")
    legends = list(fig.legends) + [a.get_legend() for a in fig.get_axes() if a.get_legend() is not None]
    for legend in legends:
        box = legend.get_window_extent(renderer)
        own = {id(t) for t in legend.get_texts()} | {id(legend.get_title())}
        for t in _texts(fig):
            if id(t) not in own and box.overlaps(t.get_window_extent(renderer)):
                out.append(f"the legend covers a label: {t.get_text()!r}")
        inside = legend.axes if legend in [a.get_legend() for a in fig.get_axes()] else None
        if inside is not None and any(box.overlaps(b.get_window_extent(renderer)) for b in inside.patches if b.get_visible()):
            out.append("the legend covers the data")
    drawn = [a for a in axes if a.has_data() or a.texts]
    titled = bool(fig._suptitle and fig._suptitle.get_text()) or (drawn and all(a.get_title() for a in drawn))
    if not titled:
        out.append("no title says what the figure shows")
    return out


def check(fig, alt: str) -> None:
    """Raise :class:`graph.errors.ParameterError` naming every problem of ``fig`` (and a missing
    ``alt``), so a chart a reader could not read never leaves a notebook."""
    from graph.errors import ParameterError

    found = problems(fig) + ([] if alt and alt.strip() else ["no alternative text"])
    if found:
        raise ParameterError("this figure is not fit to show: " + "; ".join(found))


def png(fig, dpi: int = 110) -> bytes:
    """The figure as PNG bytes, cropped to what it draws (nothing that sticks out is lost)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", pad_inches=0.15, facecolor="white")
    return buf.getvalue()


def output(fig, alt: str) -> tuple[dict, dict]:
    """The display data and metadata of a checked figure: PNG, the same as an HTML image with its
    alternative text, and the text alone; the metadata records the alternative text and the
    checklist passed.

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(); _ = ax.plot([1, 2], label="x"); _ = ax.legend(); _ = ax.set_title("A line")
    >>> data, meta = output(fig, "A rising line.")
    >>> sorted(data), meta["image/png"]["alt"], meta["carekg"]["checked"]
    (['image/png', 'text/html', 'text/plain'], 'A rising line.', ['legend', 'labels', 'title', 'alt'])
    >>> plt.close(fig)
    """
    check(fig, alt)
    b64 = base64.b64encode(png(fig)).decode("ascii")
    data = {"image/png": b64, "text/plain": alt,
            "text/html": f'<img alt="{html.escape(alt, quote=True)}" src="data:image/png;base64,{b64}">'}
    return data, {"image/png": {"alt": alt}, "carekg": {"checked": list(CHECKED), "alt": alt}}


def show(fig, alt: str) -> None:
    """Check ``fig`` (:func:`check`), display it with its alternative text, and close it, so the
    inline backend does not show it a second time without one."""
    import matplotlib.pyplot as plt
    from IPython.display import publish_display_data

    data, meta = output(fig, alt)
    plt.close(fig)
    publish_display_data(data, metadata=meta)


__all__ = ["CHECKED", "wrap", "problems", "check", "png", "output", "show"]
