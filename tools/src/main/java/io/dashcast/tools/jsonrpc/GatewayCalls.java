package io.dashcast.tools.jsonrpc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.dashcast.engine.Submission;
import io.dashcast.engine.dashd.DashdRpcClient;
import org.agrona.ErrorHandler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Turns one authenticated request into its answer: what dashd says for everything dashd handles,
 * passed through unchanged (body, error, HTTP status), and dashcast's own answer for
 * {@code submitblock} with a block and for {@code dashcast_submitblock}.
 * <p>
 * A body without such a call goes to dashd as it came. A batch that holds one is split only
 * around it: the calls between run as sub-batches, strictly in order (a {@code getblock} after a
 * {@code submitblock} sees the block), and the answers come back in request order in one array.
 * Nothing here waits on a thread: every step is a future (long-polls included).
 */
final class GatewayCalls
{
    /** The whole HTTP answer. */
    record HttpAnswer(int status, String contentType, byte[] body)
    {
    }

    private static final String JSON_TYPE = "application/json";

    private final DashdRpcClient dashd;
    private final BlockSink sink;
    private final ErrorHandler errorHandler;
    private final TemplateBits templateBits = new TemplateBits();

    GatewayCalls(final DashdRpcClient dashd, final BlockSink sink, final ErrorHandler errorHandler)
    {
        this.dashd = dashd;
        this.sink = sink;
        this.errorHandler = errorHandler;
    }

    /**
     * @return the bits dashd's templates said, per parent (tests).
     */
    TemplateBits templateBits()
    {
        return templateBits;
    }

    /**
     * The answer to a body held in the first {@code length} bytes of an array that is only lent for
     * this call (the gateway reads the next large body into it): whatever must outlive the call, the
     * bytes forwarded to dashd, is copied out; the block goes on in its own array.
     *
     * @param path     the request path.
     * @param body     the array holding the request body.
     * @param length   the body's bytes.
     * @param prefetch the block hex the body reader decoded as the body arrived, or null.
     * @param dryRun   true for the gateway's own warm-up requests: each block goes to
     *                 {@link BlockSink#dryRun}, never to a peer or dashd.
     * @return the answer to send.
     */
    CompletableFuture<HttpAnswer> answer(
        final String path, final byte[] body, final int length, final HexPrefetch prefetch, final boolean dryRun)
    {
        final boolean rpcPath = "/".equals(path) || path.startsWith("/wallet/");
        final RequestScan scan = rpcPath ? RequestScan.scan(body, length, prefetch) : null;
        if (scan == null || scan.shape == RequestScan.OPAQUE || !scan.anyIntercepted())
        {
            return forwardWhole(path, Arrays.copyOf(body, length), scan);
        }
        if (scan.shape == RequestScan.SINGLE)
        {
            return own(scan.entries.get(0), dryRun).thenApply(reply -> new HttpAnswer(reply.httpStatus(), JSON_TYPE, reply.body()));
        }
        // Its runs for dashd are written out after earlier calls are answered: from a copy.
        return batch(path, Arrays.copyOf(body, length), scan.entries, dryRun);
    }

    private CompletableFuture<HttpAnswer> forwardWhole(final String path, final byte[] body, final RequestScan scan)
    {
        final boolean template = scan != null && scan.shape == RequestScan.SINGLE &&
            "getblocktemplate".equals(scan.entries.get(0).method());
        return dashd.forward(path, body, false)
            .thenApply(a ->
            {
                if (template && a.status() == 200)
                {
                    templateBits.observe(a.body());
                }
                return new HttpAnswer(a.status(), a.contentType(), a.body());
            })
            .exceptionally(ex ->
            {
                final String idJson = scan != null && scan.shape == RequestScan.SINGLE ? scan.entries.get(0).idJson() : "null";
                final Reply reply = unreachable(ex, idJson);
                return new HttpAnswer(reply.httpStatus(), JSON_TYPE, reply.body());
            });
    }

    private CompletableFuture<HttpAnswer> batch(
        final String path, final byte[] body, final List<RequestScan.Entry> entries, final boolean dryRun)
    {
        final List<String> answers = new ArrayList<>(entries.size());
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        int i = 0;
        while (i < entries.size())
        {
            if (entries.get(i).intercepted())
            {
                final RequestScan.Entry entry = entries.get(i);
                chain = chain.thenCompose(ignore -> own(entry, dryRun)).thenAccept(reply -> answers.add(reply.json()));
                i++;
                continue;
            }
            int j = i;
            while (j < entries.size() && !entries.get(j).intercepted())
            {
                j++;
            }
            final List<RequestScan.Entry> run = entries.subList(i, j);
            chain = chain.thenCompose(ignore -> subBatch(path, body, run)).thenAccept(answers::addAll);
            i = j;
        }
        return chain.thenApply(ignore ->
        {
            final StringBuilder out = new StringBuilder(answers.size() * 64).append('[');
            for (int k = 0; k < answers.size(); k++)
            {
                out.append(k == 0 ? "" : ",").append(answers.get(k));
            }
            return new HttpAnswer(200, JSON_TYPE, out.append("]\n").toString().getBytes(StandardCharsets.UTF_8));
        });
    }

    /**
     * Send a run of calls to dashd as a batch of their exact bytes and split its array answer.
     */
    private CompletableFuture<List<String>> subBatch(final String path, final byte[] body, final List<RequestScan.Entry> run)
    {
        final ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write('[');
        for (int k = 0; k < run.size(); k++)
        {
            if (k > 0)
            {
                request.write(',');
            }
            request.write(body, run.get(k).start(), run.get(k).end() - run.get(k).start());
        }
        request.write(']');
        return dashd.forward(path, request.toByteArray(), false)
            .thenApply(answer -> split(answer.body(), run))
            .exceptionally(ex ->
            {
                final List<String> failed = new ArrayList<>();
                run.forEach(entry -> failed.add(unreachable(ex, entry.idJson()).json()));
                return failed;
            });
    }

    private static List<String> split(final byte[] answer, final List<RequestScan.Entry> run)
    {
        final List<String> elements = new ArrayList<>(run.size());
        try (JsonParser parser = RequestScan.JSON.getFactory().createParser(answer))
        {
            if (parser.nextToken() == JsonToken.START_ARRAY)
            {
                while (parser.nextToken() != JsonToken.END_ARRAY)
                {
                    final int start = (int)parser.currentTokenLocation().getByteOffset();
                    parser.skipChildren();
                    final int end = (int)parser.currentLocation().getByteOffset();
                    elements.add(new String(answer, start, end - start, StandardCharsets.UTF_8));
                }
            }
        }
        catch (final IOException ex)
        {
            elements.clear();
        }
        if (elements.size() != run.size())
        {
            final String text = new String(answer, StandardCharsets.UTF_8).trim();
            elements.clear();
            run.forEach(entry -> elements.add(Reply.error(SubmitBlockAnswer.RPC_MISC_ERROR,
                "dashcast: unexpected batch answer from dashd: " + abbreviate(text), entry.idJson()).json()));
        }
        return elements;
    }

    private CompletableFuture<Reply> own(final RequestScan.Entry entry, final boolean dryRun)
    {
        if (entry.block() == null)
        {
            // dashcast_submitblock without a hex block: dashd's wording for submitblock.
            return CompletableFuture.completedFuture(Reply.error(SubmitBlockAnswer.RPC_MISC_ERROR,
                "dashcast_submitblock \"hexdata\"", entry.idJson()));
        }
        final long expectedBits = dryRun ? -1 : templateBits.mismatch(entry.block());
        if (expectedBits >= 0)
        {
            // Bits other than the template's for this parent: bad-diffbits, 100 points at every peer.
            errorHandler.onError(new IllegalArgumentException(String.format(
                "submitblock refused, sent nowhere: bits %08x but the template for its parent said %08x (bad-diffbits)",
                TemplateBits.bitsOf(entry.block()), expectedBits)));
            return CompletableFuture.completedFuture(Reply.result("\"bad-diffbits\"", entry.idJson()));
        }
        try
        {
            // The gateway's own warm-up: the same answer code on a submission that went nowhere.
            final Submission submission = dryRun ? sink.dryRun(entry.block(), entry.blockLength()) :
                sink.submit(entry.block(), entry.blockLength());
            if (submission == null)
            {
                return CompletableFuture.completedFuture(Reply.result("null", entry.idJson()));
            }
            if ("dashcast_submitblock".equals(entry.method()))
            {
                return submission.done().thenApply(done -> Reply.result(sink.reportJson(done), entry.idJson()));
            }
            return SubmitBlockAnswer.of(submission, entry.idJson(), dashd);
        }
        catch (final RuntimeException ex)
        {
            errorHandler.onError(ex);
            return CompletableFuture.completedFuture(Reply.error(SubmitBlockAnswer.RPC_MISC_ERROR,
                "internal error: " + ex.getClass().getSimpleName(), entry.idJson()));
        }
    }

    private static Reply unreachable(final Throwable ex, final String idJson)
    {
        final Throwable cause = ex instanceof CompletionException && ex.getCause() != null ? ex.getCause() : ex;
        final String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return Reply.error(SubmitBlockAnswer.RPC_MISC_ERROR, "dashcast: local dashd unreachable: " + why, idJson);
    }

    private static String abbreviate(final String text)
    {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
