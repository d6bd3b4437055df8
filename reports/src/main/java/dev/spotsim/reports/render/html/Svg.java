package dev.spotsim.reports.render.html;

import static dev.spotsim.reports.render.html.Html.esc;
import static dev.spotsim.reports.render.html.Html.px;

/**
 * Writes one inline SVG element by element. Shapes carry CSS classes (styled by the page), and
 * an optional {@code <title>} that browsers show as a tooltip without any script.
 */
public final class Svg {
    /** The only address the report contains: the SVG namespace, which is a name, not a download. */
    public static final String NAMESPACE = "http://www.w3.org/2000/svg";

    private final StringBuilder out = new StringBuilder(4096);

    /** Opens an SVG of {@code width}×{@code height} user units that scales to its container's width. */
    public Svg(double width, double height, String cssClass, String label) {
        out.append("<svg xmlns=\"").append(NAMESPACE).append("\" class=\"").append(esc(cssClass)).append("\" viewBox=\"0 0 ")
                .append(px(width)).append(' ').append(px(height)).append("\" preserveAspectRatio=\"xMinYMin meet\" role=\"img\" aria-label=\"")
                .append(esc(label)).append("\">\n");
    }

    public Svg line(double x1, double y1, double x2, double y2, String cssClass, String title) {
        out.append("<line class=\"").append(esc(cssClass)).append("\" x1=\"").append(px(x1)).append("\" y1=\"").append(px(y1))
                .append("\" x2=\"").append(px(x2)).append("\" y2=\"").append(px(y2)).append('"');
        return close("line", title);
    }

    public Svg rect(double x, double y, double width, double height, String cssClass, String title) {
        out.append("<rect class=\"").append(esc(cssClass)).append("\" x=\"").append(px(x)).append("\" y=\"").append(px(y))
                .append("\" width=\"").append(px(Math.max(0, width))).append("\" height=\"").append(px(Math.max(0, height))).append('"');
        return close("rect", title);
    }

    public Svg circle(double cx, double cy, double r, String cssClass, String title) {
        out.append("<circle class=\"").append(esc(cssClass)).append("\" cx=\"").append(px(cx)).append("\" cy=\"").append(px(cy))
                .append("\" r=\"").append(px(r)).append('"');
        return close("circle", title);
    }

    /** A path from already formatted path data (see {@link PathData}). */
    public Svg path(String d, String cssClass, String title) {
        if (d.isEmpty()) {
            return this;
        }
        out.append("<path class=\"").append(esc(cssClass)).append("\" d=\"").append(d).append('"');
        return close("path", title);
    }

    /** Text anchored at {@code start}, {@code middle} or {@code end} of {@code (x, y)}. */
    public Svg text(double x, double y, String anchor, String cssClass, String text) {
        out.append("<text class=\"").append(esc(cssClass)).append("\" x=\"").append(px(x)).append("\" y=\"").append(px(y))
                .append("\" text-anchor=\"").append(anchor).append("\">").append(esc(text)).append("</text>\n");
        return this;
    }

    /** Opens a group; {@code attributes} are written as given (callers escape values). */
    public Svg group(String cssClass, String attributes) {
        out.append("<g class=\"").append(esc(cssClass)).append('"').append(attributes.isEmpty() ? "" : " " + attributes).append(">\n");
        return this;
    }

    public Svg endGroup() {
        out.append("</g>\n");
        return this;
    }

    /** Closes the SVG and returns its markup. */
    public String finish() {
        return out.append("</svg>\n").toString();
    }

    private Svg close(String element, String title) {
        if (title == null || title.isEmpty()) {
            out.append("/>\n");
        } else {
            out.append("><title>").append(esc(title)).append("</title></").append(element).append(">\n");
        }
        return this;
    }

    /** Builds path data with gaps: a NaN value lifts the pen, so missing seconds are not bridged. */
    public static final class PathData {
        private final StringBuilder d = new StringBuilder();
        private boolean penDown;
        private double lastY = Double.NaN;
        private double heldTo = Double.NaN;

        /** Adds a point; NaN in {@code y} breaks the line. */
        public PathData to(double x, double y) {
            flush();
            if (Double.isNaN(y)) {
                penDown = false;
                return this;
            }
            d.append(penDown ? 'L' : 'M').append(px(x)).append(',').append(px(y));
            penDown = true;
            lastY = y;
            return this;
        }

        /**
         * A level held from {@code fromX} to {@code toX}, for step lines (capacity keeps its value
         * through the second). A level that continues the previous one only extends it, so a flat
         * hour costs one segment, not 600.
         */
        public PathData hold(double fromX, double toX, double y) {
            if (penDown && y == lastY && fromX == heldTo) {
                heldTo = toX;
                return this;
            }
            to(fromX, y);
            if (penDown) {
                heldTo = toX;
            }
            return this;
        }

        public String build() {
            flush();
            return d.toString();
        }

        private void flush() {
            if (!Double.isNaN(heldTo)) {
                d.append('H').append(px(heldTo));
                heldTo = Double.NaN;
            }
        }
    }
}
