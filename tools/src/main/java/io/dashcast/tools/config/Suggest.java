package io.dashcast.tools.config;

import java.util.List;

/**
 * "Did you mean ...?": the valid name nearest a misspelt one, by edit distance.
 */
final class Suggest
{
    private Suggest()
    {
    }

    /**
     * @param name  as written.
     * @param valid the names allowed.
     * @return the nearest valid name within a third of its length (at least 2 edits), or null.
     */
    static String nearest(final String name, final List<String> valid)
    {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (final String candidate : valid)
        {
            final int distance = distance(name, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= Math.max(2, best.length() / 3) ? best : null;
    }

    /**
     * @return Levenshtein distance between {@code a} and {@code b}, ignoring case, '-' and '_'
     *         counted as equal.
     */
    static int distance(final String a, final String b)
    {
        final String x = normalise(a);
        final String y = normalise(b);
        int[] previous = new int[y.length() + 1];
        int[] current = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++)
        {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length(); i++)
        {
            current[0] = i;
            for (int j = 1; j <= y.length(); j++)
            {
                final int substitute = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            final int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[y.length()];
    }

    private static String normalise(final String s)
    {
        return s.toLowerCase(java.util.Locale.ROOT).replace('-', '_');
    }
}
