package io.dashcast.tools.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class BroadcastPeersLoaderTest
{
    private static final Path CONF = repoRoot().resolve("conf");
    private static final String MESSAGE = "^(\\S+):(\\d+): key '[^']+' [^\\n]+: fix: [^\\n]+$";

    @TempDir
    Path tmp;

    /**
     * Found by ConfigFuzzTest (input finding-yaml-stack-overflow): Chronicle's YAML reader recursed
     * until the stack overflowed on a bare '!' at the end of the text (0.6-1.2 s per input), and the
     * StackOverflowError escaped the loader (the CLI said "internal error"). Tags are now refused,
     * with their line, before Chronicle reads the file; a '!' inside text is still text.
     */
    @Test
    void shouldRefuseYamlTagsBeforeTheParserRecursesOnThem()
    {
        for (final String text : new String[] {"\0!", "!", " !", "key: !", "peers: []\nsettings: !!map {}\n",
            "# ok!\nversion: '1' # it's fine!\ndescription: !x\n"})
        {
            final ConfigException ex = assertThrows(ConfigException.class, () -> BroadcastPeersLoader.parse("r.yaml",
                text.getBytes(StandardCharsets.UTF_8), true), text);
            assertTrue(ex.getMessage().startsWith("r.yaml:" + (text.startsWith("#") ? 3 : text.startsWith("peers") ? 2 : 1) +
                ": a YAML tag"), ex.getMessage());
        }
        final BroadcastPeersConfig config = BroadcastPeersLoader.parse("t.yaml", (
            "version: '1.0!'\ndescription: \"go! \\\" !\" # a comment !\npeers:\n  - host: 127.0.0.1\n" +
            "    port: 19899\n    description: 'fast! it''s quoted, ! ok'\n").getBytes(StandardCharsets.UTF_8), true);
        assertEquals("1.0!", config.version());
        assertEquals("go! \" !", config.description());
        assertEquals("fast! it's quoted, ! ok", config.peers().get(0).description());
    }

    /**
     * Found by ConfigFuzzTest (input finding-nested-item-null): a YAML list item holding another
     * list item with a key ("- - o:") came back from the reader as no node at all, and the loader
     * threw a NullPointerException instead of naming the line.
     */
    @Test
    void shouldNameTheLineOfAListItemThatIsNotAPeer()
    {
        final ConfigException ex = assertThrows(ConfigException.class, () -> BroadcastPeersLoader.parse("n.yaml",
            ("`\0\0\0\0e.\"\npeers:\n  - - o\0Rtn\":\n  - '  -   - '  - o\0\"EXA").getBytes(StandardCharsets.UTF_8), true));
        assertTrue(ex.getMessage().matches("n\\.yaml:\\d+: .+: fix: .+"), ex.getMessage());
        assertFalse(ex.getMessage().contains("\n"), ex.getMessage());
    }

    /**
     * Found by ConfigFuzzTest (input finding-multi-line-key): a key quoted from the file held a line
     * break, so the "one line" error spanned several, and any control character (a terminal escape)
     * went to the user's terminal as is.
     */
    @Test
    void shouldKeepAnErrorOnOneLineWhateverTheKeyHolds()
    {
        final ConfigException yaml = assertThrows(ConfigException.class, () -> BroadcastPeersLoader.parse("k.yaml",
            "peers:\n  - host: 198.51.100.1\n    \"ho\\nst\\u001b[31m\": 1\n".getBytes(StandardCharsets.UTF_8), true));
        assertFalse(yaml.getMessage().contains("\n"), yaml.getMessage());
        assertFalse(yaml.getMessage().contains("\u001b"), yaml.getMessage());
        assertTrue(yaml.getMessage().contains("ho\\nst\\u001b[31m"), yaml.getMessage());

        final ConfigException json = assertThrows(ConfigException.class, () -> BroadcastPeersLoader.parse("k.json",
            ("{\"peers\": [ {\"host\": \"198.51.100.1\", \"" + "k".repeat(5000) + "\": 1} ]}")
                .getBytes(StandardCharsets.UTF_8), false));
        assertTrue(json.getMessage().length() < 1200, "long keys are cut: " + json.getMessage().length());
    }

    @Test
    void shouldLoadTheShippedJson()
    {
        final BroadcastPeersConfig config = BroadcastPeersLoader.load(CONF.resolve("broadcast_peers.json"));

        assertEquals("1.0", config.version());
        final PeerEntry local = config.peers().get(0);
        assertEquals(new PeerEntry("127.0.0.1", 9999, Priority.CRITICAL, "Local dashd (primary)", true), local);
        assertEquals(List.of(local), config.enabledPeers());
        for (final PeerEntry example : config.peers().subList(1, config.peers().size()))
        {
            assertFalse(example.enabled(), example.toString());
            assertTrue(example.host().matches(".*\\.example\\.(com|net|org)"), example.host());
            assertTrue(example.description().startsWith("EXAMPLE"), example.description());
        }
        assertEquals(new Settings(20, 1, Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(60)),
            config.settings());
    }

    @Test
    void shouldReadYamlAndJsonEqually()
    {
        final BroadcastPeersConfig json = BroadcastPeersLoader.load(CONF.resolve("broadcast_peers.json"));
        final BroadcastPeersConfig yaml = BroadcastPeersLoader.load(CONF.resolve("broadcast_peers.yaml"));

        assertEquals(json, yaml);
    }

    @Test
    void shouldLoadTheDemoPeers()
    {
        final BroadcastPeersConfig demo = BroadcastPeersLoader.load(CONF.resolve("demo_peers.json"));

        assertEquals(6, demo.enabledPeers().size());
        assertTrue(demo.peers().stream().allMatch(p -> p.host().equals("127.0.0.1")));
        assertEquals(Duration.ofSeconds(2), demo.broadcastTimeout());
    }

    @Test
    void shouldReadTheSeedExampleVerbatimWithSettingsDefaultsWhenLeftOut() throws IOException
    {
        final String seed = """
            {
              "version": "1.0",
              "description": "Dash network peers for block broadcasting",
              "peers": [
                {"host": "seed.dashninja.pl", "port": 9999, "priority": "high",
                 "description": "DashNinja seed node (high uptime)", "enabled": true},
                {"host": "explorer.dash.org", "port": 9999, "priority": "critical",
                 "description": "Official Dash explorer (critical path)", "enabled": true},
                {"host": "192.0.2.100", "port": 9999, "priority": "critical",
                 "description": "Local dashd (primary)", "enabled": true}
              ],
              "settings": {"max_peers": 20, "min_peers": 5, "reconnect_delay": 30,
                           "broadcast_timeout": 5, "health_check_interval": 60}
            }
            """;
        final BroadcastPeersConfig config = parse("seed.json", seed, false);
        assertEquals(Settings.DEFAULTS, config.settings());
        assertEquals(List.of("explorer.dash.org", "192.0.2.100", "seed.dashninja.pl"),
            config.enabledPeersByPriority().stream().map(PeerEntry::host).toList());

        final BroadcastPeersConfig minimal = parse("minimal.yaml", "peers:\n  - host: 198.51.100.1\n    port: 19999\n", true);
        assertEquals(Settings.DEFAULTS, minimal.settings());
        assertEquals(new PeerEntry("198.51.100.1", 19999, Priority.NORMAL, "", true), minimal.peers().get(0));
        assertEquals("1.0", minimal.version());
    }

    @Test
    void shouldAcceptFractionalSeconds()
    {
        final BroadcastPeersConfig config = parse("f.json",
            "{\"peers\": [{\"host\": \"h\", \"port\": 1}], \"settings\": {\"broadcast_timeout\": 0.25}}", false);

        assertEquals(Duration.ofMillis(250), config.broadcastTimeout());
    }

    @Test
    void shouldIgnoreAUtf8ByteOrderMark()
    {
        final byte[] body = "{\"peers\": [{\"host\": \"h\", \"port\": 1, \"description\": \"caf\u00e9\"}]}"
            .getBytes(StandardCharsets.UTF_8);
        final byte[] text = new byte[body.length + 3];
        text[0] = (byte)0xef;
        text[1] = (byte)0xbb;
        text[2] = (byte)0xbf;
        System.arraycopy(body, 0, text, 3, body.length);

        assertEquals("caf\u00e9", BroadcastPeersLoader.parse("bom.json", text, false).peers().get(0).description());
    }

    @Test
    void shouldFallBackToLocalDashdOnlyWithoutAFile()
    {
        final BroadcastPeersConfig config = BroadcastPeersLoader.loadOrLocalDashd(null, 19999);

        assertEquals(List.of(new PeerEntry("127.0.0.1", 19999, Priority.CRITICAL, "Local dashd", true)),
            config.enabledPeers());
        assertEquals(1, config.settings().minPeers());
        assertEquals(config, BroadcastPeersConfig.localDashdOnly(19999));
    }

    @Test
    void shouldNameAMissingFileAndNotFallBack()
    {
        final Path missing = tmp.resolve("nope.json");

        final ConfigException ex = assertThrows(ConfigException.class,
            () -> BroadcastPeersLoader.loadOrLocalDashd(missing, 9999));

        assertEquals(missing + ": file not found: fix: check the path, copy conf/broadcast_peers.json, "
            + "or leave the option out to use local dashd only", ex.getMessage());
        assertEquals(0, ex.line());
    }

    @Test
    void shouldRejectADirectoryAndAnEmptyFile() throws IOException
    {
        assertTrue(assertThrows(ConfigException.class, () -> BroadcastPeersLoader.load(tmp)).getMessage()
            .startsWith(tmp + ": is a directory"));
        final Path empty = Files.writeString(tmp.resolve("empty.yaml"), "# nothing\n\n");
        assertTrue(assertThrows(ConfigException.class, () -> BroadcastPeersLoader.load(empty)).getMessage()
            .startsWith(empty + ": the file is empty: fix: "));
    }

    @Test
    void shouldChooseTheSyntaxByExtensionOrFirstCharacter() throws IOException
    {
        final String json = Files.readString(CONF.resolve("broadcast_peers.json"));
        final String yaml = Files.readString(CONF.resolve("broadcast_peers.yaml"));
        final BroadcastPeersConfig expected = BroadcastPeersLoader.load(CONF.resolve("broadcast_peers.json"));

        assertEquals(expected, BroadcastPeersLoader.load(Files.writeString(tmp.resolve("peers.conf"), json)));
        assertEquals(expected, BroadcastPeersLoader.load(Files.writeString(tmp.resolve("peers.yml"), yaml)));
        assertEquals(expected, BroadcastPeersLoader.load(Files.writeString(tmp.resolve("peers.txt"), yaml)));
    }

    /**
     * Each case edits the shipped file: replace {@code from} (first occurrence) with {@code to}; the
     * error must name the line the edit landed on (or {@code lineOf}, when given) and contain
     * {@code expected}.
     */
    static Stream<Arguments> errors()
    {
        return Stream.of(
            // Unknown keys, with the nearest valid key suggested.
            json("\"max_peers\": 20", "\"max_peer\": 20",
                "key 'settings.max_peer' is not a valid key in settings: fix: did you mean 'max_peers'?"),
            yaml("max_peers: 20", "max_peer: 20",
                "key 'settings.max_peer' is not a valid key in settings: fix: did you mean 'max_peers'?"),
            json("\"enabled\": true", "\"enable\": true",
                "key 'peers[0].enable' is not a valid key in a peer: fix: did you mean 'enabled'?"),
            yaml("  - host: 127.0.0.1", "  - hots: 127.0.0.1", "key 'peers[0].hots' is not a valid key in a peer"),
            json("\"version\": \"1.0\",", "\"version\": \"1.0\", \"colour\": \"red\",",
                "key 'colour' is not a valid key in the top level: fix: valid keys: version, description, peers"),
            // Wrong types.
            json("\"port\": 9999", "\"port\": \"9999\"",
                "key 'peers[0].port' must be a whole number, found text \"9999\": fix: write it without quotes: 9999"),
            yaml("port: 9999", "port: nine", "key 'peers[0].port' must be a whole number, found text \"nine\""),
            json("\"enabled\": true", "\"enabled\": \"yes\"", "key 'peers[0].enabled' must be true or false"),
            yaml("enabled: true", "enabled: 1", "key 'peers[0].enabled' must be true or false, found 1"),
            json("\"max_peers\": 20", "\"max_peers\": 20.5", "key 'settings.max_peers' must be a whole number"),
            json("\"broadcast_timeout\": 5", "\"broadcast_timeout\": \"5s\"",
                "key 'settings.broadcast_timeout' must be a number of seconds, found text \"5s\""),
            json("\"host\": \"127.0.0.1\"", "\"host\": 127",
                "key 'peers[0].host' must be text, found 127: fix: put the value in double quotes"),
            // Ranges and choices.
            json("\"port\": 9999", "\"port\": 0", "key 'peers[0].port' must be 1..65535, found 0"),
            yaml("port: 9999", "port: 65536", "key 'peers[0].port' must be 1..65535, found 65536"),
            json("\"priority\": \"high\"", "\"priority\": \"hihg\"",
                "key 'peers[2].priority' is \"hihg\", not critical, high or normal: fix: did you mean \"high\"?"),
            yaml("priority: critical", "priority: urgent", "key 'peers[0].priority' is \"urgent\""),
            json("\"host\": \"127.0.0.1\"", "\"host\": \"\"", "key 'peers[0].host' is text \"\", not a host name"),
            json("\"min_peers\": 1", "\"min_peers\": 21",
                "key 'settings.min_peers' is 21, more than max_peers 20: fix: make min_peers at most max_peers"),
            json("\"min_peers\": 1", "\"min_peers\": -1", "key 'settings.min_peers' must be 0..10000, found -1"),
            json("\"max_peers\": 20", "\"max_peers\": 0", "key 'settings.max_peers' must be 1..10000, found 0"),
            json("\"broadcast_timeout\": 5", "\"broadcast_timeout\": 0",
                "key 'settings.broadcast_timeout' must be more than 0"),
            yaml("reconnect_delay: 30", "reconnect_delay: -2", "key 'settings.reconnect_delay' must be more than 0"),
            json("\"health_check_interval\": 60", "\"health_check_interval\": 100000",
                "key 'settings.health_check_interval' must be more than 0 and at most 86400 seconds"),
            json("\"version\": \"1.0\"", "\"version\": \"2.0\"", "key 'version' is text \"2.0\", this dashcast reads"),
            // Whole-document rules.
            json("\"min_peers\": 1,", "\"min_peers\": 1, \"min_peers\": 2,",
                "key 'settings.min_peers' appears twice (first on line"),
            yaml("    port: 9999", "    port: 9999\n    port: 9998", "key 'peers[0].port' appears twice"),
            yaml("enabled: true", "enabled: false", "key 'peers' has no enabled peer", 6),
            json("\"host\": \"127.0.0.1\",", "", "key 'peers[0].host' is missing: fix: add \"host\"", 5),
            yaml("peers:", "peerz:", "key 'peerz' is not a valid key in the top level: fix: did you mean 'peers'?"));
    }

    @ParameterizedTest(name = "[{index}] {0} {2}")
    @MethodSource("errors")
    void shouldGiveOneLineErrorsWithFileLineKeyAndFix(
        final String file, final String from, final String to, final String expected, final int lineOverride)
        throws IOException
    {
        final String original = Files.readString(CONF.resolve(file));
        assertTrue(original.contains(from), "the case must edit " + file + ": " + from);
        final String edited = original.replaceFirst(java.util.regex.Pattern.quote(from),
            java.util.regex.Matcher.quoteReplacement(to));
        final int editLine = lineOf(original, original.indexOf(from)) + (to.startsWith(from) ? countLines(to) - 1 : 0);
        final Path path = Files.writeString(tmp.resolve(file), edited);

        final ConfigException ex = assertThrows(ConfigException.class, () -> BroadcastPeersLoader.load(path));

        final String message = ex.getMessage();
        assertTrue(message.matches(MESSAGE), message);
        assertTrue(message.startsWith(path + ":" + (lineOverride > 0 ? lineOverride : editLine) + ": "), message);
        assertTrue(message.contains(expected), message);
        assertEquals(path.toString(), ex.file());
    }

    @Test
    void shouldRejectAnEnabledPeerListedTwice()
    {
        final String text = "peers:\n"
            + "  - {host: a.example, port: 1}\n"
            + "  - {host: b.example, port: 1, enabled: false}\n"
            + "  - {host: b.example, port: 1}\n"
            + "  - {host: A.EXAMPLE, port: 1, priority: high}\n";

        final ConfigException ex = assertThrows(ConfigException.class, () -> parse("dup.yaml", text, true));

        assertEquals("dup.yaml:5: key 'peers[3]' repeats peer A.EXAMPLE:1 (also on line 2): "
            + "fix: remove one, or set \"enabled\": false on it", ex.getMessage());
    }

    @Test
    void shouldRejectSettingsThatAreNotAnObjectAndPeersThatAreNotAList()
    {
        final ConfigException settings = assertThrows(ConfigException.class, () -> parse("s.json",
            "{\"peers\": [{\"host\": \"h\", \"port\": 1}],\n \"settings\": [1]}", false));
        assertTrue(settings.getMessage().startsWith("s.json:2: key 'settings' must be an object, found a list"),
            settings.getMessage());

        final ConfigException peers = assertThrows(ConfigException.class, () -> parse("p.yaml", "peers: 5\n", true));
        assertTrue(peers.getMessage().startsWith("p.yaml:1: key 'peers' must be a list of peers, found 5"),
            peers.getMessage());

        final ConfigException item = assertThrows(ConfigException.class, () -> parse("i.json",
            "{\"peers\": [\n {\"host\": \"h\", \"port\": 1},\n \"h2\"]}", false));
        assertTrue(item.getMessage().startsWith("i.json:3: key 'peers[1]' must be a peer object, found text \"h2\""),
            item.getMessage());

        final ConfigException missing = assertThrows(ConfigException.class, () -> parse("m.json",
            "{\"version\": \"1.0\"}", false));
        assertTrue(missing.getMessage().startsWith("m.json:1: key 'peers' is missing: fix: add \"peers\""),
            missing.getMessage());
    }

    static Stream<Arguments> syntaxErrors()
    {
        return Stream.of(
            Arguments.of("{\n \"version\": \"1.0\"\n \"peers\": []\n}\n", 3, "expected ',' or '}' after a value"),
            Arguments.of("{\n \"peers\": [\n  {\"host\": \"a\", \"port\": 1}\n", 4, "'[' opened on line 2 is never closed"),
            Arguments.of("{\n \"peers\": [{\"host\": a.b, \"port\": 1}]\n}\n", 2,
                "unquoted text 'a.b': fix: put text in double quotes: \"a.b\""),
            Arguments.of("{\n \"peers\": [{\"host\": \"a\", \"port\": 1},]\n}\n", 2, "a comma before ']'"),
            Arguments.of("{\"peers\": [{\"host\": \"a\", \"port\": 1}]}\ngarbage\n", 2, "text after the end"),
            Arguments.of("\n\n[1, 2]\n", 3, "the file must hold one JSON object"),
            Arguments.of("{\n \"peers\": [{\"host\": \"a\n\", \"port\": 1}]}\n", 2, "line break inside a string"),
            Arguments.of("{\n \"peers\": [], // none yet\n}\n", 2, "a comment, which JSON does not allow"),
            Arguments.of("{\n \"peers\": [{\"host\": \"a\", \"port\": 1,}]\n}\n", 2, "a comma before '}'"),
            Arguments.of("{\"peers\":\n" + "[".repeat(40) + "]".repeat(40) + "}", 2, "nesting deeper than 32 levels"));
    }

    @ParameterizedTest
    @MethodSource("syntaxErrors")
    void shouldNameTheLineOfAJsonSyntaxError(final String text, final int line, final String expected)
    {
        final ConfigException ex = assertThrows(ConfigException.class, () -> parse("bad.json", text, false));

        assertTrue(ex.getMessage().startsWith("bad.json:" + line + ": "), ex.getMessage());
        assertTrue(ex.getMessage().contains(expected), ex.getMessage());
        assertTrue(ex.getMessage().contains(": fix: "), ex.getMessage());
        assertFalse(ex.getMessage().contains("\n"), ex.getMessage());
    }

    @Test
    void shouldNameTheLineOfYamlProblems()
    {
        final ConfigException list = assertThrows(ConfigException.class,
            () -> parse("bad.yaml", "# peers\n- a\n- b\n", true));
        assertTrue(list.getMessage().startsWith("bad.yaml:2: the file must hold one YAML mapping"), list.getMessage());

        final ConfigException flow = assertThrows(ConfigException.class,
            () -> parse("flow.yaml", "peers: [ {host: a, port: 1},\n  {host: b, prt: 2} ]\n", true));
        assertTrue(flow.getMessage().startsWith("flow.yaml:2: key 'peers[1].prt' is not a valid key"),
            flow.getMessage());
    }

    @Test
    void shouldCountCommentsAndBlankLinesInYamlLineNumbers()
    {
        final String text = "# header\n\n"
            + "peers:\n"
            + "  # the local node\n"
            + "  - host: 127.0.0.1\n"
            + "\n"
            + "    # its port\n"
            + "    port: 9999\n"
            + "\n"
            + "settings:\n"
            + "  # timeouts\n"
            + "\n"
            + "  broadcast_timeout: 5\n"
            + "  reconect_delay: 3\n";

        final ConfigException ex = assertThrows(ConfigException.class, () -> parse("c.yaml", text, true));

        assertTrue(ex.getMessage().startsWith(
            "c.yaml:14: key 'settings.reconect_delay' is not a valid key in settings: fix: did you mean 'reconnect_delay'?"),
            ex.getMessage());
        final ConfigException port = assertThrows(ConfigException.class,
            () -> parse("c.yaml", text.replace("port: 9999", "port: 0").replace("reconect", "reconnect"), true));
        assertTrue(port.getMessage().startsWith("c.yaml:8: key 'peers[0].port' must be 1..65535"), port.getMessage());
    }

    private static BroadcastPeersConfig parse(final String name, final String text, final boolean yaml)
    {
        return BroadcastPeersLoader.parse(name, text.getBytes(StandardCharsets.UTF_8), yaml);
    }

    private static Arguments json(final String from, final String to, final String expected)
    {
        return json(from, to, expected, 0);
    }

    private static Arguments json(final String from, final String to, final String expected, final int line)
    {
        return Arguments.of("broadcast_peers.json", from, to, expected, line);
    }

    private static Arguments yaml(final String from, final String to, final String expected)
    {
        return yaml(from, to, expected, 0);
    }

    private static Arguments yaml(final String from, final String to, final String expected, final int line)
    {
        return Arguments.of("broadcast_peers.yaml", from, to, expected, line);
    }

    private static int lineOf(final String text, final int index)
    {
        return countLines(text.substring(0, index));
    }

    private static int countLines(final String text)
    {
        return (int)text.chars().filter(c -> c == '\n').count() + 1;
    }

    private static Path repoRoot()
    {
        final Path moduleDir = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        return Files.isDirectory(moduleDir.resolve("conf")) ? moduleDir : moduleDir.getParent();
    }
}
