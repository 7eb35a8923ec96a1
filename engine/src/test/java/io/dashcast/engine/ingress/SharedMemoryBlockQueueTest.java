package io.dashcast.engine.ingress;

import io.dashcast.engine.ingress.SharedMemoryBlockPublisher.OfferResult;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Publisher and receiver over a real mapped file: delivery intact and in order across
 * wrap-around, FULL and TOO_LARGE, reuse of an existing file, a stuck producer, several producer
 * threads, and a publisher in another JVM.
 */
@Timeout(60)
class SharedMemoryBlockQueueTest
{
    @TempDir
    Path dir;

    private final List<byte[]> received = new CopyOnWriteArrayList<>();
    private final CachedEpochClock epochClock = new CachedEpochClock();
    private final CachedNanoClock nanoClock = new CachedNanoClock();

    private SharedMemoryBlockReceiver receiver(final SharedMemoryBlockQueue queue)
    {
        return new SharedMemoryBlockReceiver(queue, this::onBlock, Throwable::printStackTrace, epochClock, nanoClock);
    }

    private void onBlock(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        received.add(copy);
    }

    static byte[] numberedBlock(final int i)
    {
        final byte[] block = new byte[100 + (i * 37) % 2000];
        for (int j = 0; j < block.length; j++)
        {
            block[j] = (byte)(i + j);
        }
        new UnsafeBuffer(block).putInt(0, i);
        return block;
    }

    @Test
    void shouldHaveEveryPageOfANewQueueAllocatedBeforeTheFirstBlock() throws Exception
    {
        // A new queue file is sparse; the consumer touches every page as it maps it, so the first
        // blocks after start do not fault them in one by one. du counts the file's allocated bytes.
        final Path file = dir.resolve("touched.ring");
        try (SharedMemoryBlockQueue queue = SharedMemoryBlockQueue.createOrOpen(file, 4 * 1024 * 1024))
        {
            final Process du = new ProcessBuilder("du", "-k", file.toString()).redirectErrorStream(true).start();
            final String out = new String(du.getInputStream().readAllBytes()).trim();
            assertEquals(0, du.waitFor(), out);
            final long allocatedKiB = Long.parseLong(out.split("\\s+")[0]);
            assertTrue(allocatedKiB >= 4 * 1024, "allocated " + allocatedKiB + " KiB of " + Files.size(file) / 1024);
        }
    }

    @Test
    void shouldDeliverBlocksIntactAndInOrderAcrossWrapAround()
    {
        try (SharedMemoryBlockQueue queue = SharedMemoryBlockQueue.createOrOpen(dir.resolve("q"), 64 * 1024))
        {
            final SharedMemoryBlockPublisher publisher = new SharedMemoryBlockPublisher(queue);
            final SharedMemoryBlockReceiver receiver = receiver(queue);
            final Random random = new Random(42);
            final List<byte[]> sent = new ArrayList<>();
            int fulls = 0;
            for (int i = 0; i < 2000; i++)
            {
                final byte[] block = new byte[1 + random.nextInt(queue.maxBlockLength())];
                random.nextBytes(block);
                OfferResult result = offer(publisher, block, i);
                if (result == OfferResult.FULL)
                {
                    fulls++;
                    drain(receiver);
                    result = offer(publisher, block, i);
                }
                assertEquals(OfferResult.OK, result);
                sent.add(block);
                if (random.nextInt(8) == 0)
                {
                    drain(receiver);
                }
            }
            drain(receiver);
            assertEquals(sent.size(), received.size());
            for (int i = 0; i < sent.size(); i++)
            {
                assertArrayEquals(sent.get(i), received.get(i), "block " + i);
            }
            assertEquals(2000, receiver.blocksReceived());
            assertTrue(fulls > 0, "the ring filled up at least once");
            assertEquals(0, queue.sizeBytes());
        }
    }

    @Test
    void shouldReportFullAndTooLargeToTheProducer()
    {
        try (SharedMemoryBlockQueue queue = SharedMemoryBlockQueue.createOrOpen(dir.resolve("q"), 4096))
        {
            final SharedMemoryBlockPublisher publisher = new SharedMemoryBlockPublisher(queue);
            assertEquals(512, publisher.maxBlockLength());
            assertEquals(OfferResult.TOO_LARGE, publisher.offer(new byte[513]));
            final byte[] block = new byte[504];
            int written = 0;
            while (publisher.offer(block) == OfferResult.OK)
            {
                written++;
                assertTrue(written <= 8);
            }
            assertEquals(8, written, "4096 bytes hold eight 512-byte records");
            assertEquals(OfferResult.FULL, publisher.offer(new byte[1]));
            drain(receiver(queue));
            assertEquals(8, received.size());
            assertEquals(OfferResult.OK, publisher.offer(block));
            assertThrows(IllegalArgumentException.class, () -> publisher.offer(new byte[0]));
        }
    }

    @Test
    void shouldDeliverBlocksWrittenWhileNoReceiverRan()
    {
        final Path path = dir.resolve("q");
        try (SharedMemoryBlockQueue queue = SharedMemoryBlockQueue.createOrOpen(path, 64 * 1024))
        {
            queue.capacityBytes();
        }
        try (SharedMemoryBlockPublisher publisher = SharedMemoryBlockPublisher.open(path))
        {
            assertEquals(Long.MAX_VALUE, publisher.consumerHeartbeatAgeMs(System.currentTimeMillis()));
            assertEquals(OfferResult.OK, publisher.offer(numberedBlock(1)));
            assertEquals(OfferResult.OK, publisher.offer(numberedBlock(2)));
        }
        try (SharedMemoryBlockQueue queue = SharedMemoryBlockQueue.createOrOpen(path, 64 * 1024);
            SharedMemoryBlockPublisher publisher = new SharedMemoryBlockPublisher(queue))
        {
            epochClock.update(1_000_000);
            drain(receiver(queue));
            assertEquals(2, received.size());
            assertArrayEquals(numberedBlock(2), received.get(1));
            assertEquals(500, publisher.consumerHeartbeatAgeMs(1_000_500));
        }
    }

    @Test
    void shouldRefuseFilesThatAreNotAQueueWithOneLine() throws IOException
    {
        final Path missing = dir.resolve("missing");
        final SharedMemoryQueueException noFile = assertThrows(SharedMemoryQueueException.class,
            () -> SharedMemoryBlockPublisher.open(missing));
        assertEquals("no shared-memory queue at " + missing + " (is the dashcast daemon running?)", noFile.getMessage());

        final Path odd = Files.write(dir.resolve("odd"), new byte[5000]);
        assertThrows(SharedMemoryQueueException.class, () -> SharedMemoryBlockQueue.open(odd));
        final SharedMemoryQueueException wrongSize = assertThrows(SharedMemoryQueueException.class,
            () -> SharedMemoryBlockQueue.createOrOpen(odd, 4096));
        assertTrue(wrongSize.getMessage().contains("has 5000 bytes, expected 4864"), wrongSize.getMessage());
        assertThrows(SharedMemoryQueueException.class, () -> SharedMemoryBlockQueue.createOrOpen(dir.resolve("x"), 5000));
    }

    @Test
    void shouldUnblockTheRingWhenAProducerDiesMidWrite()
    {
        try (SharedMemoryBlockQueue queue = SharedMemoryBlockQueue.createOrOpen(dir.resolve("q"), 4096))
        {
            final RingBuffer ring = queue.ringBuffer();
            assertTrue(ring.tryClaim(SharedMemoryBlockQueue.BLOCK_MSG_TYPE_ID, 100) > 0, "claimed and never committed");
            final SharedMemoryBlockPublisher publisher = new SharedMemoryBlockPublisher(queue);
            assertEquals(OfferResult.OK, publisher.offer(numberedBlock(7)));
            final SharedMemoryBlockReceiver receiver = new SharedMemoryBlockReceiver(
                queue, this::onBlock, Throwable::printStackTrace, epochClock, nanoClock, 1_000_000, 16);
            assertEquals(0, receiver.doWork());
            nanoClock.update(2_000_000);
            assertEquals(0, receiver.doWork());
            assertEquals(1, receiver.unblocks());
            drain(receiver);
            assertEquals(1, received.size());
            assertArrayEquals(numberedBlock(7), received.get(0));
        }
    }

    @Test
    void shouldTakeBlocksFromSeveralProducerThreads() throws Exception
    {
        try (SharedMemoryBlockQueue queue = SharedMemoryBlockQueue.createOrOpen(dir.resolve("q"), 64 * 1024))
        {
            final SharedMemoryBlockPublisher publisher = new SharedMemoryBlockPublisher(queue);
            final int producers = 3;
            final int perProducer = 500;
            final List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++)
            {
                final int id = p;
                threads.add(new Thread(() ->
                {
                    for (int i = 0; i < perProducer; i++)
                    {
                        final byte[] block = numberedBlock(id * perProducer + i);
                        while (publisher.offer(block) == OfferResult.FULL)
                        {
                            Thread.yield();
                        }
                    }
                }));
            }
            threads.forEach(Thread::start);
            final SharedMemoryBlockReceiver receiver = receiver(queue);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received.size() < producers * perProducer && System.nanoTime() < deadline)
            {
                if (receiver.doWork() == 0)
                {
                    Thread.yield();
                }
            }
            for (final Thread thread : threads)
            {
                thread.join(5_000);
            }
            assertEquals(producers * perProducer, received.size());
            final int[] nextPerProducer = new int[producers];
            for (final byte[] block : received)
            {
                final int n = new UnsafeBuffer(block).getInt(0);
                final int producer = n / perProducer;
                assertEquals(producer * perProducer + nextPerProducer[producer]++, n, "each producer's blocks in order");
                assertArrayEquals(numberedBlock(n), block);
            }
        }
    }

    @Test
    void shouldTakeBlocksFromAPublisherInAnotherProcess() throws Exception
    {
        final Path path = dir.resolve("q");
        final int count = 300;
        try (SharedMemoryBlockQueue queue = SharedMemoryBlockQueue.createOrOpen(path, 64 * 1024))
        {
            final SharedMemoryBlockReceiver receiver = receiver(queue);
            final Process process = startPublisher(path, count);
            try
            {
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
                while (received.size() < count && System.nanoTime() < deadline)
                {
                    if (receiver.doWork() == 0)
                    {
                        Thread.yield();
                    }
                }
                assertTrue(process.waitFor(10, TimeUnit.SECONDS));
                assertEquals(0, process.exitValue());
            }
            finally
            {
                process.destroyForcibly();
            }
            assertEquals(count, received.size());
            for (int i = 0; i < count; i++)
            {
                assertArrayEquals(numberedBlock(i), received.get(i), "block " + i);
            }
        }
    }

    private static Process startPublisher(final Path path, final int count) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-"))
            {
                command.add(arg);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SharedMemoryPublisherProcess.class.getName());
        command.add(path.toString());
        command.add(Integer.toString(count));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(path.resolveSibling("publisher.log").toFile()).start();
    }

    private static OfferResult offer(final SharedMemoryBlockPublisher publisher, final byte[] block, final int i)
    {
        return i % 2 == 0 ? publisher.offer(block) : publisher.offer(new UnsafeBuffer(block), 0, block.length);
    }

    private static void drain(final SharedMemoryBlockReceiver receiver)
    {
        while (receiver.doWork() > 0)
        {
            // Until the ring is empty.
        }
    }
}
