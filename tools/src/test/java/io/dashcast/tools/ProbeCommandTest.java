package io.dashcast.tools;

import io.dashcast.protocol.Network;
import io.dashcast.sim.SimulatedDashNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code dashcast probe} of a node on another network than {@code --network} names the likely cause.
 */
@Timeout(60)
class ProbeCommandTest
{
    @Test
    void shouldNameTheNetworkWhenANodeOfAnotherNetworkHangsUp() throws Exception
    {
        try (SimulatedDashNode regtest = SimulatedDashNode.start(new SimulatedDashNode.Context().network(Network.REGTEST)))
        {
            final RunCommandChecksTest.Cli probe = RunCommandChecksTest.cli("probe", "127.0.0.1:" + regtest.port(),
                "--network", "main", "--timeout", "5");
            assertEquals(DashcastMain.EXIT_BAD_INPUT, probe.status(), probe.err());
            RunCommandChecksTest.assertOneLine(probe.err(), "likely cause: the node is not on --network main");
            assertTrue(probe.err().contains("magic 0xbf0c6bbd"), probe.err());
        }
    }

    @Test
    void shouldProbeANodeOnTheRightNetwork() throws Exception
    {
        try (SimulatedDashNode regtest = SimulatedDashNode.start(new SimulatedDashNode.Context().network(Network.REGTEST)))
        {
            final RunCommandChecksTest.Cli probe = RunCommandChecksTest.cli("probe", "127.0.0.1:" + regtest.port(),
                "--network", "regtest", "--timeout", "10");
            assertEquals(DashcastMain.EXIT_OK, probe.status(), probe.err());
            assertTrue(probe.out().contains("\"user_agent\": \"/Dash Core:22.1.1/\""), probe.out());
        }
    }
}
