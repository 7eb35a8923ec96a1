package io.dashcast.sim.regtest;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RegtestNodeTest
{
    static void requireDashd()
    {
        if (!DashdBinaries.available())
        {
            assertFalse("true".equals(System.getenv("CI")), "CI must have dashd (../shared/dashd/install.sh)");
            assumeTrue(false, "no dashd on this machine");
        }
    }

    @Test
    void startsMinesRestartsAndCleansUp() throws Exception
    {
        requireDashd();
        final Path datadir;
        try (RegtestNode node = RegtestNode.start())
        {
            datadir = node.datadir();
            assertEquals(0, node.blockCount());
            final String tip = node.generate(3).get(2);
            assertEquals(tip, node.bestBlockHash());
            assertTrue(node.blockHex(tip).length() > 160);
            final RegtestNode.RpcError error = assertThrows(RegtestNode.RpcError.class, () -> node.rpc("nosuchmethod"));
            assertEquals(-32601, error.code());
            node.stopProcess();
            node.restart();
            assertEquals(tip, node.bestBlockHash(), "same chain after a restart");
        }
        assertFalse(Files.exists(datadir), "datadir removed");
    }
}
