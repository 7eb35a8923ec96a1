package io.dashcast.bench.harness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsReportTest
{
    private static Measurement measurement(final String system, final String strategy, final long... micros)
    {
        final Measurement m = new Measurement(system, strategy, 8, 65536);
        for (final long us : micros)
        {
            for (final Metric metric : Metric.values())
            {
                m.record(metric, us * 1000);
            }
        }
        return m;
    }

    private static List<Measurement> results()
    {
        final Measurement failed = new Measurement(Contender.RELAY, "hop delay 0 us", 8, 65536);
        failed.failure = "receiver: relay hop 3: boom";
        return List.of(
            measurement(Contender.FLOOR, "spin, caller thread", 50, 50, 100),
            measurement(Contender.DASHCAST, "busy-spin x1", 100, 100, 400),
            measurement(Contender.DASHCAST, "select x1", 150, 150, 800),
            measurement(Contender.NETTY, "epoll x2", 300, 300, 1200),
            failed);
    }

    @Test
    void shouldTakeRatiosAgainstTheFirstDashcastRowAndTheFloor()
    {
        final List<Measurement> results = results();
        final ResultsReport report = new ResultsReport(HarnessOptions.parse(new String[] {"--quick"}), results);
        final Measurement netty = results.get(3);
        assertEquals(results.get(1), report.dashcastReference(netty));
        assertEquals(results.get(0), report.floorReference(netty));
        assertEquals(3.0, ResultsReport.ratio(netty, report.dashcastReference(netty), Metric.DELIVERY, 50), 0.01);
        assertEquals(6.0, ResultsReport.ratio(netty, report.floorReference(netty), Metric.DELIVERY, 50), 0.01);
        assertEquals(3.0, ResultsReport.ratio(netty, report.dashcastReference(netty), Metric.HANDOFF, 100), 0.01);
        assertEquals(12.0, ResultsReport.ratio(netty, report.floorReference(netty), Metric.HANDOFF, 100), 0.02);
        assertTrue(Double.isNaN(ResultsReport.ratio(results.get(4), results.get(1), Metric.DELIVERY, 50)));
        assertNull(new ResultsReport(HarnessOptions.parse(new String[] {"--quick"}), List.of(netty)).floorReference(netty));
    }

    @Test
    void shouldPrintOneRowPerMeasurementAndMetric()
    {
        final String md = new ResultsReport(HarnessOptions.parse(new String[] {"--quick"}), results()).markdown();
        assertTrue(md.contains("| 8 | 64 KiB | netty | epoll x2 | 3 | 300.0 | 1200 | 1200 | 1200 | 3.00 3.00 3.00 3.00 "
            + "| 6.00 12.00 12.00 12.00 |"), md);
        assertTrue(md.contains("| 8 | 64 KiB | relay | hop delay 0 us | 0 | FAILED: receiver: relay hop 3: boom |"), md);
        assertEquals(Metric.values().length * 5, md.lines().filter(l -> l.startsWith("| 8 |")).count());
    }

    @Test
    void shouldWriteValidJsonHgrmFilesAndAChart(@TempDir final Path dir) throws IOException
    {
        final ResultsReport report = new ResultsReport(HarnessOptions.parse(new String[] {"--quick"}), results());
        report.writeAll(dir);
        final String json = Files.readString(dir.resolve(ResultsReport.JSON_FILE));
        new JsonChecker(json).check();
        assertEquals(5, json.split("\"system\": ").length - 1);
        final String key = "\"ratioToFloor\": {\"handoff\": {\"p50\": ";
        final int at = json.indexOf(key, json.indexOf("\"netty\"")) + key.length();
        assertEquals(6.0, Double.parseDouble(json.substring(at, json.indexOf(',', at))), 0.01);
        assertTrue(json.contains("\"failure\": \"receiver: relay hop 3: boom\""), json);
        try (Stream<Path> files = Files.list(dir.resolve(ResultsReport.HGRM_DIR)))
        {
            assertEquals(4 * Metric.values().length, files.count());
        }
        final String hgrm = Files.readString(dir.resolve(ResultsReport.HGRM_DIR).resolve(
            "N8-64_KiB-netty-epoll_x2-delivery.hgrm"));
        assertTrue(hgrm.contains("Total count    =            3"), hgrm);
        final String html = Files.readString(dir.resolve(ResultsReport.CHART_FILE));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertEquals(3, html.split("<svg ").length - 1, "one chart per charted metric for the one shape");
        assertEquals(3 * 4, html.split("<polyline ").length - 1, "a curve per measurement with data");
        assertFalse(html.contains("<script"));
    }

    /**
     * Just enough of a JSON parser to prove the file is well formed.
     */
    private static final class JsonChecker
    {
        private final String s;
        private int i;

        JsonChecker(final String s)
        {
            this.s = s;
        }

        void check()
        {
            value();
            space();
            assertEquals(s.length(), i, "trailing text");
        }

        private void value()
        {
            space();
            final char c = s.charAt(i);
            if (c == '{')
            {
                members('}', true);
            }
            else if (c == '[')
            {
                members(']', false);
            }
            else if (c == '"')
            {
                string();
            }
            else if (s.startsWith("null", i) || s.startsWith("true", i))
            {
                i += 4;
            }
            else
            {
                final int start = i;
                while (i < s.length() && "-+.eE0123456789".indexOf(s.charAt(i)) >= 0)
                {
                    i++;
                }
                assertTrue(i > start, "value expected at " + start);
                Double.parseDouble(s.substring(start, i));
            }
        }

        private void members(final char close, final boolean named)
        {
            i++;
            space();
            if (s.charAt(i) == close)
            {
                i++;
                return;
            }
            while (true)
            {
                if (named)
                {
                    space();
                    string();
                    space();
                    assertEquals(':', s.charAt(i++), "colon at " + i);
                }
                value();
                space();
                final char c = s.charAt(i++);
                if (c == close)
                {
                    return;
                }
                assertEquals(',', c, "comma at " + i);
            }
        }

        private void string()
        {
            assertEquals('"', s.charAt(i++));
            while (s.charAt(i) != '"')
            {
                i += s.charAt(i) == '\\' ? 2 : 1;
            }
            i++;
        }

        private void space()
        {
            while (i < s.length() && Character.isWhitespace(s.charAt(i)))
            {
                i++;
            }
        }
    }
}
