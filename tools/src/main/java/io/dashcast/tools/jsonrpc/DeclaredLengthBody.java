package io.dashcast.tools.jsonrpc;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.thread.Invocable;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Reads a request body of declared length into one array of that length, chunk by chunk as Jetty
 * hands them over, without blocking a thread: no list of retained chunks and no second copy, so a
 * 2 MB block's 4 MB of hex is written once. Used only after the client has authenticated and
 * declared a length within the gateway's bound; a body of another length is an error.
 * <p>
 * Its demand callback only copies bytes, so it tells Jetty it is non-blocking: Jetty then runs it
 * where the bytes were read instead of handing each 64 KiB to a pool thread (a 2 MB block's hex
 * is 32 such hand-offs). The end of the body, once it came by a callback, is handed to the pool
 * once, so the caller's work on it (the scan, the decode, the broadcast) never runs on a selector.
 */
final class DeclaredLengthBody implements Runnable, Invocable
{
    private final Content.Source source;
    private final Executor executor;
    private final byte[] body;
    private final CompletableFuture<byte[]> done = new CompletableFuture<>();
    private final HexPrefetch hex;
    private int filled;
    /** A demand was made: the body ends in a callback. */
    private boolean called;

    private DeclaredLengthBody(final Content.Source source, final int length, final Executor executor)
    {
        this.source = source;
        this.executor = executor;
        this.body = new byte[length];
        this.hex = new HexPrefetch(body);
    }

    /**
     * @param source   the request.
     * @param length   its declared Content-Length, within the gateway's bound.
     * @param executor where the result is completed when the body ends in a demand callback.
     * @return the reader, its body already read when it was all there.
     */
    static DeclaredLengthBody read(final Content.Source source, final int length, final Executor executor)
    {
        final DeclaredLengthBody reader = new DeclaredLengthBody(source, length, executor);
        reader.read();
        return reader;
    }

    /**
     * @return the whole body, or a failure (the source's, or a body of another length); completed on
     * the calling thread of {@link #read} when the body was all there, else on its executor.
     */
    CompletableFuture<byte[]> done()
    {
        return done;
    }

    /**
     * @return the block hex decoded as the body arrived, for {@link RequestScan#scan(byte[], HexPrefetch)}.
     */
    HexPrefetch hex()
    {
        return hex;
    }

    @Override
    public InvocationType getInvocationType()
    {
        return InvocationType.NON_BLOCKING;
    }

    @Override
    public void run()
    {
        read();
    }

    private void read()
    {
        while (true)
        {
            final Content.Chunk chunk = source.read();
            if (chunk == null)
            {
                // From here on the body ends in a callback, perhaps on a selector thread.
                called = true;
                source.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk))
            {
                fail(chunk.getFailure());
                return;
            }
            final ByteBuffer bytes = chunk.getByteBuffer();
            final int n = bytes.remaining();
            final boolean fits = n <= body.length - filled;
            if (fits)
            {
                bytes.get(body, filled, n);
                filled += n;
                // The block's hex is decoded as it lands, not after the last byte.
                hex.advance(filled);
            }
            final boolean last = chunk.isLast();
            chunk.release();
            if (!fits || last && filled != body.length)
            {
                fail(new EOFException("body of " + (fits ? filled : "more than " + filled) +
                    " bytes, Content-Length " + body.length));
                return;
            }
            if (last)
            {
                settle(() -> done.complete(body));
                return;
            }
        }
    }

    private void fail(final Throwable failure)
    {
        settle(() -> done.completeExceptionally(failure));
    }

    /** Complete here, or on the pool when the body ended in a callback (perhaps on a selector). */
    private void settle(final Runnable completion)
    {
        if (called)
        {
            executor.execute(completion);
        }
        else
        {
            completion.run();
        }
    }
}
