package dev.spotsim.reports.render.html;

/**
 * Legend entries: a small inline SVG drawn with the very CSS classes of the chart element it names,
 * so a legend can never show a colour or dash the chart does not use.
 */
public final class Legend {
    private Legend() {
    }

    /** A line series, named by its class ({@code healthy}, {@code p99}). */
    public static String line(String series, String label) {
        return item("<line class=\"series " + Html.esc(series) + "\" x1=\"1\" y1=\"6\" x2=\"23\" y2=\"6\"/>", label);
    }

    /** A vertical marker line, drawn upright as in the charts. */
    public static String marker(String kind, String label) {
        return item("<line class=\"marker marker-" + Html.token(kind) + "\" x1=\"12\" y1=\"0\" x2=\"12\" y2=\"12\"/>", label);
    }

    /** A filled box: bars, bands and drain segments. */
    public static String box(String cssClass, String label) {
        return item("<rect class=\"" + Html.esc(cssClass) + "\" x=\"4\" y=\"1\" width=\"16\" height=\"10\"/>", label);
    }

    private static String item(String shape, String label) {
        return "<span class=\"legend-item\"><svg class=\"swatch\" viewBox=\"0 0 24 12\" width=\"24\" height=\"12\" aria-hidden=\"true\">"
                + shape + "</svg>" + Html.esc(label) + "</span>";
    }
}
