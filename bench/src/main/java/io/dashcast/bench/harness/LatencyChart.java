package io.dashcast.bench.harness;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained HTML page (inline SVG, no scripts, no fetches) of percentile curves in the style
 * of HdrHistogram's plotter: x is the percentile on a log scale of 1/(1-p), y the latency in
 * microseconds on a log scale. One chart per metric and shape (N, block size), one curve per system.
 */
final class LatencyChart
{
    private static final Metric[] CHARTED = {Metric.DELIVERY, Metric.HANDOFF, Metric.FIRST_PEER};
    private static final String[] DASHCAST_COLOURS = {
        "#1f77b4", "#2ca02c", "#17becf", "#9467bd", "#bcbd22", "#74c476", "#6baed6", "#e377c2"};
    private static final int WIDTH = 640;
    private static final int HEIGHT = 380;
    private static final int LEFT = 72;
    private static final int RIGHT = 16;
    private static final int TOP = 28;
    private static final int BOTTOM = 150;

    private final List<Measurement> results;
    private final String subtitle;

    /**
     * @param results  measurements in run order.
     * @param subtitle what run this was.
     */
    LatencyChart(final List<Measurement> results, final String subtitle)
    {
        this.results = results;
        this.subtitle = subtitle;
    }

    /**
     * @return the page.
     */
    String html()
    {
        final StringBuilder sb = new StringBuilder(256 * 1024);
        sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>dashcast latency</title>\n")
            .append("<style>body{font-family:sans-serif;margin:16px}div.g{display:flex;flex-wrap:wrap;gap:12px}")
            .append("svg{border:1px solid #ccc;background:#fff}text{font-size:11px}</style></head><body>\n")
            .append("<h1>dashcast latency harness</h1>\n<p>").append(escape(subtitle)).append("</p>\n");
        for (final Metric metric : CHARTED)
        {
            sb.append("<h2>").append(escape(metric.title())).append("</h2>\n<div class=\"g\">\n");
            for (final List<Measurement> shape : shapes())
            {
                chart(sb, metric, shape);
            }
            sb.append("</div>\n");
        }
        return sb.append("</body></html>\n").toString();
    }

    private List<List<Measurement>> shapes()
    {
        final List<List<Measurement>> shapes = new ArrayList<>();
        for (final Measurement m : results)
        {
            if (!m.hasData())
            {
                continue;
            }
            List<Measurement> shape = null;
            for (final List<Measurement> s : shapes)
            {
                if (s.get(0).sameShape(m))
                {
                    shape = s;
                }
            }
            if (shape == null)
            {
                shape = new ArrayList<>();
                shapes.add(shape);
            }
            shape.add(m);
        }
        return shapes;
    }

    private void chart(final StringBuilder sb, final Metric metric, final List<Measurement> shape)
    {
        long maxSamples = 10;
        double minUs = Double.MAX_VALUE;
        double maxUs = 0;
        for (final Measurement m : shape)
        {
            maxSamples = Math.max(maxSamples, m.samples());
            minUs = Math.min(minUs, Math.max(0.1, m.histogram(metric).getMinValue() / 1000.0));
            maxUs = Math.max(maxUs, m.histogram(metric).getMaxValue() / 1000.0);
        }
        final double xMax = Math.ceil(Math.log10(maxSamples));
        final double yMin = Math.floor(Math.log10(minUs));
        final double yMax = Math.max(yMin + 1, Math.ceil(Math.log10(Math.max(maxUs, 0.1))));
        final Measurement first = shape.get(0);
        sb.append(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n",
            WIDTH, HEIGHT, WIDTH, HEIGHT));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" style=\"font-size:13px;font-weight:bold\">"
            + "N=%d, %s</text>\n", LEFT, first.peers, HarnessOptions.sizeLabel(first.blockBytes)));
        axes(sb, xMax, yMin, yMax);
        int dashcastIndex = 0;
        for (int i = 0; i < shape.size(); i++)
        {
            final Measurement m = shape.get(i);
            final String colour = colour(m, dashcastIndex);
            if (Contender.DASHCAST.equals(m.system))
            {
                dashcastIndex++;
            }
            curve(sb, m.histogram(metric), colour, xMax, yMin, yMax, m);
            final int ly = HEIGHT - BOTTOM + 40 + (i / 2) * 14;
            final int lx = LEFT + (i % 2) * 280;
            sb.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>\n",
                lx, ly - 4, lx + 18, ly - 4, colour, dash(m), lx + 22, ly, escape(m.label())));
        }
        sb.append("</svg>\n");
    }

    private static void axes(final StringBuilder sb, final double xMax, final double yMin, final double yMax)
    {
        final int plotBottom = HEIGHT - BOTTOM;
        for (int d = 0; d <= (int)xMax; d++)
        {
            final double x = xPixel(d, xMax);
            final String label = d == 0 ? "0%" : percentLabel(d);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
                + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                x, TOP, x, plotBottom, x, plotBottom + 14, label));
        }
        for (int d = (int)yMin; d <= (int)yMax; d++)
        {
            final double y = yPixel(d, yMin, yMax);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
                LEFT, y, WIDTH - RIGHT, y, LEFT - 4, y + 4, microsLabel(d)));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">percentile</text>\n",
            (LEFT + WIDTH - RIGHT) / 2, plotBottom + 28));
    }

    private static void curve(final StringBuilder sb, final Histogram histogram, final String colour,
        final double xMax, final double yMin, final double yMax, final Measurement m)
    {
        final StringBuilder points = new StringBuilder();
        for (final HistogramIterationValue v : histogram.percentiles(5))
        {
            final double p = v.getPercentileLevelIteratedTo() / 100.0;
            final double x = p >= 1.0 ? xMax : Math.min(xMax, Math.log10(1.0 / (1.0 - p)));
            final double us = Math.max(Math.pow(10, yMin), v.getValueIteratedTo() / 1000.0);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", xPixel(x, xMax), yPixel(Math.log10(us), yMin, yMax)));
        }
        sb.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.6\"")
            .append(dash(m)).append(" points=\"").append(points.toString().trim()).append("\"/>\n");
    }

    /**
     * Baselines by system, dashcast variants from a blue-green family.
     */
    private static String colour(final Measurement m, final int dashcastIndex)
    {
        return switch (m.system)
        {
            case Contender.FLOOR -> "#000000";
            case Contender.NETTY -> "#ff7f0e";
            case Contender.THREAD_PER_PEER -> "#d62728";
            case Contender.RELAY -> "#8c564b";
            default -> DASHCAST_COLOURS[dashcastIndex % DASHCAST_COLOURS.length];
        };
    }

    /**
     * dashcast with more than one loop is dashed.
     */
    private static String dash(final Measurement m)
    {
        return Contender.DASHCAST.equals(m.system) && !m.strategy.endsWith(" x1") ? " stroke-dasharray=\"5 3\"" : "";
    }

    private static double xPixel(final double decades, final double xMax)
    {
        return LEFT + decades / xMax * (WIDTH - LEFT - RIGHT);
    }

    private static double yPixel(final double log10Us, final double yMin, final double yMax)
    {
        final int plotBottom = HEIGHT - BOTTOM;
        return plotBottom - (log10Us - yMin) / (yMax - yMin) * (plotBottom - TOP);
    }

    private static String percentLabel(final int decades)
    {
        final double p = 100.0 * (1.0 - Math.pow(10, -decades));
        return String.format(Locale.ROOT, decades <= 2 ? "%.0f%%" : "%." + (decades - 2) + "f%%", p);
    }

    private static String microsLabel(final int decade)
    {
        if (decade >= 6)
        {
            return String.format(Locale.ROOT, "%.0f s", Math.pow(10, decade - 6));
        }
        if (decade >= 3)
        {
            return String.format(Locale.ROOT, "%.0f ms", Math.pow(10, decade - 3));
        }
        return String.format(Locale.ROOT, decade >= 0 ? "%.0f us" : "%.1f us", Math.pow(10, decade));
    }

    private static String escape(final String s)
    {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
