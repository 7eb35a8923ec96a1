package io.dashcast.tools;

import io.dashcast.protocol.BlockView;
import io.dashcast.protocol.ProtocolError;
import io.dashcast.protocol.ProtocolException;
import io.dashcast.protocol.Sha256d;
import io.dashcast.protocol.X11;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code dashcast decode FILE|-}: read one serialized block (hex or raw bytes) and print its
 * header fields, whether its merkle root matches its transactions, and its txids as JSON.
 * <p>
 * A block that does not parse exactly (truncated, trailing bytes, impossible counts) is a
 * {@link BadInputException}. A block that parses but whose transactions do not hash to its merkle
 * root still has its JSON printed (it shows both roots), then the mismatch is reported as an
 * error, so the exit status is {@value DashcastMain#EXIT_BAD_INPUT} either way.
 */
@Command(
    name = "decode",
    mixinStandardHelpOptions = true,
    description = {
        "Decode a serialized Dash block and print it as JSON.",
        "Exit status 2 on bad input: not hex, odd length, truncated block, trailing bytes, merkle mismatch." })
public final class DecodeCommand implements Callable<Integer>
{
    @Parameters(
        index = "0",
        paramLabel = "FILE|-",
        description = "Block as hex text (whitespace ignored) or raw bytes; '-' reads standard input.")
    private String file;

    @ParentCommand
    private DashcastMain parent;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call()
    {
        final byte[] bytes = BlockInput.read(file, parent.stdin());
        final BlockView block = new BlockView();
        try
        {
            block.wrap(new UnsafeBuffer(bytes), 0, bytes.length);
        }
        catch (final ProtocolException ex)
        {
            throw new BadInputException(describe(ex));
        }
        final BlockSummary summary = BlockSummary.of(block, new X11(), new Sha256d());
        final PrintWriter out = spec.commandLine().getOut();
        out.print(summary.toJson());
        out.flush();
        if (!summary.merkleRootValid())
        {
            throw new BadInputException("merkle root mismatch: header has " + summary.merkleRoot()
                + ", transactions hash to " + summary.computedMerkleRoot());
        }
        return DashcastMain.EXIT_OK;
    }

    private static String describe(final ProtocolException ex)
    {
        final ProtocolError error = ex.error();
        switch (error)
        {
            case TRUNCATED_PAYLOAD:
                return "truncated block (" + ex.getMessage() + ")";
            case TRAILING_BYTES:
                return "trailing bytes after the block (" + ex.getMessage() + ")";
            default:
                return "malformed block (" + ex.getMessage() + ")";
        }
    }
}
