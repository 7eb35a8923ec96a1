package io.dashcast.engine.dashd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, bounded JSON reader and writer for JSON-RPC envelopes, in the shapes dashd uses.
 * <p>
 * Values read: {@link Map} (insertion order kept) for objects, {@link List} for arrays,
 * {@link String}, {@link Boolean}, {@link NumberText} for numbers (the source text is kept, so an id
 * of {@code 7} or {@code 7.0} is echoed exactly as sent) and {@link #NULL} for {@code null}.
 * Input length and nesting depth are bounded; anything else is a {@link JsonException}.
 * Writing escapes like dashd's UniValue: quote, backslash and control characters; other
 * characters pass through.
 */
public final class Json
{
    /** The JSON {@code null}, distinct from a missing member (Java {@code null}). */
    public static final Object NULL = new Object()
    {
        public String toString()
        {
            return "null";
        }
    };

    /** Nesting bound: JSON-RPC envelopes are two or three levels deep. */
    public static final int MAX_DEPTH = 32;

    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    private final String text;
    private int position;

    private Json(final String text)
    {
        this.text = text;
    }

    /**
     * A JSON number kept as its source text.
     *
     * @param text the number exactly as it appeared.
     */
    public record NumberText(String text)
    {
        /**
         * @return the value as a long.
         * @throws JsonException when it is not an integer in range.
         */
        public long longValue()
        {
            try
            {
                return Long.parseLong(text);
            }
            catch (final NumberFormatException ex)
            {
                throw new JsonException("not an integer: " + text);
            }
        }

        public String toString()
        {
            return text;
        }
    }

    /**
     * Malformed or oversized JSON. No stack trace: it is an expected outcome of untrusted input.
     */
    public static final class JsonException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        /**
         * @param message what was wrong, one line.
         */
        public JsonException(final String message)
        {
            super(message, null, false, false);
        }
    }

    /**
     * Parse one JSON value filling the whole text (surrounding whitespace allowed).
     *
     * @param text      the JSON text.
     * @param maxLength bound on {@code text.length()}.
     * @return the value, see the class comment for the types.
     * @throws JsonException when the text is not exactly one JSON value or exceeds a bound.
     */
    public static Object parse(final String text, final int maxLength)
    {
        if (text.length() > maxLength)
        {
            throw new JsonException("JSON text of " + text.length() + " chars exceeds " + maxLength);
        }
        final Json reader = new Json(text);
        final Object value = reader.readValue(0);
        reader.skipWhitespace();
        if (reader.position != text.length())
        {
            throw new JsonException("trailing characters at " + reader.position);
        }
        return value;
    }

    /**
     * Append a value in compact form.
     *
     * @param out   where to write.
     * @param value a value of one of the types {@link #parse(String, int)} returns, or a Java
     *              {@code null}, {@link Integer} or {@link Long}.
     * @return {@code out}.
     */
    public static StringBuilder write(final StringBuilder out, final Object value)
    {
        if (value == null || value == NULL)
        {
            out.append("null");
        }
        else if (value instanceof String)
        {
            writeString(out, (String)value);
        }
        else if (value instanceof Map)
        {
            writeObject(out, (Map<?, ?>)value);
        }
        else if (value instanceof List)
        {
            writeArray(out, (List<?>)value);
        }
        else if (value instanceof NumberText || value instanceof Boolean || value instanceof Long || value instanceof Integer
            || value instanceof Double && Double.isFinite((Double)value))
        {
            out.append(value);
        }
        else
        {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
        return out;
    }

    /**
     * Append a JSON string literal.
     *
     * @param out   where to write.
     * @param value the characters.
     * @return {@code out}.
     */
    public static StringBuilder writeString(final StringBuilder out, final String value)
    {
        out.append('"');
        for (int i = 0, n = value.length(); i < n; i++)
        {
            final char c = value.charAt(i);
            switch (c)
            {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default ->
                {
                    if (c < 0x20 || c == 0x7f)
                    {
                        out.append("\\u00").append(HEX_DIGITS[c >> 4]).append(HEX_DIGITS[c & 0xf]);
                    }
                    else
                    {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    /**
     * @param value a parsed value.
     * @return its JSON type name as dashd's errors say it: object, array, string, number, bool, null.
     */
    public static String typeName(final Object value)
    {
        if (value == null || value == NULL)
        {
            return "null";
        }
        if (value instanceof Map)
        {
            return "object";
        }
        if (value instanceof List)
        {
            return "array";
        }
        if (value instanceof String)
        {
            return "string";
        }
        return value instanceof Boolean ? "bool" : "number";
    }

    private static void writeObject(final StringBuilder out, final Map<?, ?> map)
    {
        out.append('{');
        boolean first = true;
        for (final Map.Entry<?, ?> e : map.entrySet())
        {
            if (!first)
            {
                out.append(',');
            }
            first = false;
            writeString(out, String.valueOf(e.getKey()));
            out.append(':');
            write(out, e.getValue());
        }
        out.append('}');
    }

    private static void writeArray(final StringBuilder out, final List<?> list)
    {
        out.append('[');
        for (int i = 0; i < list.size(); i++)
        {
            if (i > 0)
            {
                out.append(',');
            }
            write(out, list.get(i));
        }
        out.append(']');
    }

    private Object readValue(final int depth)
    {
        if (depth > MAX_DEPTH)
        {
            throw new JsonException("nesting deeper than " + MAX_DEPTH);
        }
        skipWhitespace();
        if (position >= text.length())
        {
            throw new JsonException("unexpected end of JSON text");
        }
        final char c = text.charAt(position);
        return switch (c)
        {
            case '{' -> readObject(depth);
            case '[' -> readArray(depth);
            case '"' -> readString();
            case 't' -> readLiteral("true", Boolean.TRUE);
            case 'f' -> readLiteral("false", Boolean.FALSE);
            case 'n' -> readLiteral("null", NULL);
            default -> readNumber();
        };
    }

    private Map<String, Object> readObject(final int depth)
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        position++;
        skipWhitespace();
        if (peek() == '}')
        {
            position++;
            return map;
        }
        while (true)
        {
            skipWhitespace();
            if (peek() != '"')
            {
                throw new JsonException("expected a member name at " + position);
            }
            final String key = readString();
            skipWhitespace();
            expect(':');
            map.put(key, readValue(depth + 1));
            skipWhitespace();
            if (peek() == ',')
            {
                position++;
                continue;
            }
            expect('}');
            return map;
        }
    }

    private List<Object> readArray(final int depth)
    {
        final List<Object> list = new ArrayList<>();
        position++;
        skipWhitespace();
        if (peek() == ']')
        {
            position++;
            return list;
        }
        while (true)
        {
            list.add(readValue(depth + 1));
            skipWhitespace();
            if (peek() == ',')
            {
                position++;
                continue;
            }
            expect(']');
            return list;
        }
    }

    private String readString()
    {
        position++;
        final int start = position;
        // Fast path: block hex and method names carry no escapes.
        while (position < text.length())
        {
            final char c = text.charAt(position);
            if (c == '"')
            {
                return text.substring(start, position++);
            }
            if (c == '\\' || c < 0x20)
            {
                break;
            }
            position++;
        }
        final StringBuilder sb = new StringBuilder(text.length() - start).append(text, start, position);
        while (position < text.length())
        {
            final char c = text.charAt(position++);
            if (c == '"')
            {
                return sb.toString();
            }
            if (c < 0x20)
            {
                throw new JsonException("control character in string at " + (position - 1));
            }
            sb.append(c == '\\' ? readEscape() : c);
        }
        throw new JsonException("unterminated string");
    }

    private char readEscape()
    {
        final char e = peek();
        position++;
        switch (e)
        {
            case '"', '\\', '/':
                return e;
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                if (position + 4 > text.length())
                {
                    throw new JsonException("truncated \\u escape");
                }
                try
                {
                    final char u = (char)Integer.parseInt(text, position, position + 4, 16);
                    position += 4;
                    return u;
                }
                catch (final NumberFormatException ex)
                {
                    throw new JsonException("bad \\u escape at " + position);
                }
            default:
                throw new JsonException("bad escape at " + (position - 1));
        }
    }

    private NumberText readNumber()
    {
        final int start = position;
        if (peek() == '-')
        {
            position++;
        }
        final int digitsStart = position;
        skipDigits();
        if (position == digitsStart)
        {
            throw new JsonException("unexpected character at " + start);
        }
        if (text.charAt(digitsStart) == '0' && position - digitsStart > 1)
        {
            throw new JsonException("leading zero at " + start);
        }
        if (position < text.length() && text.charAt(position) == '.')
        {
            position++;
            requireDigits(start);
        }
        if (position < text.length() && (text.charAt(position) == 'e' || text.charAt(position) == 'E'))
        {
            position++;
            if (position < text.length() && (text.charAt(position) == '+' || text.charAt(position) == '-'))
            {
                position++;
            }
            requireDigits(start);
        }
        return new NumberText(text.substring(start, position));
    }

    private void requireDigits(final int start)
    {
        final int from = position;
        skipDigits();
        if (position == from)
        {
            throw new JsonException("malformed number at " + start);
        }
    }

    private void skipDigits()
    {
        while (position < text.length() && text.charAt(position) >= '0' && text.charAt(position) <= '9')
        {
            position++;
        }
    }

    private Object readLiteral(final String literal, final Object value)
    {
        if (!text.startsWith(literal, position))
        {
            throw new JsonException("unexpected character at " + position);
        }
        position += literal.length();
        return value;
    }

    private void expect(final char c)
    {
        if (peek() != c)
        {
            throw new JsonException("expected '" + c + "' at " + position);
        }
        position++;
    }

    private char peek()
    {
        if (position >= text.length())
        {
            throw new JsonException("unexpected end of JSON text");
        }
        return text.charAt(position);
    }

    private void skipWhitespace()
    {
        while (position < text.length())
        {
            final char c = text.charAt(position);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            {
                return;
            }
            position++;
        }
    }
}
