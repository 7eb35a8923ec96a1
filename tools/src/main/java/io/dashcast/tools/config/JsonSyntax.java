package io.dashcast.tools.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.ContentReference;
import com.fasterxml.jackson.core.io.JsonEOFException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Strict JSON syntax check run before Chronicle Wire reads a {@code .json} file. Chronicle's
 * {@code JSONWire} is lenient (a missing comma or an unquoted word passes) and, when it does fail,
 * cannot say where; Jackson's streaming parser, with its defaults (RFC 8259: no comments, no
 * trailing commas, no single quotes, no unquoted keys), walks the document first and its first
 * error becomes a {@link ConfigException} naming the line and a fix.
 * <p>
 * What stays hand-written has no Jackson equivalent: the wording and fix for each kind of error
 * (Jackson gives a problem, never a fix), the whole unquoted word ({@code a.b} where Jackson names
 * {@code 'a'}) and "a comma before ']'" (Jackson reports only "expected a value").
 * <p>
 * Duplicate keys are left to {@link WireTreeReader}, which checks them for JSON and YAML alike and
 * names the key's full path and the line of its first occurrence; Jackson's
 * {@code STRICT_DUPLICATE_DETECTION} would report first, knowing neither.
 */
final class JsonSyntax
{
    /** Deepest nesting accepted; the peer file needs 3. */
    static final int MAX_DEPTH = 32;

    private static final JsonFactory FACTORY = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
        .build();

    private static final String OBJECT_ENTRIES = "separate Object entries";
    private static final String ARRAY_ENTRIES = "separate Array entries";

    /**
     * A fragment of Jackson's message, our problem ({@code %1$s}: what was found, {@code %2$s}:
     * Jackson's message) and our fix. First match wins.
     */
    private static final String[][] KNOWN = {
        {OBJECT_ENTRIES, "expected ',' or '}' after a value, found %1$s",
            "put a comma between entries, or close the object with '}'"},
        {ARRAY_ENTRIES, "expected ',' or ']' after a list item, found %1$s",
            "put a comma between items, or close the list with ']'"},
        {"to start field name", "expected a key in double quotes, found %1$s", "write keys as \"key\": value"},
        {"colon to separate", "expected ':' after a key, found %1$s", "write \"key\": value"},
        {"Illegal unquoted character", "a control character or line break inside a string",
            "close the string with '\"'"},
        {"hex-digit", "a \\u escape without four hex digits", "write \\u followed by four hex digits"},
        {"character escape", "an unknown escape in a string", "use \\\", \\\\, \\n, \\t or \\uXXXX"},
        {"comment", "a comment, which JSON does not allow",
            "remove it, or write the file as YAML (.yaml), where '#' starts a comment"},
        {"numeric value", "not a valid number (%2$s)", "write a number such as 30 or 2.5, or put text in double quotes"},
    };

    private JsonSyntax()
    {
    }

    /**
     * @param file name for error messages.
     * @param text the JSON document, UTF-8.
     * @throws ConfigException at the first syntax error, with its line.
     */
    static void check(final String file, final byte[] text)
    {
        // Decoded as UTF-8 first: given bytes, Jackson guesses the encoding (UTF-16/32 from the first
        // bytes) and throws CharConversionException on some (found by ConfigFuzzTest).
        try (JsonParser parser = FACTORY.createParser(new String(text, java.nio.charset.StandardCharsets.UTF_8)))
        {
            try
            {
                parser.nextToken();
                parser.skipChildren();
            }
            catch (final JsonProcessingException ex)
            {
                throw error(file, text, parser, ex);
            }
            checkNothingAfter(file, parser);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex); // String input: never
        }
    }

    private static void checkNothingAfter(final String file, final JsonParser parser) throws IOException
    {
        JsonLocation extra;
        try
        {
            extra = parser.nextToken() == null ? null : parser.currentTokenLocation();
        }
        catch (final JsonProcessingException ex)
        {
            extra = ex.getLocation();
        }
        if (extra != null)
        {
            throw new ConfigException(file, extra.getLineNr(), "text after the end of the JSON document",
                "remove it, or move it inside the object");
        }
    }

    /**
     * Jackson's messages name the problem but no fix; the common ones are recognised by their
     * wording and given ours. Anything else keeps Jackson's words, so a Jackson upgrade that
     * rewords a message loses only the tailored wording, never the line.
     */
    private static ConfigException error(
        final String file, final byte[] text, final JsonParser parser, final JsonProcessingException ex)
    {
        // a constraint (nesting) exception carries no location: the parser's is where it stopped
        final JsonLocation location = ex.getLocation() != null ? ex.getLocation() : parser.currentLocation();
        final int line = location.getLineNr();
        final int at = (int)Math.max(location.getByteOffset(), location.getCharOffset());
        final String found = found(text, at);
        final String message = String.valueOf(ex.getOriginalMessage())
            // a mismatched close marker is a missing comma or a wrong bracket: say it as the comma case
            .replace("close marker", parser.getParsingContext().inObject() ? OBJECT_ENTRIES : ARRAY_ENTRIES);
        if (ex instanceof StreamConstraintsException)
        {
            return new ConfigException(file, line, "nesting deeper than " + MAX_DEPTH + " levels", "flatten the document");
        }
        if (ex instanceof JsonEOFException eof)
        {
            return endOfFile(file, line, parser, eof);
        }
        if ((found.equals("']'") || found.equals("'}'")) && previousByte(text, at) == ',')
        {
            return new ConfigException(file, line, "a comma before " + found, "remove the last comma");
        }
        for (final String[] known : KNOWN)
        {
            if (message.contains(known[0]))
            {
                return new ConfigException(file, line, String.format(known[1], found, message), known[2]);
            }
        }
        if (message.contains("token") || message.contains("expected a value") || message.contains("expected a valid value"))
        {
            return unexpectedValue(file, line, text, at, found);
        }
        return new ConfigException(file, line, "not valid JSON: " + message.replaceAll("\\s+", " "),
            "check the brackets, commas and quotes near this line");
    }

    private static ConfigException endOfFile(
        final String file, final int line, final JsonParser parser, final JsonEOFException eof)
    {
        final JsonStreamContext context = parser.getParsingContext();
        if (eof.getTokenBeingDecoded() == JsonToken.VALUE_STRING)
        {
            return new ConfigException(file, parser.currentTokenLocation().getLineNr(), "a string that is never closed",
                "close it with '\"'");
        }
        if (context.inRoot())
        {
            return new ConfigException(file, line, "unexpected end of file where a value should be",
                "complete the document");
        }
        final int openLine = context.startLocation(ContentReference.unknown()).getLineNr();
        final String bracket = context.inObject() ? "'{'" : "'['";
        return new ConfigException(file, line, bracket + " opened on line " + openLine + " is never closed",
            "add the missing " + (context.inObject() ? "'}'" : "']'"));
    }

    /** Jackson names only the letters of an unquoted word ('a' of a.b); the whole word helps the fix. */
    private static ConfigException unexpectedValue(
        final String file, final int line, final byte[] text, final int at, final String found)
    {
        // Jackson stands on the word's first letter, or (NaN, Infinity) just after it
        int start = Math.max(Math.min(at, text.length), 0);
        while (start > 0 && isWordByte(text[start - 1]))
        {
            start--;
        }
        int end = start;
        while (end < text.length && isWordByte(text[end]))
        {
            end++;
        }
        final String word = new String(text, start, end - start, StandardCharsets.UTF_8);
        return word.isEmpty() ?
            new ConfigException(file, line, "unexpected " + found,
                "write a value: \"text\", a number, true, false, an object or a list") :
            new ConfigException(file, line, "unquoted text '" + word + "'", "put text in double quotes: \"" + word + "\"");
    }

    private static boolean isWordByte(final byte b)
    {
        return b == '-' || b == '+' || b == '.' || b == '_' || (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') ||
            (b >= 'A' && b <= 'Z') || (b & 0x80) != 0;
    }

    private static int previousByte(final byte[] text, final int at)
    {
        for (int i = Math.min(at, text.length) - 1; i >= 0; i--)
        {
            if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r' && text[i] != '\n')
            {
                return text[i];
            }
        }
        return -1;
    }

    private static String found(final byte[] text, final int at)
    {
        if (at < 0 || at >= text.length)
        {
            return "the end of the file";
        }
        final byte b = text[at];
        return b >= 0x20 && b < 0x7f ? "'" + (char)b + "'" : String.format("byte 0x%02x", b & 0xff);
    }
}
