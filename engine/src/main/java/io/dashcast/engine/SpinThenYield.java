package io.dashcast.engine;

/**
 * One step of a wait for another thread's result: spin while the wait is young, then give the core
 * up. On a busy host (these 2-core machines) the awaited thread may need the very core the waiter
 * spins on; a pure spin keeps it off until the scheduler's time slice ends.
 */
final class SpinThenYield
{
    private SpinThenYield()
    {
    }

    /**
     * @param spins            steps of this wait so far.
     * @param spinsBeforeYield steps that only pause; every later step yields.
     */
    static void idle(final int spins, final int spinsBeforeYield)
    {
        if (spins < spinsBeforeYield)
        {
            Thread.onSpinWait();
        }
        else
        {
            Thread.yield();
        }
    }
}
