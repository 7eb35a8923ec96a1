package io.dashcast.tools.config;

import io.dashcast.tools.config.ConfigNode.Field;
import io.dashcast.tools.config.ConfigNode.ListNode;
import io.dashcast.tools.config.ConfigNode.MapNode;
import io.dashcast.tools.config.ConfigNode.ScalarNode;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.wire.BracketType;
import net.openhft.chronicle.wire.JSONWire;
import net.openhft.chronicle.wire.ValueIn;
import net.openhft.chronicle.wire.Wire;
import net.openhft.chronicle.wire.WireIn;
import net.openhft.chronicle.wire.YamlWire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a JSON or YAML document with Chronicle Wire ({@link JSONWire}, {@link YamlWire}) into a
 * {@link ConfigNode} tree that remembers the line of every key.
 * <p>
 * Chronicle Wire reports no line numbers, but its read position is a byte offset into the text:
 * the line of a key is the number of line breaks before the position where the key was read.
 * YAML block-sequence items that are mappings ({@code - host: ...}) come back from Chronicle as
 * a {@code Map} with no positions; their keys' lines are found by looking for each key, in order,
 * at the start of a line within the item's text.
 * <p>
 * Chronicle Wire is lenient (unquoted JSON strings pass), so this reader adds the checks it
 * skips: one top-level mapping, no text after it, no duplicate keys. Its exceptions become a
 * {@link ConfigException} naming the line it stopped at.
 */
final class WireTreeReader
{
    /** The syntaxes read. */
    enum Format
    {
        JSON, YAML
    }

    private static final Pattern YAML_MAP_ITEM =
        Pattern.compile("^[ \\t]*-[ \\t]+(?:\"[^\"]*\"|'[^']*'|[^\\s#:\\[{\"'][^:#]*)[ \\t]*:(?:[ \\t].*)?$");

    private final String file;
    private final byte[] text;
    private final Format format;
    private final int[] lineStarts;
    private final String[] lines;
    private Wire wire;
    private int lastKeyLine = 1;

    private WireTreeReader(final String file, final byte[] text, final Format format)
    {
        this.file = file;
        this.text = text;
        this.format = format;
        this.lineStarts = lineStarts(text);
        this.lines = new String(text, StandardCharsets.UTF_8).split("\r?\n", -1);
    }

    /**
     * Read a document whose top level is a mapping.
     *
     * @param file   name used in error messages.
     * @param text   the document, UTF-8.
     * @param format its syntax.
     * @return the top-level mapping.
     * @throws ConfigException when it is empty, not a mapping, malformed or repeats a key.
     */
    static MapNode read(final String file, final byte[] text, final Format format)
    {
        return new WireTreeReader(file, text, format).readDocument();
    }

    private MapNode readDocument()
    {
        final int first = firstContent();
        if (first < 0)
        {
            throw new ConfigException(file, 0, "the file is empty",
                "write the peer list (see conf/broadcast_peers.json), or drop the file to use local dashd only");
        }
        if (format == Format.JSON)
        {
            JsonSyntax.check(file, text);
        }
        else
        {
            YamlTags.check(file, text);
        }
        wire = format == Format.JSON ? new JSONWire(Bytes.wrapForRead(text)) : new YamlWire(Bytes.wrapForRead(text));
        try
        {
            return format == Format.JSON ? readJsonDocument(first) : readYamlDocument(first);
        }
        catch (final ConfigException ex)
        {
            throw ex;
        }
        catch (final StackOverflowError ex)
        {
            // Found by ConfigFuzzTest: Chronicle's YAML reader recursed without end on a bare '!' at
            // the end of the text, which YamlTags now refuses first; kept for any other such input.
            // The stack has unwound by now; refuse the file.
            final long position = Math.min(wire.bytes().readPosition(), text.length);
            throw new ConfigException(file, Math.max(lineOf(position), lastKeyLine),
                "not valid " + format + ": the parser could not make sense of it (it recursed without end)",
                "check for stray control characters, tags ('!') and unbalanced brackets near this line");
        }
        catch (final RuntimeException | AssertionError ex)
        {
            // Chronicle may have moved back to the start of a value: report the furthest line reached.
            final long position = Math.min(wire.bytes().readPosition(), text.length);
            throw new ConfigException(file, Math.max(lineOf(position), lastKeyLine),
                "not valid " + format + ": " + describe(ex),
                "check the brackets, commas, quotes and indentation near this line");
        }
    }

    private MapNode readJsonDocument(final int first)
    {
        final ValueIn in = wire.getValueIn();
        if (text[first] != '{' || in.getBracketType() != BracketType.MAP)
        {
            throw new ConfigException(file, lineOf(first), "the file must hold one JSON object",
                "start it with '{' as in conf/broadcast_peers.json");
        }
        final MapNode root = readValueAsMap(in, lineOf(first), "");
        wire.consumePadding();
        final long rest = skipSpace(wire.bytes().readPosition());
        if (rest < text.length)
        {
            throw new ConfigException(file, lineOf(rest), "text after the closing '}' of the object",
                "remove it, or move it inside the object");
        }
        return root;
    }

    private MapNode readYamlDocument(final int first)
    {
        final ValueIn in = wire.getValueIn();
        final BracketType type = in.getBracketType();
        if (type == BracketType.MAP)
        {
            return readValueAsMap(in, lineOf(first), "");
        }
        if (type == BracketType.SEQ || !isYamlKeyLine(lines[lineOf(first) - 1]))
        {
            throw new ConfigException(file, lineOf(first), "the file must hold one YAML mapping",
                "start it with 'version:', 'peers:' and 'settings:' as in conf/broadcast_peers.yaml");
        }
        return readMap(wire, lineOf(first), "");
    }

    private MapNode readValueAsMap(final ValueIn in, final int line, final String path)
    {
        final MapNode[] holder = new MapNode[1];
        in.marshallable(m -> holder[0] = readMap(m, line, path));
        if (holder[0] == null)
        {
            // Found by ConfigFuzzTest: Chronicle may skip a value it cannot read as a mapping
            // without calling back (a YAML item "- - x:" inside a list), which left a null entry.
            final String where = path.endsWith(".") ? path.substring(0, path.length() - 1) : path;
            throw new ConfigException(file, line, "not valid " + format + ": expected a mapping" +
                (where.isEmpty() ? "" : " for '" + where + "'"), format == Format.JSON ?
                "write { \"key\": value, ... }" : "write key: value lines, keys aligned, one '-' per list item");
        }
        return holder[0];
    }

    private MapNode readMap(final WireIn in, final int line, final String path)
    {
        final Map<String, Field> fields = new LinkedHashMap<>();
        final StringBuilder key = new StringBuilder();
        while (in.hasMore())
        {
            in.consumePadding();
            // JSONWire stands before the key; YamlWire's tokeniser has already read it and stands on
            // its line (a value on the next line has not been read yet), so YAML does not skip lines.
            final long position = in.bytes().readPosition();
            final int keyLine = lineOf(format == Format.JSON ? skipSpace(position) : position);
            lastKeyLine = Math.max(lastKeyLine, keyLine);
            final ValueIn value = in.read(key);
            final String name = key.toString();
            if (name.isEmpty())
            {
                throw new ConfigException(file, keyLine, "expected a key",
                    format == Format.JSON ? "write entries as \"key\": value" : "write entries as key: value, keys aligned");
            }
            final ConfigNode node = readValue(value, keyLine, path + name);
            put(fields, new Field(name, keyLine, node), path);
        }
        return new MapNode(line, fields);
    }

    private ConfigNode readValue(final ValueIn in, final int line, final String path)
    {
        final BracketType type = in.getBracketType();
        if (type == BracketType.MAP)
        {
            return readValueAsMap(in, line, path + ".");
        }
        if (type == BracketType.SEQ)
        {
            final List<ConfigNode> items = new ArrayList<>();
            in.sequence(items, (list, item) ->
            {
                while (item.hasNextSequenceItem())
                {
                    final long start = skipSpace(wire.bytes().readPosition());
                    final String itemPath = path + "[" + list.size() + "]";
                    final int itemLine = lineOf(start);
                    // A YAML block item "- key: value" is a mapping Chronicle reports as no bracket.
                    list.add(format == Format.YAML && YAML_MAP_ITEM.matcher(lines[itemLine - 1]).matches() ?
                        readValueAsMap(item, itemLine, itemPath + ".") : readValue(item, itemLine, itemPath));
                }
            });
            return new ListNode(line, items);
        }
        final Object value = in.object();
        if (value instanceof Map || value instanceof List)
        {
            final int[] cursor = { line };
            return fromObject(value, line, cursor, lineOf(wire.bytes().readPosition()), path);
        }
        return new ScalarNode(line, value);
    }

    /**
     * Convert a Map or List Chronicle returned whole, finding each key's line in the text.
     */
    private ConfigNode fromObject(
        final Object value, final int line, final int[] cursor, final int endLine, final String path)
    {
        if (value instanceof Map<?, ?> map)
        {
            final Map<String, Field> fields = new LinkedHashMap<>();
            for (final Map.Entry<?, ?> entry : map.entrySet())
            {
                final String key = String.valueOf(entry.getKey());
                final int keyLine = findKeyLine(key, cursor[0], endLine);
                cursor[0] = keyLine;
                put(fields, new Field(key, keyLine, fromObject(entry.getValue(), keyLine, cursor, endLine, path + "." + key)),
                    path + ".");
            }
            return new MapNode(line, fields);
        }
        if (value instanceof List<?> list)
        {
            final List<ConfigNode> items = new ArrayList<>();
            for (final Object item : list)
            {
                items.add(fromObject(item, cursor[0], cursor, endLine, path + "[" + items.size() + "]"));
            }
            return new ListNode(line, items);
        }
        return new ScalarNode(line, value);
    }

    private int findKeyLine(final String key, final int fromLine, final int endLine)
    {
        final Pattern pattern = Pattern.compile(
            "^[ \\t]*(?:-[ \\t]+)*(?:" + Pattern.quote(key) + "|\"" + Pattern.quote(key) + "\"|'" +
            Pattern.quote(key) + "')[ \\t]*:.*");
        for (int line = Math.max(1, fromLine); line <= Math.min(endLine, lines.length); line++)
        {
            if (pattern.matcher(lines[line - 1]).matches())
            {
                return line;
            }
        }
        return fromLine;
    }

    private void put(final Map<String, Field> fields, final Field field, final String path)
    {
        final Field previous = fields.putIfAbsent(field.key(), field);
        if (previous != null)
        {
            throw new ConfigException(file, field.line(),
                "key '" + path + field.key() + "' appears twice (first on line " + previous.line() + ")", "keep only one");
        }
    }

    private static boolean isYamlKeyLine(final String line)
    {
        return line.matches("^[ \\t]*(?:\"[^\"]*\"|'[^']*'|[^\\s#:\\-\\[{][^:#]*)[ \\t]*:(?:[ \\t].*)?$");
    }

    private int firstContent()
    {
        int i = 0;
        while (i < text.length)
        {
            final byte b = text[i];
            if (b == '#' && format == Format.YAML)
            {
                while (i < text.length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (b == ' ' || b == '\t' || b == '\r' || b == '\n' || (b == '-' && isDocumentStart(i)))
            {
                i += b == '-' ? 3 : 1;
            }
            else
            {
                return i;
            }
        }
        return -1;
    }

    private boolean isDocumentStart(final int i)
    {
        return format == Format.YAML && i + 2 < text.length && text[i + 1] == '-' && text[i + 2] == '-' &&
            (i == 0 || text[i - 1] == '\n');
    }

    private long skipSpace(final long position)
    {
        long p = position;
        while (p < text.length && (text[(int)p] == ' ' || text[(int)p] == '\t' || text[(int)p] == '\r' ||
            text[(int)p] == '\n' || text[(int)p] == ','))
        {
            p++;
        }
        return p;
    }

    /**
     * @param position byte offset in the text.
     * @return its 1-based line.
     */
    int lineOf(final long position)
    {
        int low = 0;
        int high = lineStarts.length - 1;
        while (low < high)
        {
            final int mid = (low + high + 1) >>> 1;
            if (lineStarts[mid] <= position)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }
        return low + 1;
    }

    private static int[] lineStarts(final byte[] text)
    {
        int count = 1;
        for (final byte b : text)
        {
            count += b == '\n' ? 1 : 0;
        }
        final int[] starts = new int[count];
        int line = 1;
        for (int i = 0; i < text.length; i++)
        {
            if (text[i] == '\n')
            {
                starts[line++] = i + 1;
            }
        }
        return starts;
    }

    private static String describe(final Throwable ex)
    {
        final String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        final String clean = message.replace('\uffff', '?').replaceAll("\\s+", " ").trim()
            .replace("Expected a } was ?", "expected '}' (a missing comma or closing brace?)")
            .replace("Expected a ] was ?", "expected ']' (a missing comma or closing bracket?)");
        return clean.length() > 120 ? clean.substring(0, 117) + "..." : clean;
    }
}
