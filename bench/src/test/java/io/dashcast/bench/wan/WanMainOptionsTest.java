package io.dashcast.bench.wan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine.ParameterException;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(5)
class WanMainOptionsTest
{
    @Test
    void shouldParseTheSenderLineOfRunSh() throws Exception
    {
        final WanSenderMain.Options o = WanSenderMain.Options.parse("--target", "127.0.0.1", "--peers", "20",
            "--base-port", "19000", "--control-port", "18999", "--rate-mbit", "1000", "--out", "r.md",
            "--rounds", "3", "--systems", "dashcast,all-at-once");

        assertEquals(InetAddress.getByName("127.0.0.1"), o.target);
        assertEquals(1000, o.rateMbit);
        assertEquals(3, o.rounds);
        assertEquals(List.of("dashcast", "all-at-once"), o.systems);
        assertEquals(Path.of("r.md"), o.out);
        assertEquals(2 * 1024 * 1024, o.blockBytes);
        assertEquals(1, o.warmup);
        assertEquals(300, o.gapMs);
    }

    @Test
    void shouldNameTheSenderOptionAtFault()
    {
        final ParameterException peers = assertThrows(ParameterException.class,
            () -> WanSenderMain.Options.parse("--target", "127.0.0.1", "--peers", "-3"));
        assertEquals("Invalid value for option '--peers': must not be negative, not -3", peers.getMessage());

        final ParameterException systems = assertThrows(ParameterException.class,
            () -> WanSenderMain.Options.parse("--target", "127.0.0.1", "--systems", "dashcast,udp"));
        assertTrue(systems.getMessage().contains("'--systems': unknown 'udp'"), systems.getMessage());

        final ParameterException target = assertThrows(ParameterException.class,
            () -> WanSenderMain.Options.parse("--peers", "2"));
        assertTrue(target.getMessage().contains("--target"), target.getMessage());

        final ParameterException block = assertThrows(ParameterException.class,
            () -> WanSenderMain.Options.parse("--target", "127.0.0.1", "--block-bytes", "100"));
        assertTrue(block.getMessage().startsWith("--block-bytes must be in 200..3 MiB"), block.getMessage());
    }

    @Test
    void shouldParseTheReceiverLineOfRunShAndDefaultTheRest() throws Exception
    {
        final WanReceiverMain.Options o = WanReceiverMain.Options.parse("--bind", "127.0.0.1", "--peers", "7",
            "--base-port", "19000", "--control-port", "18999", "--max-seconds", "1200");
        final WanReceiverMain.Options defaults = WanReceiverMain.Options.parse();

        assertEquals(InetAddress.getByName("127.0.0.1"), o.bind);
        assertEquals(7, o.peers);
        assertEquals(1200, o.maxSeconds);
        assertEquals(InetAddress.getByName("127.0.0.1"), defaults.bind);
        assertEquals(20, defaults.peers);
        assertEquals(19000, defaults.basePort);
        assertEquals(18999, defaults.controlPort);
        assertEquals(900, defaults.maxSeconds);
    }

    @Test
    void shouldNameTheReceiverOptionAtFault()
    {
        final ParameterException ex = assertThrows(ParameterException.class,
            () -> WanReceiverMain.Options.parse("--base-port", "nineteen"));

        assertEquals("Invalid value for option '--base-port': needs a whole number, not 'nineteen'", ex.getMessage());
        assertTrue(WanReceiverMain.Options.usage().contains("--max-seconds S"));
    }
}
