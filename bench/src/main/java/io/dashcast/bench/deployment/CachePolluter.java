package io.dashcast.bench.deployment;

/**
 * The machine doing other work between blocks: one thread writing every cache line of a 64 MiB
 * array (evicting L1, L2 and the shared L3) and allocating short-lived garbage (young GCs move
 * the heap under the broadcaster), until stopped. Stopped just before a block is sent, so it
 * leaves cold caches behind without competing for a core during the measured send.
 */
final class CachePolluter
{
    private static final int ARRAY_LONGS = 64 * 1024 * 1024 / Long.BYTES;
    private static final int LINE_LONGS = 64 / Long.BYTES;
    private static final int GARBAGE_BYTES = 4096;
    private static final int LINES_PER_ALLOCATION = 256;

    private final long[] array = new long[ARRAY_LONGS];
    private final Object[] recent = new Object[64];
    private volatile boolean running;
    private Thread thread;
    private long sink;

    /**
     * Start polluting on a new thread.
     */
    void start()
    {
        running = true;
        thread = new Thread(this::run, "bench-cache-polluter");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Stop and wait for the thread to end.
     */
    void stop()
    {
        running = false;
        try
        {
            thread.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void run()
    {
        int index = 0;
        int lines = 0;
        int slot = 0;
        while (running)
        {
            array[index] += index;
            index += LINE_LONGS;
            if (index >= ARRAY_LONGS)
            {
                index = 0;
            }
            if (++lines == LINES_PER_ALLOCATION)
            {
                lines = 0;
                final byte[] garbage = new byte[GARBAGE_BYTES];
                garbage[index & (GARBAGE_BYTES - 1)] = (byte)index;
                recent[slot++ & (recent.length - 1)] = garbage;
            }
        }
        sink += array[index];
    }

    /**
     * @return a value depending on the work done, so it is not optimised away.
     */
    long sink()
    {
        return sink;
    }
}
