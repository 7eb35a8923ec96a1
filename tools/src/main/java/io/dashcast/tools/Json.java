package io.dashcast.tools;

import java.util.Map;

/**
 * The little JSON text dashcast prints by hand: string escaping and flat objects.
 */
final class Json
{
    private Json()
    {
    }

    static String escape(final String s)
    {
        final StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            switch (c)
            {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                default:
                    if (c < 0x20)
                    {
                        sb.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        sb.append(c);
                    }
            }
        }
        return sb.toString();
    }

    static String object(final Map<?, ?> map)
    {
        final StringBuilder sb = new StringBuilder("{");
        for (final Map.Entry<?, ?> e : map.entrySet())
        {
            if (sb.length() > 1)
            {
                sb.append(", ");
            }
            sb.append('"').append(escape(String.valueOf(e.getKey()))).append("\": ");
            final Object v = e.getValue();
            if (v instanceof Number || v instanceof Boolean)
            {
                sb.append(v);
            }
            else
            {
                sb.append('"').append(escape(String.valueOf(v))).append('"');
            }
        }
        return sb.append('}').toString();
    }
}
