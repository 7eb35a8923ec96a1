package io.dashcast.tools.config;

import io.dashcast.tools.config.ConfigNode.Field;
import io.dashcast.tools.config.ConfigNode.ListNode;
import io.dashcast.tools.config.ConfigNode.MapNode;
import io.dashcast.tools.config.ConfigNode.ScalarNode;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code broadcast_peers.json} or {@code .yaml} with Chronicle Wire and validates it into a
 * {@link BroadcastPeersConfig}.
 * <pre>
 * {
 *   "version": "1.0",                       optional, "1.x", default "1.0"
 *   "description": "...",                   optional
 *   "peers": [                              required, at least one enabled peer
 *     { "host": "127.0.0.1",                required, non-empty, no spaces
 *       "port": 9999,                       required, whole number 1..65535
 *       "priority": "critical",             optional: critical | high | normal (default normal)
 *       "description": "Local dashd",       optional
 *       "enabled": true }                   optional, default true
 *   ],
 *   "settings": {                           optional; each key optional, seed defaults
 *     "max_peers": 20,                      whole number 1..10000, >= enabled peers
 *     "min_peers": 5,                       whole number 0..max_peers
 *     "reconnect_delay": 30,                seconds > 0, at most 86400
 *     "broadcast_timeout": 5,               seconds > 0, at most 86400
 *     "health_check_interval": 60 }         seconds > 0, at most 86400
 * }
 * </pre>
 * Unknown keys, wrong types, duplicate keys, duplicate enabled peers and out-of-range values are
 * errors. Each is a {@link ConfigException} whose message is one line:
 * {@code FILE:LINE: key 'peers[1].port' must be ...: fix: ...}.
 */
public final class BroadcastPeersLoader
{
    /** Largest configuration file read. */
    public static final int MAX_FILE_BYTES = 1024 * 1024;

    private static final List<String> TOP_KEYS = List.of("version", "description", "peers", "settings");
    private static final List<String> PEER_KEYS = List.of("host", "port", "priority", "description", "enabled");
    private static final List<String> SETTINGS_KEYS =
        List.of("max_peers", "min_peers", "reconnect_delay", "broadcast_timeout", "health_check_interval");
    private static final int MAX_PEERS_LIMIT = 10_000;
    private static final long MAX_SECONDS = 86_400;

    static
    {
        // Chronicle's usage analytics: never from a broadcaster, whatever the JVM flags say.
        if (System.getProperty("chronicle.analytics.disable") == null)
        {
            System.setProperty("chronicle.analytics.disable", "true");
        }
    }

    private final String file;

    private BroadcastPeersLoader(final String file)
    {
        this.file = file;
    }

    /**
     * Read and validate a configuration file. {@code .json} is read as JSON, {@code .yaml} and
     * {@code .yml} as YAML; any other name as JSON when its first character is '{', else YAML.
     *
     * @param path the file.
     * @return the validated configuration.
     * @throws ConfigException when the file is missing, unreadable or invalid.
     */
    public static BroadcastPeersConfig load(final Path path)
    {
        final String name = path.toString();
        final byte[] text = readFile(path, name);
        return parse(name, text, formatOf(name, text));
    }

    /**
     * The seed's backward compatibility: no configuration file means local dashd only.
     *
     * @param pathOrNull       the file the user named, or null when none was named.
     * @param localDashdPort   P2P port of the local dashd, used only without a file.
     * @return the file's configuration, or {@link BroadcastPeersConfig#localDashdOnly(int)}.
     * @throws ConfigException when a named file is missing or invalid (never silently ignored).
     */
    public static BroadcastPeersConfig loadOrLocalDashd(final Path pathOrNull, final int localDashdPort)
    {
        return pathOrNull == null ? BroadcastPeersConfig.localDashdOnly(localDashdPort) : load(pathOrNull);
    }

    /**
     * Validate configuration text.
     *
     * @param fileName name used in error messages.
     * @param text     UTF-8 JSON or YAML.
     * @param yaml     true for YAML, false for JSON.
     * @return the validated configuration.
     * @throws ConfigException when it is invalid.
     */
    public static BroadcastPeersConfig parse(final String fileName, final byte[] text, final boolean yaml)
    {
        return parse(fileName, text, yaml ? WireTreeReader.Format.YAML : WireTreeReader.Format.JSON);
    }

    private static BroadcastPeersConfig parse(
        final String fileName, final byte[] text, final WireTreeReader.Format format)
    {
        final MapNode root = WireTreeReader.read(fileName, withoutBom(text), format);
        return new BroadcastPeersLoader(fileName).toConfig(root);
    }

    private BroadcastPeersConfig toConfig(final MapNode root)
    {
        checkKeys(root, TOP_KEYS, "", "the top level");
        final String version = version(root.fields().get("version"));
        final String description = optionalText(root.fields().get("description"), "description", "");
        final Field peersField = root.fields().get("peers");
        if (peersField == null)
        {
            throw error(root.line(), "key 'peers' is missing",
                "add \"peers\": [ { \"host\": \"127.0.0.1\", \"port\": 9999, \"priority\": \"critical\" } ]");
        }
        final List<PeerEntry> peers = peers(peersField);
        final Settings settings = settings(root.fields().get("settings"), peers, peersField);
        return new BroadcastPeersConfig(version, description, peers, settings);
    }

    private String version(final Field field)
    {
        if (field == null)
        {
            return BroadcastPeersConfig.CURRENT_VERSION;
        }
        final Object value = scalar(field, "version");
        final String version = value instanceof Double || value instanceof Long ? value.toString() :
            value instanceof String s ? s : null;
        if (version == null || !(version.equals("1") || version.startsWith("1.")))
        {
            throw error(field.line(), "key 'version' is " + found(value) + ", this dashcast reads version 1.x",
                "write \"version\": \"" + BroadcastPeersConfig.CURRENT_VERSION + "\"");
        }
        return version;
    }

    private List<PeerEntry> peers(final Field field)
    {
        if (!(field.value() instanceof ListNode list))
        {
            throw error(field.line(), "key 'peers' must be a list of peers, found " + found(field.value()),
                "write \"peers\": [ { \"host\": ..., \"port\": ... }, ... ]");
        }
        final List<PeerEntry> peers = new ArrayList<>();
        final Map<String, Integer> enabledAt = new HashMap<>();
        for (int i = 0; i < list.items().size(); i++)
        {
            final ConfigNode item = list.items().get(i);
            final String path = "peers[" + i + "]";
            if (!(item instanceof MapNode peer))
            {
                throw error(item.line(), "key '" + path + "' must be a peer object, found " + found(item),
                    "write { \"host\": \"...\", \"port\": 9999, \"priority\": \"normal\" }");
            }
            final PeerEntry entry = peer(peer, path);
            final Integer previous = entry.enabled() ? enabledAt.putIfAbsent(key(entry), item.line()) : null;
            if (previous != null)
            {
                throw error(peer.fields().get("host").line(), "key '" + path + "' repeats peer " + entry.address() +
                    " (also on line " + previous + ")", "remove one, or set \"enabled\": false on it");
            }
            peers.add(entry);
        }
        if (enabledAt.isEmpty())
        {
            throw error(field.line(), "key 'peers' has no enabled peer",
                "enable at least one peer, or remove the file to broadcast through local dashd only");
        }
        return peers;
    }

    private PeerEntry peer(final MapNode peer, final String path)
    {
        checkKeys(peer, PEER_KEYS, path + ".", "a peer");
        final Field hostField = required(peer, "host", path, "\"host\": \"127.0.0.1\"");
        final String host = text(hostField, path + ".host");
        if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace) || host.length() > 253)
        {
            throw error(hostField.line(), "key '" + path + ".host' is " + found(host) + ", not a host name or address",
                "write a host name or IP address without spaces, e.g. \"127.0.0.1\"");
        }
        final Field portField = required(peer, "port", path, "\"port\": 9999");
        final long port = wholeNumber(portField, path + ".port");
        if (port < 1 || port > 65535)
        {
            throw error(portField.line(), "key '" + path + ".port' must be 1..65535, found " + port,
                "use the peer's P2P port (mainnet 9999, testnet 19999)");
        }
        final Priority priority = priority(peer.fields().get("priority"), path);
        final String description = optionalText(peer.fields().get("description"), path + ".description", "");
        final boolean enabled = optionalBoolean(peer.fields().get("enabled"), path + ".enabled", true);
        return new PeerEntry(host, (int)port, priority, description, enabled);
    }

    private Priority priority(final Field field, final String path)
    {
        if (field == null)
        {
            return Priority.NORMAL;
        }
        final String name = text(field, path + ".priority");
        final Priority priority = Priority.fromConfigName(name);
        if (priority == null)
        {
            final String nearest = Suggest.nearest(name.toLowerCase(Locale.ROOT), List.of("critical", "high", "normal"));
            throw error(field.line(), "key '" + path + ".priority' is \"" + name + "\", not critical, high or normal",
                nearest != null ? "did you mean \"" + nearest + "\"?" : "write \"critical\", \"high\" or \"normal\"");
        }
        return priority;
    }

    private Settings settings(final Field field, final List<PeerEntry> peers, final Field peersField)
    {
        final Settings d = Settings.DEFAULTS;
        if (field == null)
        {
            checkEnabledFit(d.maxPeers(), peers, peersField.line());
            return d;
        }
        if (!(field.value() instanceof MapNode settings))
        {
            throw error(field.line(), "key 'settings' must be an object, found " + found(field.value()),
                "write \"settings\": { \"max_peers\": 20, ... }");
        }
        checkKeys(settings, SETTINGS_KEYS, "settings.", "settings");
        final Map<String, Field> f = settings.fields();
        final int maxPeers = optionalCount(f.get("max_peers"), "settings.max_peers", d.maxPeers(), 1, MAX_PEERS_LIMIT);
        final int minPeers = optionalCount(f.get("min_peers"), "settings.min_peers", d.minPeers(), 0, MAX_PEERS_LIMIT);
        if (minPeers > maxPeers)
        {
            final Field at = f.get("min_peers") != null ? f.get("min_peers") : f.get("max_peers");
            throw error(at.line(), "key 'settings.min_peers' is " + minPeers + ", more than max_peers " + maxPeers,
                "make min_peers at most max_peers");
        }
        checkEnabledFit(maxPeers, peers, f.get("max_peers") != null ? f.get("max_peers").line() : field.line());
        return new Settings(
            maxPeers,
            minPeers,
            optionalSeconds(f.get("reconnect_delay"), "settings.reconnect_delay", d.reconnectDelay()),
            optionalSeconds(f.get("broadcast_timeout"), "settings.broadcast_timeout", d.broadcastTimeout()),
            optionalSeconds(f.get("health_check_interval"), "settings.health_check_interval", d.healthCheckInterval()));
    }

    private void checkEnabledFit(final int maxPeers, final List<PeerEntry> peers, final int line)
    {
        final long enabled = peers.stream().filter(PeerEntry::enabled).count();
        if (enabled > maxPeers)
        {
            throw error(line, "key 'settings.max_peers' is " + maxPeers + " but " + enabled + " peers are enabled",
                "raise max_peers to at least " + enabled + ", or disable peers");
        }
    }

    private void checkKeys(final MapNode map, final List<String> valid, final String prefix, final String where)
    {
        for (final Field field : map.fields().values())
        {
            if (!valid.contains(field.key()))
            {
                final String nearest = Suggest.nearest(field.key(), valid);
                throw error(field.line(), "key '" + prefix + field.key() + "' is not a valid key in " + where,
                    (nearest != null ? "did you mean '" + nearest + "'? " : "") + "valid keys: " + String.join(", ", valid));
            }
        }
    }

    private Field required(final MapNode map, final String key, final String path, final String example)
    {
        final Field field = map.fields().get(key);
        if (field == null)
        {
            throw error(map.line(), "key '" + path + "." + key + "' is missing", "add " + example);
        }
        return field;
    }

    private Object scalar(final Field field, final String path)
    {
        if (!(field.value() instanceof ScalarNode scalar))
        {
            throw error(field.line(), "key '" + path + "' must be a single value, found " + found(field.value()),
                "write a plain value");
        }
        return scalar.value();
    }

    private String text(final Field field, final String path)
    {
        final Object value = scalar(field, path);
        if (!(value instanceof String s))
        {
            throw error(field.line(), "key '" + path + "' must be text, found " + found(value),
                "put the value in double quotes");
        }
        return s;
    }

    private String optionalText(final Field field, final String path, final String otherwise)
    {
        return field == null ? otherwise : text(field, path);
    }

    private boolean optionalBoolean(final Field field, final String path, final boolean otherwise)
    {
        if (field == null)
        {
            return otherwise;
        }
        final Object value = scalar(field, path);
        if (!(value instanceof Boolean b))
        {
            throw error(field.line(), "key '" + path + "' must be true or false, found " + found(value),
                "write true or false, without quotes");
        }
        return b;
    }

    private long wholeNumber(final Field field, final String path)
    {
        final Object value = scalar(field, path);
        if (value instanceof Long l)
        {
            return l;
        }
        final String fix = value instanceof String s && s.trim().matches("\\d+") ?
            "write it without quotes: " + s.trim() : "write a whole number such as 9999";
        throw error(field.line(), "key '" + path + "' must be a whole number, found " + found(value), fix);
    }

    private int optionalCount(final Field field, final String path, final int otherwise, final int min, final int max)
    {
        if (field == null)
        {
            return otherwise;
        }
        final long value = wholeNumber(field, path);
        if (value < min || value > max)
        {
            throw error(field.line(), "key '" + path + "' must be " + min + ".." + max + ", found " + value,
                "use a number from " + min + " to " + max);
        }
        return (int)value;
    }

    private Duration optionalSeconds(final Field field, final String path, final Duration otherwise)
    {
        if (field == null)
        {
            return otherwise;
        }
        final Object value = scalar(field, path);
        if (!(value instanceof Long || value instanceof Double))
        {
            throw error(field.line(), "key '" + path + "' must be a number of seconds, found " + found(value),
                "write a number without quotes, e.g. 5 or 0.5");
        }
        final double seconds = ((Number)value).doubleValue();
        if (!(seconds > 0) || seconds > MAX_SECONDS)
        {
            throw error(field.line(), "key '" + path + "' must be more than 0 and at most " + MAX_SECONDS +
                " seconds, found " + value, "use a positive number of seconds, e.g. 5");
        }
        final Duration duration = Duration.ofNanos(
            new BigDecimal(value.toString()).movePointRight(9).longValue());
        if (duration.isZero())
        {
            throw error(field.line(), "key '" + path + "' is below one nanosecond", "use a larger number of seconds");
        }
        return duration;
    }

    private static String found(final Object value)
    {
        if (value == null)
        {
            return "null";
        }
        if (value instanceof String s)
        {
            return "text \"" + (s.length() > 40 ? s.substring(0, 37) + "..." : s) + "\"";
        }
        if (value instanceof Boolean || value instanceof Number)
        {
            return value.toString();
        }
        if (value instanceof ListNode)
        {
            return "a list";
        }
        if (value instanceof MapNode)
        {
            return "an object";
        }
        if (value instanceof ScalarNode scalar)
        {
            return found(scalar.value());
        }
        return value.getClass().getSimpleName();
    }

    private ConfigException error(final int line, final String problem, final String fix)
    {
        return new ConfigException(file, line, problem, fix);
    }

    private static String key(final PeerEntry entry)
    {
        return entry.host().toLowerCase(Locale.ROOT) + ":" + entry.port();
    }

    private static byte[] withoutBom(final byte[] text)
    {
        final boolean bom = text.length >= 3 && (text[0] & 0xff) == 0xef && (text[1] & 0xff) == 0xbb &&
            (text[2] & 0xff) == 0xbf;
        return bom ? java.util.Arrays.copyOfRange(text, 3, text.length) : text;
    }

    private static WireTreeReader.Format formatOf(final String name, final byte[] text)
    {
        final String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json"))
        {
            return WireTreeReader.Format.JSON;
        }
        if (lower.endsWith(".yaml") || lower.endsWith(".yml"))
        {
            return WireTreeReader.Format.YAML;
        }
        for (final byte b : text)
        {
            if (!Character.isWhitespace(b))
            {
                return b == '{' ? WireTreeReader.Format.JSON : WireTreeReader.Format.YAML;
            }
        }
        return WireTreeReader.Format.JSON;
    }

    private static byte[] readFile(final Path path, final String name)
    {
        if (Files.isDirectory(path))
        {
            throw new ConfigException(name, 0, "is a directory, not a configuration file",
                "name the file itself, e.g. conf/broadcast_peers.json");
        }
        try (InputStream in = Files.newInputStream(path))
        {
            final byte[] text = in.readNBytes(MAX_FILE_BYTES + 1);
            if (text.length > MAX_FILE_BYTES)
            {
                throw new ConfigException(name, 0, "is larger than " + MAX_FILE_BYTES + " bytes",
                    "a peer list is a few kilobytes: check that this is the right file");
            }
            return text;
        }
        catch (final NoSuchFileException ex)
        {
            throw new ConfigException(name, 0, "file not found",
                "check the path, copy conf/broadcast_peers.json, or leave the option out to use local dashd only");
        }
        catch (final AccessDeniedException ex)
        {
            throw new ConfigException(name, 0, "permission denied", "make the file readable by this user");
        }
        catch (final IOException ex)
        {
            throw new ConfigException(name, 0, "cannot be read (" + ex.getMessage() + ")", "check the file");
        }
    }
}
