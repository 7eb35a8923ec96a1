package io.dashcast.tools.jsonrpc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * One client connection of the gateway, as a state machine run only by its {@link GatewayLoop}:
 * read a request head, check it, read the declared body straight into an array the loop lends for
 * the call ({@link GatewayLoop#lendBody}; the block's hex decoded as it lands, {@link HexPrefetch})
 * or a chunked one ({@link ChunkedBody}),
 * call the handler on the loop thread
 * (so a {@code submitblock} reaches the broadcaster without a thread hand-off), write the answer,
 * and start over with any bytes already read (pipelining), one request at a time.
 * <p>
 * Deadlines, checked by the loop: a request (head and body) must arrive within the read bound from
 * its first byte (a head cut off there is closed, a body answered 408); between requests the idle
 * bound applies; none while the call is with dashd. A request refused on its head (bad, too large,
 * unauthenticated) is answered and the connection closed: its output is shut down and its input
 * drained for a while, so the client reads the answer rather than a reset.
 */
final class GatewayConnection
{
    private static final int HEAD = 0;
    private static final int BODY = 1;
    private static final int CALL = 2;
    private static final int WRITE = 3;
    private static final int DRAIN = 4;
    private static final int CHUNKS = 5;
    private static final int CLOSED = 6;
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final GatewayLoop loop;
    private final ByteChannel channel;
    private final SelectionKey key;
    private final String remote;
    private final byte[] in = new byte[RequestHead.MAX_BYTES];
    private final ByteBuffer inView = ByteBuffer.wrap(in);
    private final RequestHead head = new RequestHead();
    private final ByteBuffer[] out = new ByteBuffer[2];
    private int inFill;
    private int state = HEAD;
    private byte[] body;
    private int bodyLength;
    private ByteBuffer bodyView;
    private HexPrefetch prefetch;
    private ChunkedBody chunks;
    private boolean inputEnded;
    private boolean closeAfterAnswer;
    private boolean persistent;
    private long deadlineNs;
    private boolean deadlineAnswers408;
    private boolean requestStarted;

    /**
     * @param loop    the loop that runs it.
     * @param channel the connection, non-blocking.
     * @param key     its registration, or null when driven without a selector (in memory).
     * @param remote  the client's address, for the log.
     * @param nowNs   {@link System#nanoTime()}.
     */
    GatewayConnection(
        final GatewayLoop loop, final ByteChannel channel, final SelectionKey key, final String remote, final long nowNs)
    {
        this.loop = loop;
        this.channel = channel;
        this.key = key;
        this.remote = remote;
        deadline(nowNs + loop.readTimeoutNs(), false);
    }

    /**
     * @return when {@link #onDeadline} is due, 0 for never.
     */
    long deadlineNs()
    {
        return deadlineNs;
    }

    /**
     * The channel is readable (or, in memory, has all its input).
     *
     * @param nowNs {@link System#nanoTime()}.
     */
    void onReadable(final long nowNs) throws IOException
    {
        switch (state)
        {
            case HEAD ->
            {
                final int n = readInto(inView, inFill, in.length);
                if (n > 0)
                {
                    inFill += n;
                }
                onHeadBytes(nowNs);
            }
            case BODY -> readBody(nowNs);
            case CHUNKS -> readChunks(nowNs);
            case DRAIN ->
            {
                // Discard whatever the client still sends, until it closes.
                int n;
                do
                {
                    n = readInto(inView, 0, in.length);
                }
                while (n == in.length);
                if (inputEnded)
                {
                    close();
                }
            }
            default -> interest(0);
        }
    }

    /**
     * The channel can take more of the answer.
     *
     * @param nowNs {@link System#nanoTime()}.
     */
    void onWritable(final long nowNs) throws IOException
    {
        if (state == WRITE)
        {
            write(nowNs);
        }
    }

    /**
     * The deadline passed: a request cut off in its body is answered 408, anything else closed.
     *
     * @param nowNs {@link System#nanoTime()}.
     */
    void onDeadline(final long nowNs) throws IOException
    {
        if (deadlineAnswers408)
        {
            deadline(0, false);
            closeAfterAnswer = true;
            dropBody();
            chunks = null;
            answer(new GatewayCalls.HttpAnswer(408, GatewayHandler.HTML, new byte[0]), nowNs);
        }
        else
        {
            close();
        }
    }

    /**
     * The gateway is closing: close now unless a call is being answered (it closes after its answer).
     */
    void onGatewayClosing()
    {
        if (state == CALL || state == WRITE)
        {
            persistent = false;
        }
        else
        {
            close();
        }
    }

    /**
     * @return true once closed.
     */
    boolean isClosed()
    {
        return state == CLOSED;
    }

    private void onHeadBytes(final long nowNs) throws IOException
    {
        if (inFill > 0 && !requestStarted)
        {
            // The first byte of a request: from here the whole request has the read bound.
            requestStarted = true;
            deadline(nowNs + loop.readTimeoutNs(), false);
        }
        final int headLength = inFill == 0 ? RequestHead.INCOMPLETE : head.parse(in, inFill);
        if (headLength == RequestHead.INCOMPLETE)
        {
            if (inputEnded)
            {
                close();
            }
            return;
        }
        if (head.refusal() != 0)
        {
            refuse(CompletableFuture.completedFuture(new GatewayCalls.HttpAnswer(head.refusal(), GatewayHandler.HTML,
                head.refusalReason().getBytes(StandardCharsets.US_ASCII))), nowNs);
            return;
        }
        final CompletableFuture<GatewayCalls.HttpAnswer> refused = loop.handler().beforeBody(head, remote);
        if (refused != null)
        {
            refuse(refused, nowNs);
            return;
        }
        persistent = head.persistent();
        if (head.chunked())
        {
            consume(headLength);
            chunks = new ChunkedBody(loop.maxBodyBytes());
            state = CHUNKS;
            deadline(nowNs + loop.readTimeoutNs(), true);
            if (continued())
            {
                readChunks(nowNs);
            }
            return;
        }
        final int length = (int)Math.max(0, head.contentLength());
        body = loop.lendBody(length);
        bodyLength = length;
        prefetch = length >= HexPrefetch.MIN_DIGITS ? new HexPrefetch(body, length) : null;
        final int present = Math.min(inFill - headLength, length);
        System.arraycopy(in, headLength, body, 0, present);
        consume(headLength + present);
        if (prefetch != null)
        {
            prefetch.advance(present);
        }
        bodyView = ByteBuffer.wrap(body, 0, length).position(present);
        if (present == length)
        {
            call(nowNs);
            return;
        }
        state = BODY;
        deadline(nowNs + loop.readTimeoutNs(), true);
        if (continued())
        {
            readBody(nowNs);
        }
    }

    /**
     * Send the 100 Continue the client expects before its body, if it does.
     *
     * @return false when the connection closed instead.
     */
    private boolean continued() throws IOException
    {
        if (head.expectContinue())
        {
            out[0] = ByteBuffer.wrap(CONTINUE);
            out[1] = ByteBuffer.allocate(0);
            writeOut();
            if (pending())
            {
                // 25 bytes into a connection that has sent only a head: a client that takes none is gone.
                close();
                return false;
            }
            out[0] = null;
            out[1] = null;
        }
        interest(SelectionKey.OP_READ);
        return true;
    }

    private void readChunks(final long nowNs) throws IOException
    {
        while (true)
        {
            if (inFill > 0)
            {
                consume(chunks.feed(in, 0, inFill));
                if (chunks.refusal() != 0)
                {
                    final int status = chunks.refusal();
                    chunks = null;
                    refuse(CompletableFuture.completedFuture(new GatewayCalls.HttpAnswer(status, GatewayHandler.HTML,
                        "bad chunked body".getBytes(StandardCharsets.US_ASCII))), nowNs);
                    return;
                }
                if (chunks.done())
                {
                    body = chunks.body();
                    bodyLength = body.length;
                    chunks = null;
                    call(nowNs);
                    return;
                }
            }
            final int n = readInto(inView, inFill, in.length);
            if (n == 0)
            {
                if (inputEnded)
                {
                    // The client gave up in the middle of its body: nothing to answer.
                    close();
                }
                return;
            }
            inFill += n;
        }
    }

    private void readBody(final long nowNs) throws IOException
    {
        // Through the loop's direct buffer, then into the body array (the copy a heap read makes anyway).
        final ByteBuffer chunk = loop.readChunk();
        while (bodyView.hasRemaining())
        {
            chunk.clear().limit(Math.min(chunk.capacity(), bodyView.remaining()));
            final int n = channel.read(chunk);
            if (n < 0)
            {
                // The client gave up in the middle of its body: nothing to answer.
                close();
                return;
            }
            if (n == 0)
            {
                return;
            }
            bodyView.put(chunk.flip());
            if (prefetch != null)
            {
                prefetch.advance(bodyView.position());
            }
        }
        call(nowNs);
    }

    private void call(final long nowNs) throws IOException
    {
        state = CALL;
        interest(0);
        deadline(0, false);
        final byte[] request = body;
        final HexPrefetch hex = prefetch;
        body = null;
        bodyView = null;
        prefetch = null;
        CompletableFuture<GatewayCalls.HttpAnswer> answer;
        try
        {
            answer = loop.handler().answer(head, request, bodyLength, hex);
        }
        catch (final RuntimeException ex)
        {
            loop.onError(ex);
            answer = CompletableFuture.completedFuture(new GatewayCalls.HttpAnswer(500, GatewayHandler.HTML, new byte[0]));
        }
        finally
        {
            // The handler keeps nothing of the array past the call (GatewayCalls copies what dashd gets).
            loop.giveBackBody(request);
        }
        settle(answer, nowNs);
    }

    private void refuse(final CompletableFuture<GatewayCalls.HttpAnswer> answer, final long nowNs) throws IOException
    {
        state = CALL;
        interest(0);
        deadline(0, false);
        closeAfterAnswer = true;
        settle(answer, nowNs);
    }

    /** Answer now when the answer is there, else when it comes, on the loop. */
    private void settle(final CompletableFuture<GatewayCalls.HttpAnswer> answer, final long nowNs) throws IOException
    {
        if (answer.isDone() && !answer.isCompletedExceptionally())
        {
            answer(answer.join(), nowNs);
            return;
        }
        answer.whenComplete((a, ex) -> loop.execute(() ->
        {
            if (ex != null)
            {
                loop.onError(ex);
            }
            answer(ex != null ? new GatewayCalls.HttpAnswer(500, GatewayHandler.HTML, new byte[0]) : a, System.nanoTime());
        }, this));
    }

    private void answer(final GatewayCalls.HttpAnswer answer, final long nowNs) throws IOException
    {
        if (state == CLOSED)
        {
            return;
        }
        final boolean keep = persistent && !closeAfterAnswer && !loop.closing();
        out[0] = HttpAnswerHead.encode(answer, head.minorVersion(), keep);
        out[1] = ByteBuffer.wrap(answer.body());
        persistent = keep;
        state = WRITE;
        write(nowNs);
    }

    private void write(final long nowNs) throws IOException
    {
        writeOut();
        if (pending())
        {
            interest(SelectionKey.OP_WRITE);
            // A client that does not read its answer holds nothing for longer than the idle bound.
            deadline(nowNs + loop.idleTimeoutNs(), false);
            return;
        }
        out[0] = null;
        out[1] = null;
        if (closeAfterAnswer)
        {
            drain(nowNs);
        }
        else if (!persistent)
        {
            close();
        }
        else
        {
            state = HEAD;
            requestStarted = false;
            deadline(nowNs + loop.idleTimeoutNs(), false);
            interest(SelectionKey.OP_READ);
            if (key == null)
            {
                // In memory nothing signals the rest of the input: read it now.
                onReadable(nowNs);
            }
            else if (inFill > 0 || inputEnded)
            {
                onHeadBytes(nowNs);
            }
        }
    }

    private void drain(final long nowNs) throws IOException
    {
        if (inputEnded || !(channel instanceof SocketChannel))
        {
            close();
            return;
        }
        ((SocketChannel)channel).shutdownOutput();
        state = DRAIN;
        deadline(nowNs + loop.readTimeoutNs(), false);
        interest(SelectionKey.OP_READ);
    }

    private void writeOut() throws IOException
    {
        if (channel instanceof SocketChannel socket)
        {
            socket.write(out);
        }
        else
        {
            channel.write(out[0]);
            channel.write(out[1]);
        }
    }

    private boolean pending()
    {
        return out[0] != null && (out[0].hasRemaining() || out[1].hasRemaining());
    }

    private int readInto(final ByteBuffer view, final int from, final int to) throws IOException
    {
        int total = 0;
        view.limit(to).position(from);
        while (view.hasRemaining())
        {
            final int n = channel.read(view);
            if (n < 0)
            {
                inputEnded = true;
                break;
            }
            if (n == 0)
            {
                break;
            }
            total += n;
        }
        return total;
    }

    private void consume(final int bytes)
    {
        System.arraycopy(in, bytes, in, 0, inFill - bytes);
        inFill -= bytes;
    }

    private void deadline(final long ns, final boolean answers408)
    {
        deadlineNs = ns == 0 ? 0 : ns | 1;
        deadlineAnswers408 = answers408;
        if (ns != 0)
        {
            loop.onDeadline(deadlineNs);
        }
    }

    private void interest(final int ops)
    {
        if (key != null && key.isValid())
        {
            key.interestOps(ops);
        }
    }

    /**
     * Close the channel; idempotent.
     */
    void close()
    {
        if (state == CLOSED)
        {
            return;
        }
        state = CLOSED;
        deadlineNs = 0;
        dropBody();
        chunks = null;
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            // closing anyway
        }
        loop.onClosed(this);
    }

    /** A body cut off (time-out, close): its array goes back to the loop unread. */
    private void dropBody()
    {
        if (body != null)
        {
            loop.giveBackBody(body);
        }
        body = null;
        bodyView = null;
        prefetch = null;
    }
}
