package io.dashcast.engine.ingress;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layout documented in {@link SharedMemoryBlockQueue} and README-layout.md is enough to write
 * the queue from another language: a Python writer that knows only those offsets and steps (one
 * producer, so its tail update needs no CAS) feeds the Java receiver across many wrap-arounds.
 * Skipped where python3 is not installed.
 */
@Timeout(60)
class ForeignWriterLayoutTest
{
    private static final String WRITER = String.join("\n",
        "import mmap, os, struct, sys, time",
        "path, count = sys.argv[1], int(sys.argv[2])",
        "f = open(path, 'r+b'); size = os.fstat(f.fileno()).st_size; C = size - 768",
        "m = mmap.mmap(f.fileno(), size)",
        "TAIL, HEAD_CACHE, HEAD = C + 128, C + 256, C + 384",
        "def i64(off): return struct.unpack_from('<q', m, off)[0]",
        "def put64(off, v): struct.pack_into('<q', m, off, v)",
        "def put32(off, v): struct.pack_into('<i', m, off, v)",
        "def offer(block):",
        "    n = len(block)",
        "    if n > C // 8: return 'TOO_LARGE'",
        "    required = (n + 8 + 7) & ~7",
        "    head = i64(HEAD_CACHE); tail = i64(TAIL)",
        "    if required > C - (tail - head):",
        "        head = i64(HEAD)",
        "        if required > C - (tail - head): return 'FULL'",
        "        put64(HEAD_CACHE, head)",
        "    padding = 0; index = tail & (C - 1); record = index; new_tail = tail + required; to_end = C - index",
        "    if required > to_end:",
        "        record = 0",
        "        if required > (head & (C - 1)):",
        "            head = i64(HEAD)",
        "            if required > (head & (C - 1)): record = None; new_tail = tail",
        "            put64(HEAD_CACHE, head)",
        "        padding = to_end; new_tail += padding",
        "    put64(TAIL, new_tail)",
        "    if padding: put32(index, -padding); put32(index + 4, -1); put32(index, padding)",
        "    if record is None: return 'FULL'",
        "    put32(record, -(n + 8)); put32(record + 4, 1); m[record + 8:record + 8 + n] = block; put32(record, n + 8)",
        "    return 'OK'",
        "deadline = time.time() + 30",
        "for i in range(count):",
        "    block = bytearray(((i + j) & 0xff) for j in range(100 + (i * 37) % 2000))",
        "    struct.pack_into('<i', block, 0, i)",
        "    while True:",
        "        r = offer(bytes(block))",
        "        if r == 'OK': break",
        "        if r != 'FULL' or time.time() > deadline: print(i, r, i64(TAIL), i64(HEAD), i64(HEAD_CACHE)); sys.exit(2)",
        "        time.sleep(0.0005)",
        "");

    @TempDir
    Path dir;

    @Test
    void shouldReceiveBlocksWrittenFromPythonByTheDocumentedLayout() throws Exception
    {
        final Path script = Files.writeString(dir.resolve("writer.py"), WRITER);
        final Path path = dir.resolve("q");
        final int count = 200;
        final List<byte[]> received = new ArrayList<>();
        try (SharedMemoryBlockQueue queue = SharedMemoryBlockQueue.createOrOpen(path, 32 * 1024))
        {
            final Process python;
            try
            {
                python = new ProcessBuilder("python3", script.toString(), path.toString(), Integer.toString(count))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("python.log").toFile()).start();
            }
            catch (final java.io.IOException ex)
            {
                Assumptions.abort("python3 not available: " + ex.getMessage());
                return;
            }
            try
            {
                final SharedMemoryBlockReceiver receiver = new SharedMemoryBlockReceiver(queue,
                    (final DirectBuffer buffer, final int offset, final int length) ->
                    {
                        final byte[] copy = new byte[length];
                        buffer.getBytes(offset, copy);
                        received.add(copy);
                    },
                    Throwable::printStackTrace, new SystemEpochClock(), new SystemNanoClock());
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
                while (received.size() < count && System.nanoTime() < deadline)
                {
                    if (receiver.doWork() == 0)
                    {
                        Thread.yield();
                    }
                }
                assertTrue(python.waitFor(10, TimeUnit.SECONDS));
                assertEquals(0, python.exitValue(), Files.readString(dir.resolve("python.log")) + " received " + received.size() + ", tail " +
                    queue.ringBuffer().producerPosition() + ", head " + queue.ringBuffer().consumerPosition());
                assertEquals(0, receiver.unknownRecords());
            }
            finally
            {
                python.destroyForcibly();
            }
        }
        assertEquals(count, received.size());
        for (int i = 0; i < count; i++)
        {
            assertArrayEquals(SharedMemoryBlockQueueTest.numberedBlock(i), received.get(i), "block " + i);
        }
    }
}
