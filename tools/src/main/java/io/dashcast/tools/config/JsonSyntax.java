package io.dashcast.tools.config;

/**
 * Strict JSON syntax check run before Chronicle Wire reads a {@code .json} file. Chronicle's
 * {@code JSONWire} is lenient (a missing comma or an unquoted word passes) and, when it does fail,
 * cannot say where; this check finds the first syntax error and names its line.
 * <p>
 * RFC 8259 structure: objects with double-quoted keys, arrays, strings with their escapes,
 * numbers, {@code true}, {@code false}, {@code null}; no comments, no trailing commas. Nesting is
 * bounded by {@link #MAX_DEPTH}.
 */
final class JsonSyntax
{
    /** Deepest nesting accepted; the peer file needs 3. */
    static final int MAX_DEPTH = 32;

    private final String file;
    private final byte[] text;
    private int position;

    private JsonSyntax(final String file, final byte[] text)
    {
        this.file = file;
        this.text = text;
    }

    /**
     * @param file name for error messages.
     * @param text the JSON document, UTF-8.
     * @throws ConfigException at the first syntax error, with its line.
     */
    static void check(final String file, final byte[] text)
    {
        final JsonSyntax syntax = new JsonSyntax(file, text);
        syntax.value(0);
        syntax.skipSpace();
        if (syntax.position < text.length)
        {
            throw syntax.error("text after the end of the JSON document", "remove it, or move it inside the object");
        }
    }

    private void value(final int depth)
    {
        if (depth > MAX_DEPTH)
        {
            throw error("nesting deeper than " + MAX_DEPTH + " levels", "flatten the document");
        }
        skipSpace();
        if (position >= text.length)
        {
            throw error("unexpected end of file where a value should be", "complete the document");
        }
        final byte b = text[position];
        if (b == '{')
        {
            object(depth);
        }
        else if (b == '[')
        {
            array(depth);
        }
        else if (b == '"')
        {
            string();
        }
        else
        {
            literal();
        }
    }

    private void object(final int depth)
    {
        final int openLine = lineAt(position);
        position++;
        skipSpace();
        if (peek() == '}')
        {
            position++;
            return;
        }
        while (true)
        {
            skipSpace();
            if (peek() != '"')
            {
                throw error(position >= text.length ? "'{' opened on line " + openLine + " is never closed" :
                    "expected a key in double quotes, found " + found(), "write keys as \"key\": value");
            }
            string();
            skipSpace();
            if (peek() != ':')
            {
                throw error("expected ':' after a key, found " + found(), "write \"key\": value");
            }
            position++;
            value(depth + 1);
            skipSpace();
            final int next = peek();
            position++;
            if (next == '}')
            {
                return;
            }
            if (next != ',')
            {
                position--;
                throw error(next < 0 ? "'{' opened on line " + openLine + " is never closed" :
                    "expected ',' or '}' after a value, found " + found(),
                    next < 0 ? "add the missing '}'" : "put a comma between entries, or close the object with '}'");
            }
        }
    }

    private void array(final int depth)
    {
        final int openLine = lineAt(position);
        position++;
        skipSpace();
        if (peek() == ']')
        {
            position++;
            return;
        }
        while (true)
        {
            value(depth + 1);
            skipSpace();
            final int next = peek();
            position++;
            if (next == ']')
            {
                return;
            }
            if (next != ',')
            {
                position--;
                throw error(next < 0 ? "'[' opened on line " + openLine + " is never closed" :
                    "expected ',' or ']' after a list item, found " + found(),
                    next < 0 ? "add the missing ']'" : "put a comma between items, or close the list with ']'");
            }
            skipSpace();
            if (peek() == ']')
            {
                throw error("a comma before ']'", "remove the last comma");
            }
        }
    }

    private void string()
    {
        final int start = position;
        position++;
        while (position < text.length)
        {
            final byte b = text[position++];
            if (b == '"')
            {
                return;
            }
            if (b == '\\')
            {
                escape();
            }
            else if ((b & 0xff) < 0x20)
            {
                position--;
                throw error("a control character or line break inside a string", "close the string with '\"'");
            }
        }
        position = start;
        throw error("a string that is never closed", "close it with '\"'");
    }

    private void escape()
    {
        final int b = peek();
        position++;
        if (b == 'u')
        {
            for (int i = 0; i < 4; i++)
            {
                if (Character.digit(peek(), 16) < 0)
                {
                    throw error("a \\u escape without four hex digits", "write \\u followed by four hex digits");
                }
                position++;
            }
        }
        else if ("\"\\/bfnrt".indexOf(b) < 0 || b < 0)
        {
            throw error("an unknown escape in a string", "use \\\", \\\\, \\n, \\t or \\uXXXX");
        }
    }

    private void literal()
    {
        final int start = position;
        while (position < text.length && isWordByte(text[position]))
        {
            position++;
        }
        final String word = new String(text, start, position - start, java.nio.charset.StandardCharsets.UTF_8);
        if (word.equals("true") || word.equals("false") || word.equals("null") ||
            word.matches("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?"))
        {
            return;
        }
        position = start;
        throw error(word.isEmpty() ? "unexpected " + found() : "unquoted text '" + word + "'",
            word.isEmpty() ? "write a value: \"text\", a number, true, false, an object or a list" :
                "put text in double quotes: \"" + word + "\"");
    }

    private static boolean isWordByte(final byte b)
    {
        return b == '-' || b == '+' || b == '.' || b == '_' || (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') ||
            (b >= 'A' && b <= 'Z') || (b & 0x80) != 0;
    }

    private void skipSpace()
    {
        while (position < text.length)
        {
            final byte b = text[position];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n')
            {
                return;
            }
            position++;
        }
    }

    private int peek()
    {
        return position < text.length ? text[position] : -1;
    }

    private String found()
    {
        if (position >= text.length)
        {
            return "the end of the file";
        }
        final byte b = text[position];
        return b >= 0x20 && b < 0x7f ? "'" + (char)b + "'" : String.format("byte 0x%02x", b & 0xff);
    }

    private ConfigException error(final String problem, final String fix)
    {
        return new ConfigException(file, lineAt(position), problem, fix);
    }

    private int lineAt(final int at)
    {
        int line = 1;
        for (int i = 0; i < Math.min(at, text.length); i++)
        {
            line += text[i] == '\n' ? 1 : 0;
        }
        return line;
    }
}
