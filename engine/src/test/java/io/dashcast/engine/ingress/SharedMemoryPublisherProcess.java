package io.dashcast.engine.ingress;

import java.nio.file.Paths;

/**
 * Test helper run in a separate JVM: publishes {@code count} numbered blocks into the queue at
 * {@code path}, retrying FULL for a bounded time. Exit status 0 when all were written.
 */
public final class SharedMemoryPublisherProcess
{
    private SharedMemoryPublisherProcess()
    {
    }

    /**
     * @param args path and count.
     */
    public static void main(final String[] args)
    {
        final int count = Integer.parseInt(args[1]);
        try (SharedMemoryBlockPublisher publisher = SharedMemoryBlockPublisher.open(Paths.get(args[0])))
        {
            final long deadline = System.nanoTime() + 20_000_000_000L;
            for (int i = 0; i < count; i++)
            {
                final byte[] block = SharedMemoryBlockQueueTest.numberedBlock(i);
                SharedMemoryBlockPublisher.OfferResult result;
                while ((result = publisher.offer(block)) == SharedMemoryBlockPublisher.OfferResult.FULL)
                {
                    if (System.nanoTime() > deadline)
                    {
                        System.exit(3);
                    }
                    Thread.yield();
                }
                if (result != SharedMemoryBlockPublisher.OfferResult.OK)
                {
                    System.exit(2);
                }
            }
        }
        System.exit(0);
    }
}
