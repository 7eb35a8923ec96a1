package io.dashcast.bench.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Everything a run leaves behind: {@code results.json} (one record per system x N x size x
 * strategy, latencies in microseconds, with ratios to dashcast and to the floor), {@code results.md}
 * (the tables), one {@code .hgrm} percentile distribution per measurement and metric, and
 * {@code latency-chart.html} (percentile curves, self-contained). The dashcast reference of a shape
 * (N, size) is its first dashcast strategy (busy-spin x1 in the presets); the floor is the floor.
 */
final class ResultsReport
{
    static final String JSON_FILE = "results.json";
    static final String MARKDOWN_FILE = "results.md";
    static final String HGRM_DIR = "hgrm";
    static final String CHART_FILE = "latency-chart.html";
    static final double[] PERCENTILES = {50, 99, 99.9, 100};
    private static final String[] PERCENTILE_KEYS = {"p50", "p99", "p999", "max"};

    private final HarnessOptions options;
    private final List<Measurement> results;

    /**
     * @param options what was asked for.
     * @param results every measurement, in run order.
     */
    ResultsReport(final HarnessOptions options, final List<Measurement> results)
    {
        this.options = options;
        this.results = results;
    }

    /**
     * @param dir output directory (created if missing).
     * @throws IOException if a file cannot be written.
     */
    void writeAll(final Path dir) throws IOException
    {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(JSON_FILE), json(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(MARKDOWN_FILE), markdown(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(CHART_FILE), new LatencyChart(results, header()).html(), StandardCharsets.UTF_8);
        writeHgrm(dir.resolve(HGRM_DIR));
    }

    private void writeHgrm(final Path dir) throws IOException
    {
        Files.createDirectories(dir);
        for (final Measurement m : results)
        {
            if (!m.hasData())
            {
                continue;
            }
            for (final Metric metric : Metric.values())
            {
                final Path file = dir.resolve(hgrmName(m, metric));
                try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8))
                {
                    // Values are recorded in ns; scaled to microseconds in the file.
                    m.histogram(metric).outputPercentileDistribution(out, 1000.0);
                }
            }
        }
    }

    /**
     * @return e.g. "N8-64KiB-dashcast-busy-spin_x1-delivery.hgrm".
     */
    static String hgrmName(final Measurement m, final Metric metric)
    {
        final String name = "N" + m.peers + "-" + HarnessOptions.sizeLabel(m.blockBytes) + "-" + m.system + "-"
            + m.strategy + "-" + metric.key();
        return name.replaceAll("[^A-Za-z0-9._-]+", "_") + ".hgrm";
    }

    /**
     * @param m a measurement.
     * @return the dashcast measurement its ratios are taken against, or null.
     */
    Measurement dashcastReference(final Measurement m)
    {
        for (final Measurement r : results)
        {
            if (Contender.DASHCAST.equals(r.system) && r.sameShape(m) && r.hasData())
            {
                return r;
            }
        }
        return null;
    }

    /**
     * @param m a measurement.
     * @return the floor of the same shape, or null.
     */
    Measurement floorReference(final Measurement m)
    {
        for (final Measurement r : results)
        {
            if (Contender.FLOOR.equals(r.system) && r.sameShape(m) && r.hasData())
            {
                return r;
            }
        }
        return null;
    }

    /**
     * @return value of m over value of reference at a percentile (NaN when either is missing or 0).
     */
    static double ratio(final Measurement m, final Measurement reference, final Metric metric, final double percentile)
    {
        if (reference == null || !m.hasData())
        {
            return Double.NaN;
        }
        final double base = reference.micros(metric, percentile);
        return base > 0 ? m.micros(metric, percentile) / base : Double.NaN;
    }

    private String header()
    {
        return String.format(Locale.ROOT,
            "%s run on %d cores, Java %s, %s %s; up to %d samples (after up to %d warm-up) or %.1f s per configuration,"
                + " %d us between blocks, relay hop delay %d us",
            options.preset, HarnessOptions.CORES, System.getProperty("java.version"), System.getProperty("os.name"),
            System.getProperty("os.version"), options.samples, options.warmup, options.maxSeconds, options.gapUs,
            options.hopDelayUs);
    }

    /**
     * @return the tables: one per metric, p50/p99/p99.9/max in microseconds and every row's ratios.
     */
    String markdown()
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("# dashcast latency harness\n\n").append(header()).append(".\n\n")
            .append("Latencies in microseconds. Ratios are this row's p50 / p99 / p99.9 / max over the dashcast")
            .append(" reference (the first dashcast row of the same N and size) and over the floor: above 1 is")
            .append(" slower.\n");
        for (final Metric metric : Metric.values())
        {
            sb.append("\n## ").append(metric.title()).append(" (us)\n\n")
                .append("| N | block | system | strategy | samples | p50 | p99 | p99.9 | max | / dashcast | / floor |\n")
                .append("|---:|---:|---|---|---:|---:|---:|---:|---:|---|---|\n");
            for (final Measurement m : results)
            {
                appendRow(sb, m, metric);
            }
        }
        return sb.toString();
    }

    private void appendRow(final StringBuilder sb, final Measurement m, final Metric metric)
    {
        sb.append("| ").append(m.peers).append(" | ").append(HarnessOptions.sizeLabel(m.blockBytes)).append(" | ")
            .append(m.system).append(" | ").append(m.strategy).append(" | ");
        if (!m.hasData())
        {
            sb.append("0 | FAILED: ").append(m.failure.replace('|', '/')).append(" | | | | | |\n");
            return;
        }
        sb.append(m.samples()).append(m.failure == null ? "" : "*").append(" | ");
        for (final double p : PERCENTILES)
        {
            sb.append(formatMicros(m.micros(metric, p))).append(" | ");
        }
        sb.append(ratios(m, dashcastReference(m), metric)).append(" | ")
            .append(ratios(m, floorReference(m), metric)).append(" |\n");
    }

    private static String ratios(final Measurement m, final Measurement reference, final Metric metric)
    {
        final StringBuilder sb = new StringBuilder();
        for (final double p : PERCENTILES)
        {
            if (sb.length() > 0)
            {
                sb.append(' ');
            }
            final double r = ratio(m, reference, metric, p);
            sb.append(Double.isNaN(r) ? "-" : String.format(Locale.ROOT, "%.2f", r));
        }
        return sb.toString();
    }

    static String formatMicros(final double micros)
    {
        return micros >= 1000 ? String.format(Locale.ROOT, "%.0f", micros) : String.format(Locale.ROOT, "%.1f", micros);
    }

    /**
     * @return results.json.
     */
    String json()
    {
        final StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("{\n  \"harness\": \"dashcast latency harness\",\n")
            .append("  \"preset\": ").append(quote(options.preset)).append(",\n")
            .append("  \"units\": \"microseconds\",\n")
            .append("  \"machine\": {\"cores\": ").append(HarnessOptions.CORES)
            .append(", \"java\": ").append(quote(System.getProperty("java.version")))
            .append(", \"os\": ").append(quote(System.getProperty("os.name") + " " + System.getProperty("os.version")))
            .append(", \"arch\": ").append(quote(System.getProperty("os.arch"))).append("},\n")
            .append("  \"settings\": {\"samples\": ").append(options.samples)
            .append(", \"warmup\": ").append(options.warmup)
            .append(", \"maxSeconds\": ").append(options.maxSeconds)
            .append(", \"gapUs\": ").append(options.gapUs)
            .append(", \"hopDelayUs\": ").append(options.hopDelayUs).append("},\n")
            .append("  \"reference\": {\"dashcast\": \"first dashcast strategy of the same N and size\",")
            .append(" \"floor\": \"floor of the same N and size\"},\n")
            .append("  \"results\": [");
        for (int i = 0; i < results.size(); i++)
        {
            sb.append(i == 0 ? "\n" : ",\n");
            appendRecord(sb, results.get(i));
        }
        sb.append("\n  ]\n}\n");
        return sb.toString();
    }

    private void appendRecord(final StringBuilder sb, final Measurement m)
    {
        sb.append("    {\"system\": ").append(quote(m.system))
            .append(", \"strategy\": ").append(quote(m.strategy))
            .append(", \"peers\": ").append(m.peers)
            .append(", \"blockBytes\": ").append(m.blockBytes)
            .append(", \"samples\": ").append(m.samples())
            .append(", \"failure\": ").append(m.failure == null ? "null" : quote(m.failure));
        if (m.hasData())
        {
            for (final Metric metric : Metric.values())
            {
                sb.append(",\n      ").append(quote(metric.key())).append(": {");
                for (int p = 0; p < PERCENTILES.length; p++)
                {
                    sb.append(p == 0 ? "" : ", ").append(quote(PERCENTILE_KEYS[p])).append(": ")
                        .append(number(m.micros(metric, PERCENTILES[p])));
                }
                sb.append(", \"mean\": ").append(number(m.histogram(metric).getMean() / 1000.0)).append('}');
            }
            appendRatios(sb, "ratioToDashcast", m, dashcastReference(m));
            appendRatios(sb, "ratioToFloor", m, floorReference(m));
        }
        sb.append('}');
    }

    private static void appendRatios(final StringBuilder sb, final String name, final Measurement m,
        final Measurement reference)
    {
        sb.append(",\n      ").append(quote(name)).append(": ");
        if (reference == null)
        {
            sb.append("null");
            return;
        }
        sb.append('{');
        final Metric[] metrics = Metric.values();
        for (int k = 0; k < metrics.length; k++)
        {
            sb.append(k == 0 ? "" : ", ").append(quote(metrics[k].key())).append(": {");
            for (int p = 0; p < PERCENTILES.length; p++)
            {
                sb.append(p == 0 ? "" : ", ").append(quote(PERCENTILE_KEYS[p])).append(": ")
                    .append(number(ratio(m, reference, metrics[k], PERCENTILES[p])));
            }
            sb.append('}');
        }
        sb.append('}');
    }

    private static String number(final double value)
    {
        return Double.isNaN(value) || Double.isInfinite(value) ? "null" : String.format(Locale.ROOT, "%.3f", value);
    }

    static String quote(final String s)
    {
        final StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            if (c == '"' || c == '\\')
            {
                sb.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int)c));
            }
            else
            {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
