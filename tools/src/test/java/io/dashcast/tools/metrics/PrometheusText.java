package io.dashcast.tools.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for tests: every line is a
 * HELP, a TYPE or a sample of a declared family; label syntax, values, histogram bucket order and
 * {@code +Inf == _count} are checked.
 */
final class PrometheusText
{
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SAMPLE = Pattern.compile(
        "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*)\\})? " +
        "([-+]?(?:[0-9.]+(?:[eE][-+]?[0-9]+)?|NaN|Inf))( -?[0-9]+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One sample. */
    record Sample(String name, Map<String, String> labels, double value)
    {
    }

    final Map<String, String> types = new LinkedHashMap<>();
    final List<Sample> samples = new ArrayList<>();

    static PrometheusText parse(final String text)
    {
        final PrometheusText parsed = new PrometheusText();
        for (final String line : text.split("\n"))
        {
            parsed.line(line);
        }
        parsed.checkHistograms();
        return parsed;
    }

    private void line(final String line)
    {
        if (line.isEmpty())
        {
            return;
        }
        if (line.startsWith("# HELP "))
        {
            assertTrue(NAME.matcher(line.substring(7).split(" ", 2)[0]).matches(), line);
            return;
        }
        if (line.startsWith("# TYPE "))
        {
            final String[] parts = line.substring(7).split(" ");
            assertEquals(2, parts.length, line);
            assertTrue(List.of("counter", "gauge", "histogram", "summary", "untyped").contains(parts[1]), line);
            assertTrue(types.put(parts[0], parts[1]) == null, "family declared twice: " + line);
            return;
        }
        if (line.startsWith("#"))
        {
            return;
        }
        final Matcher m = SAMPLE.matcher(line);
        assertTrue(m.matches(), "not a sample line: " + line);
        final Map<String, String> labels = new LinkedHashMap<>();
        if (m.group(3) != null)
        {
            final Matcher l = LABEL.matcher(m.group(3));
            while (l.find())
            {
                assertTrue(labels.put(l.group(1), l.group(2)) == null, "duplicate label: " + line);
            }
        }
        final String name = m.group(1);
        assertTrue(types.containsKey(family(name)), "sample of an undeclared family: " + line);
        samples.add(new Sample(name, labels, Double.parseDouble(m.group(4).replace("Inf", "Infinity"))));
    }

    private String family(final String name)
    {
        if (types.containsKey(name))
        {
            return name;
        }
        for (final String suffix : new String[] {"_total", "_bucket", "_count", "_sum", "_created"})
        {
            if (name.endsWith(suffix) && types.containsKey(name.substring(0, name.length() - suffix.length())))
            {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    private void checkHistograms()
    {
        types.forEach((family, type) ->
        {
            if (!"histogram".equals(type))
            {
                return;
            }
            double previous = -1;
            Map<String, String> series = null;
            for (final Sample s : samples)
            {
                if (!s.name().equals(family + "_bucket"))
                {
                    continue;
                }
                final Map<String, String> rest = new LinkedHashMap<>(s.labels());
                rest.remove("le");
                if (!rest.equals(series))
                {
                    series = rest;
                    previous = -1;
                }
                assertTrue(s.value() >= previous, "buckets not cumulative: " + s);
                previous = s.value();
                if ("+Inf".equals(s.labels().get("le")))
                {
                    assertEquals(value(family + "_count", rest), s.value(), "+Inf bucket != _count: " + s);
                }
            }
        });
    }

    /**
     * @return the one sample with exactly these labels.
     */
    double value(final String name, final Map<String, String> labels)
    {
        for (final Sample s : samples)
        {
            if (s.name().equals(name) && s.labels().equals(labels))
            {
                return s.value();
            }
        }
        fail("no sample " + name + labels);
        return Double.NaN;
    }

    double value(final String name, final String... labels)
    {
        final Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2)
        {
            map.put(labels[i], labels[i + 1]);
        }
        return value(name, map);
    }

    /**
     * @return the sum over every sample of the name whose labels include these.
     */
    double sum(final String name, final String... labels)
    {
        double total = 0;
        for (final Sample s : samples)
        {
            boolean match = s.name().equals(name);
            for (int i = 0; match && i < labels.length; i += 2)
            {
                match = labels[i + 1].equals(s.labels().get(labels[i]));
            }
            total += match ? s.value() : 0;
        }
        return total;
    }
}
