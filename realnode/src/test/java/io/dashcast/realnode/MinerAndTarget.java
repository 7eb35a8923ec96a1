package io.dashcast.realnode;

import io.dashcast.sim.regtest.RegtestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The two real regtest nodes most test classes here need: a miner outside, which makes the blocks,
 * and the target node dashcast talks to, synced to it. Started once per test class (classes run one
 * after another) and always stopped.
 */
abstract class MinerAndTarget
{
    protected static RegtestNode miner;
    protected static RegtestNode node;

    @BeforeAll
    static void startNodes() throws Exception
    {
        miner = RealNodes.startMiner();
        node = RealNodes.startTarget(miner);
    }

    @AfterAll
    static void stopNodes()
    {
        if (node != null)
        {
            node.close();
            node = null;
        }
        if (miner != null)
        {
            miner.close();
            miner = null;
        }
    }
}
