package io.dashcast.tools.jsonrpc;

import org.eclipse.jetty.io.Content;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * Reads a request body of declared length into one array of that length, chunk by chunk as Jetty
 * hands them over, without blocking a thread: no list of retained chunks and no second copy, so a
 * 2 MB block's 4 MB of hex is written once. Used only after the client has authenticated and
 * declared a length within the gateway's bound; a body of another length is an error.
 */
final class DeclaredLengthBody implements Runnable
{
    private final Content.Source source;
    private final byte[] body;
    private final CompletableFuture<byte[]> done = new CompletableFuture<>();
    private int filled;

    private DeclaredLengthBody(final Content.Source source, final int length)
    {
        this.source = source;
        this.body = new byte[length];
    }

    /**
     * @param source the request.
     * @param length its declared Content-Length, within the gateway's bound.
     * @return the whole body, or a failure (the source's, or a body of another length).
     */
    static CompletableFuture<byte[]> read(final Content.Source source, final int length)
    {
        final DeclaredLengthBody reader = new DeclaredLengthBody(source, length);
        reader.run();
        return reader.done;
    }

    @Override
    public void run()
    {
        while (true)
        {
            final Content.Chunk chunk = source.read();
            if (chunk == null)
            {
                source.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk))
            {
                done.completeExceptionally(chunk.getFailure());
                return;
            }
            final ByteBuffer bytes = chunk.getByteBuffer();
            final int n = bytes.remaining();
            final boolean fits = n <= body.length - filled;
            if (fits)
            {
                bytes.get(body, filled, n);
                filled += n;
            }
            final boolean last = chunk.isLast();
            chunk.release();
            if (!fits || last && filled != body.length)
            {
                done.completeExceptionally(new EOFException("body of " + (fits ? filled : "more than " + filled) +
                    " bytes, Content-Length " + body.length));
                return;
            }
            if (last)
            {
                done.complete(body);
                return;
            }
        }
    }
}
