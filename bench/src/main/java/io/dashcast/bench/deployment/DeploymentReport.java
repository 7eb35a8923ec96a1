package io.dashcast.bench.deployment;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the deployment case's results: {@code deployment.md} (per metric, block size and ingress:
 * first block after start, spaced, warm, each the median of the runs' p50, with the ratios to warm
 * and the difference to the floor), {@code deployment.json} and one {@code .hgrm} per case and metric.
 */
final class DeploymentReport
{
    static final String MARKDOWN_FILE = "deployment.md";
    static final String JSON_FILE = "deployment.json";
    static final String HGRM_DIR = "hgrm";

    private final DeploymentOptions options;
    private final List<CaseResult> cases;
    private final List<String> phases = new ArrayList<>();

    DeploymentReport(final DeploymentOptions options, final List<CaseResult> cases)
    {
        this.options = options;
        this.cases = cases;
        if (options.firstSamples > 0)
        {
            phases.add(DeploymentHarness.FIRST);
        }
        for (final double s : options.spacingsS)
        {
            if (options.spacedSamples > 0)
            {
                phases.add(DeploymentHarness.spacedPhase(s));
            }
        }
        phases.add(DeploymentHarness.WARM);
    }

    void writeAll(final Path dir) throws IOException
    {
        Files.createDirectories(dir.resolve(HGRM_DIR));
        Files.writeString(dir.resolve(MARKDOWN_FILE), markdown());
        Files.writeString(dir.resolve(JSON_FILE), json());
        for (final CaseResult c : cases)
        {
            for (final CaseResult.Metric metric : CaseResult.Metric.values())
            {
                final Histogram h = c.merged(metric);
                if (h.getTotalCount() == 0)
                {
                    continue;
                }
                final String name = (options.label + "-" + DeploymentOptions.sizeLabel(c.blockBytes) + "-" + c.ingress.key() +
                    "-" + c.phase + "-" + metric.key + ".hgrm").replace(' ', '_');
                try (PrintStream out = new PrintStream(Files.newOutputStream(dir.resolve(HGRM_DIR).resolve(name)), false,
                    StandardCharsets.UTF_8))
                {
                    h.outputPercentileDistribution(out, 1000.0);
                }
            }
        }
    }

    private CaseResult find(final Ingress ingress, final int size, final String phase)
    {
        for (final CaseResult c : cases)
        {
            if (c.ingress == ingress && c.blockBytes == size && c.phase.equals(phase))
            {
                return c;
            }
        }
        return null;
    }

    private double p50(final Ingress ingress, final int size, final String phase, final CaseResult.Metric metric)
    {
        final CaseResult c = find(ingress, size, phase);
        return c == null ? Double.NaN : c.medianP50Us(metric);
    }

    String markdown()
    {
        final StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "# Deployment case: %s%n%nN = %d peers, idle %s, loops %s, warm-up %d blocks, rehearsal %d blocks, keep-warm %s, " +
                "gateway warm-up %d calls, gateway keep-warm %s, shm idle %s, load between spaced blocks: %s; %d run(s); per run: %d first-block JVMs, %d spaced and %d warm " +
                "blocks per case. Cells: median over runs of each run's p50, us.%n",
            options.label, options.peers, options.idleMode, options.loops == 0 ? "one per core" : options.loops,
            options.warmUpIterations, options.rehearsalBlocks, options.keepWarmMs == 0 ? "off" : options.keepWarmMs + " ms",
            options.rpcWarmUpRequests, options.rpcKeepWarmMs == 0 ? "off" : options.rpcKeepWarmMs + " ms", options.shmIdle, options.load ? "64 MiB walk + allocation" : "none",
            options.runs, options.firstSamples, options.spacedSamples, options.warmSamples));
        for (final CaseResult.Metric metric : CaseResult.Metric.values())
        {
            table(md, metric);
        }
        for (final CaseResult c : cases)
        {
            if (c.failure != null)
            {
                md.append(String.format(Locale.ROOT, "%nFAILED %s %s %s: %s%n", DeploymentOptions.sizeLabel(c.blockBytes),
                    c.ingress.key(), c.phase, c.failure));
            }
        }
        return md.toString();
    }

    private void table(final StringBuilder md, final CaseResult.Metric metric)
    {
        md.append(String.format(Locale.ROOT, "%n## %s (from the ingress call)%n%n| block | ingress |", title(metric)));
        for (final String phase : phases)
        {
            md.append(' ').append(phase).append(" |");
        }
        for (final String phase : phases)
        {
            if (!phase.equals(DeploymentHarness.WARM))
            {
                md.append(' ').append(phase).append(" / warm |");
            }
        }
        for (final String phase : phases)
        {
            md.append(" - floor, ").append(phase).append(" |");
        }
        md.append("\n|---|---|");
        md.append("---:|".repeat(phases.size() * 3 - 1)).append('\n');
        for (final int size : options.sizes)
        {
            for (final Ingress ingress : options.ingresses)
            {
                md.append("| ").append(DeploymentOptions.sizeLabel(size)).append(" | ").append(ingress.key()).append(" |");
                final double warm = p50(ingress, size, DeploymentHarness.WARM, metric);
                for (final String phase : phases)
                {
                    md.append(' ').append(us(p50(ingress, size, phase, metric))).append(" |");
                }
                for (final String phase : phases)
                {
                    if (!phase.equals(DeploymentHarness.WARM))
                    {
                        md.append(' ').append(ratio(p50(ingress, size, phase, metric) / warm)).append(" |");
                    }
                }
                for (final String phase : phases)
                {
                    final double d = p50(ingress, size, phase, metric) - p50(Ingress.FLOOR, size, phase, metric);
                    md.append(' ').append(Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%+.0f", d)).append(" |");
                }
                md.append('\n');
            }
        }
    }

    private static String title(final CaseResult.Metric metric)
    {
        return switch (metric)
        {
            case FIRST_PEER -> "First peer: the kernel took the last byte for the critical peer 0";
            case HANDOFF -> "Hand-off: the kernel took the last byte for every peer";
            case DELIVERY -> "Delivery: the last receiver has read the whole block";
            case CALL -> "Ingress call: how long the call kept the caller";
        };
    }

    private static String us(final double v)
    {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }

    private static String ratio(final double v)
    {
        return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(Locale.ROOT, "%.2fx", v);
    }

    String json()
    {
        final StringBuilder js = new StringBuilder("[\n");
        for (int i = 0; i < cases.size(); i++)
        {
            final CaseResult c = cases.get(i);
            js.append(String.format(Locale.ROOT, "  {\"label\": \"%s\", \"ingress\": \"%s\", \"blockBytes\": %d, " +
                "\"phase\": \"%s\", \"samples\": %d", options.label, c.ingress.key(), c.blockBytes, c.phase, c.samples()));
            for (final CaseResult.Metric metric : CaseResult.Metric.values())
            {
                final Histogram h = c.merged(metric);
                final StringBuilder runs = new StringBuilder();
                for (final double v : c.p50PerRunUs(metric))
                {
                    runs.append(runs.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", v));
                }
                js.append(String.format(Locale.ROOT, ", \"%s\": {\"medianP50Us\": %s, \"p50PerRunUs\": [%s], " +
                        "\"allP50Us\": %.1f, \"allP99Us\": %.1f, \"maxUs\": %.1f}", metric.key,
                    Double.isNaN(c.medianP50Us(metric)) ? "null" : String.format(Locale.ROOT, "%.1f", c.medianP50Us(metric)),
                    runs, h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0));
            }
            js.append(c.failure == null ? "" : ", \"failure\": \"" + c.failure.replace("\"", "'") + "\"");
            js.append(i + 1 < cases.size() ? "},\n" : "}\n");
        }
        return js.append("]\n").toString();
    }
}
