package io.dashcast.tools.metrics;

import io.dashcast.engine.PeerEndpoint;
import io.dashcast.engine.PeerPriority;
import io.dashcast.engine.status.EngineStatus;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import org.agrona.concurrent.SystemEpochClock;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code conf/alerts.yml}: every series its rules use is one the daemon exports, and, where
 * promtool is installed (Debian package {@code prometheus}; {@code .ci/run} installs it), the
 * rules pass {@code promtool check rules} and fire as {@code conf/alerts-test.yml} expects on
 * recorded series.
 */
class AlertRulesTest
{
    private static final Path CONF = Path.of("..", "conf");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    @Test
    void shouldOnlyUseSeriesTheDaemonExports() throws Exception
    {
        final EngineStatus status = EngineStatus.inMemory(1, SystemEpochClock.INSTANCE)
            .registerPeers(List.of(new PeerEndpoint("local", "127.0.0.1", 9999, PeerPriority.CRITICAL)));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out,
            new DashcastCollector(status, () -> { }, 1, null, SystemEpochClock.INSTANCE).collect());
        final PrometheusText exported = PrometheusText.parse(out.toString(StandardCharsets.UTF_8));
        final String rules = Files.readString(CONF.resolve("alerts.yml"));
        final Matcher names = Pattern.compile("dashcast_[a-z_]+").matcher(rules);
        int used = 0;
        while (names.find())
        {
            final String name = names.group();
            assertTrue(exported.samples.stream().anyMatch(s -> s.name().equals(name)), name + " is not exported");
            used++;
        }
        assertTrue(used >= 5, "rules use the daemon's series");
        status.close();
    }

    @Test
    void shouldFireAsRecordedWithPromtool() throws Exception
    {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(PROMTOOL), "promtool not installed");
        assertEquals("", run("check", "rules", "alerts.yml"));
        assertEquals("", run("test", "rules", "alerts-test.yml"));
    }

    private static String run(final String... args) throws Exception
    {
        final String[] command = new String[args.length + 1];
        command[0] = PROMTOOL.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        final Process p = new ProcessBuilder(command).directory(CONF.toFile()).redirectErrorStream(true).start();
        final String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p.exitValue() == 0 ? "" : output;
    }
}
