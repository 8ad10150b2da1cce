"""The monthly chart: cases by verdict and by behaviour type, as a PNG with the Japanese font."""

from __future__ import annotations

import io

# A bare Figure renders through the Agg canvas: no pyplot, no display, safe in a worker.
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ticker import MaxNLocator

from bot.reports.fonts import japanese_font_path
from bot.reports.monthly import MonthlyTotals, item_label
from bot.reports.texts import report_text


def render_monthly_chart(totals: MonthlyTotals) -> bytes:
    """Two horizontal bar charts (by verdict, by behaviour type) as PNG bytes."""
    font = FontProperties(fname=str(japanese_font_path()))
    lang = totals.language
    panels = [
        (report_text(lang, "monthly.by_verdict"), "label", totals.by_verdict),
        (report_text(lang, "monthly.by_type"), "type", totals.by_type),
    ]
    figure = Figure(figsize=(8, 6), dpi=100)
    figure.suptitle(report_text(lang, "monthly.chart_title", month=totals.month_label), fontproperties=font)
    for index, (title, prefix, counter) in enumerate(panels, start=1):
        axes = figure.add_subplot(2, 1, index)
        items = sorted(counter.items(), key=lambda kv: kv[1])
        labels = [item_label(lang, prefix, k) for k, _ in items] or ["—"]
        values = [n for _, n in items] or [0]
        axes.barh(labels, values, color="#4a78b5")
        axes.set_title(title, fontproperties=font)
        axes.set_xlabel(report_text(lang, "monthly.count"), fontproperties=font)
        for label in axes.get_yticklabels():
            label.set_fontproperties(font)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
