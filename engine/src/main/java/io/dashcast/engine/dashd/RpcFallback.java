package io.dashcast.engine.dashd;

import org.agrona.DirectBuffer;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fallback path: every block also goes to the local dashd by {@code submitblock}, on this
 * class's own thread, in parallel with the P2P fan-out. The caller hands over a block and gets a
 * future of dashd's answer; the hex encoding and the HTTP exchange happen on the fallback thread,
 * never on the caller's. The queue is bounded in blocks and in bytes (the P2P path must never wait
 * for dashd, so there is no blocking back-pressure here): when it is full the future completes at
 * once with {@link SubmitBlockResult.Status#QUEUE_FULL}, counted and named in the block's report
 * with both bounds, never a silent drop. {@link #close(long)} lets
 * queued blocks finish within a bound and completes the rest with
 * {@link SubmitBlockResult.Status#CLOSED}: every future completes.
 */
public final class RpcFallback implements AutoCloseable
{
    /**
     * Default bound on blocks waiting: blocks come every 2.5 minutes, but a pool that catches up (or
     * a test's burst of 100) submits many at once, and dashd must get every one: 16 dropped some.
     */
    public static final int DEFAULT_QUEUE_CAPACITY = 256;
    /** Default bound on the bytes of blocks waiting (32 maximum-size blocks), so a burst cannot exhaust the heap. */
    public static final long DEFAULT_QUEUE_BYTES = 64L * 1024 * 1024;

    private final DashdRpcClient client;
    private final BlockingQueue<Task> queue;
    private final int queueCapacity;
    private final Thread thread;
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong rejectedQueueFull = new AtomicLong();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final long maxQueuedBytes;
    private volatile boolean closed;
    private volatile java.util.function.Consumer<SubmitBlockResult> resultListener;

    /** A block waiting for the fallback thread. */
    private record Task(byte[] block, int offset, int length, CompletableFuture<SubmitBlockResult> future)
    {
    }

    /**
     * Start the fallback thread (a daemon thread named {@code dashcast-rpc-fallback}).
     *
     * @param client        the dashd client.
     * @param queueCapacity bound on blocks waiting for the thread.
     */
    public RpcFallback(final DashdRpcClient client, final int queueCapacity)
    {
        this(client, queueCapacity, DEFAULT_QUEUE_BYTES);
    }

    /**
     * Start the fallback thread (a daemon thread named {@code dashcast-rpc-fallback}).
     *
     * @param client         the dashd client.
     * @param queueCapacity  bound on blocks waiting for the thread.
     * @param maxQueuedBytes bound on their bytes (one block is always taken into an empty queue).
     */
    public RpcFallback(final DashdRpcClient client, final int queueCapacity, final long maxQueuedBytes)
    {
        this.maxQueuedBytes = maxQueuedBytes;
        if (queueCapacity < 1)
        {
            throw new IllegalArgumentException("fallback queue capacity must be at least 1, got " + queueCapacity);
        }
        this.client = client;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.queueCapacity = queueCapacity;
        this.thread = new Thread(this::run, "dashcast-rpc-fallback");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * @param listener told of every answer dashd gave, on the fallback thread, before the submitter
     *                 is (e.g. to count them); must not block.
     * @return this.
     */
    public RpcFallback resultListener(final java.util.function.Consumer<SubmitBlockResult> listener)
    {
        this.resultListener = listener;
        return this;
    }

    /**
     * Queue a block for dashd. The array is owned by the fallback from now on: do not change it.
     *
     * @param block serialized block.
     * @return dashd's answer when it comes; QUEUE_FULL or CLOSED at once when not queued.
     */
    public CompletableFuture<SubmitBlockResult> submit(final byte[] block)
    {
        return submit(block, 0, block.length);
    }

    /**
     * Queue a range of an array for dashd. The range is owned by the fallback from now on.
     *
     * @param block  array holding the block.
     * @param offset first byte.
     * @param length bytes of the block.
     * @return dashd's answer when it comes; QUEUE_FULL or CLOSED at once when not queued.
     */
    public CompletableFuture<SubmitBlockResult> submit(final byte[] block, final int offset, final int length)
    {
        final CompletableFuture<SubmitBlockResult> future = new CompletableFuture<>();
        if (closed)
        {
            future.complete(SubmitBlockResult.notSubmitted(SubmitBlockResult.Status.CLOSED, "rpc fallback is closed"));
            return future;
        }
        final Task task = new Task(block, offset, length, future);
        // The byte bound gives way to one block, so a maximum-size block always fits an empty queue.
        final boolean overBytes = queuedBytes.get() + length > maxQueuedBytes && !queue.isEmpty();
        if (overBytes || !queue.offer(task))
        {
            rejectedQueueFull.incrementAndGet();
            future.complete(SubmitBlockResult.notSubmitted(SubmitBlockResult.Status.QUEUE_FULL,
                "rpc fallback queue full (" + queue.size() + " blocks, " + queuedBytes.get() + " bytes waiting; bounds " +
                queueCapacity + " blocks, " + maxQueuedBytes + " bytes): dashd is not keeping up"));
            return future;
        }
        queuedBytes.addAndGet(length);
        submitted.incrementAndGet();
        if (closed && queue.remove(task))
        {
            future.complete(SubmitBlockResult.notSubmitted(SubmitBlockResult.Status.CLOSED, "rpc fallback is closed"));
        }
        return future;
    }

    /**
     * Copy a block out of a buffer (a plain memory copy on the calling thread, no hex) and queue it.
     *
     * @param buffer holding the block; free for reuse when this returns.
     * @param offset first byte.
     * @param length bytes of the block.
     * @return dashd's answer when it comes; QUEUE_FULL or CLOSED at once when not queued.
     */
    public CompletableFuture<SubmitBlockResult> submitCopy(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        return submit(copy, 0, length);
    }

    /**
     * @return blocks waiting for the fallback thread.
     */
    public int queueDepth()
    {
        return queue.size();
    }

    /**
     * @return blocks accepted into the queue since start.
     */
    public long submittedCount()
    {
        return submitted.get();
    }

    /**
     * @return blocks refused because the queue was full.
     */
    public long queueFullCount()
    {
        return rejectedQueueFull.get();
    }

    /**
     * @return the client this fallback submits through.
     */
    public DashdRpcClient client()
    {
        return client;
    }

    /**
     * Stop taking blocks, let queued ones finish for up to {@code drainTimeoutMs}, then interrupt
     * the thread and complete whatever is left with CLOSED. Idempotent.
     *
     * @param drainTimeoutMs bound on waiting for queued blocks.
     */
    public void close(final long drainTimeoutMs)
    {
        closed = true;
        try
        {
            thread.join(Math.max(1, drainTimeoutMs));
            if (thread.isAlive())
            {
                thread.interrupt();
                thread.join(Math.max(1, drainTimeoutMs));
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        completeLeftovers();
    }

    /**
     * Close with a drain bound of the client's request timeout.
     */
    public void close()
    {
        close(client.context().requestTimeoutMs());
    }

    private void run()
    {
        while (!closed || !queue.isEmpty())
        {
            final Task task;
            try
            {
                task = queue.poll(50, TimeUnit.MILLISECONDS);
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            if (task != null)
            {
                queuedBytes.addAndGet(-task.length());
                final SubmitBlockResult result = client.submitblock(task.block(), task.offset(), task.length());
                final java.util.function.Consumer<SubmitBlockResult> listener = resultListener;
                if (listener != null)
                {
                    // Before the future: whoever waits on the report sees the counters already updated.
                    listener.accept(result);
                }
                task.future().complete(result);
            }
        }
    }

    private void completeLeftovers()
    {
        Task task;
        while ((task = queue.poll()) != null)
        {
            task.future().complete(SubmitBlockResult.notSubmitted(
                SubmitBlockResult.Status.CLOSED, "rpc fallback closed before the block was sent"));
        }
    }
}
