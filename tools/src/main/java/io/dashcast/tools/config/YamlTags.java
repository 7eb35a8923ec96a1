package io.dashcast.tools.config;

/**
 * Refuses YAML tags ({@code !name}, {@code !!str}, a bare {@code !}) before Chronicle Wire reads a
 * {@code .yaml} peers file. The file needs none, Chronicle resolves a tag to a Java class alias,
 * and a bare {@code !} at the end of the text makes its reader recurse until the stack overflows
 * (found by ConfigFuzzTest: 0.6-1.2 s per such input, and a StackOverflowError is no way to parse).
 * <p>
 * A {@code !} is a tag where a YAML token can start: at the start of a line or after a space,
 * a control character or one of {@code : - ? [ { ,}, outside quotes and comments. {@code fast!} and
 * {@code "! fast"} are text, {@code key: !x} is a tag.
 */
final class YamlTags
{
    private YamlTags()
    {
    }

    /**
     * @param file name for error messages.
     * @param text the YAML document, UTF-8.
     * @throws ConfigException naming the line of the first tag.
     */
    static void check(final String file, final byte[] text)
    {
        int line = 1;
        byte quote = 0;
        boolean comment = false;
        for (int i = 0; i < text.length; i++)
        {
            final byte b = text[i];
            if (b == '\n')
            {
                line++;
                comment = false;
                continue;
            }
            if (comment)
            {
                continue;
            }
            if (quote == '"')
            {
                if (b == '\\')
                {
                    i += i + 1 < text.length && text[i + 1] != '\n' ? 1 : 0;
                }
                else if (b == '"')
                {
                    quote = 0;
                }
                continue;
            }
            if (quote == '\'')
            {
                if (b == '\'' && i + 1 < text.length && text[i + 1] == '\'')
                {
                    i++; // '' is a quote inside the text
                }
                else if (b == '\'')
                {
                    quote = 0;
                }
                continue;
            }
            if (!tokenStart(text, i))
            {
                continue;
            }
            if (b == '#')
            {
                comment = true;
            }
            else if (b == '"' || b == '\'')
            {
                quote = b;
            }
            else if (b == '!')
            {
                throw new ConfigException(file, line, "a YAML tag ('!'), which the peers file does not use",
                    "remove it, or put the value in quotes if the '!' is part of it");
            }
        }
    }

    private static boolean tokenStart(final byte[] text, final int i)
    {
        if (i == 0)
        {
            return true;
        }
        final byte before = text[i - 1];
        return (before >= 0 && before <= ' ') || before == ':' || before == '-' || before == '?' ||
            before == '[' || before == '{' || before == ',';
    }
}
