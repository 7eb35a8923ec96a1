package io.dashcast.sim.regtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * Finds the Dash Core v22.1.1 binaries for {@link RegtestNode}: the directory named by the system
 * property {@code dashcast.dashd.dir} or the environment variable {@code DASHD_DIR}, else
 * {@code dashd} on the {@code PATH}, else the bundle in {@code ../shared/dashd} unpacked by its
 * {@code install.sh} (searched upwards from the working directory).
 */
public final class DashdBinaries
{
    private static volatile Path cached;

    private DashdBinaries()
    {
    }

    /**
     * @return whether a dashd can be found.
     */
    public static boolean available()
    {
        try
        {
            dashd();
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /**
     * @return the dashd executable.
     * @throws IOException when none can be found.
     */
    public static Path dashd() throws IOException
    {
        Path found = cached;
        if (found == null)
        {
            found = locate();
            cached = found;
        }
        return found;
    }

    private static Path locate() throws IOException
    {
        final String configured = System.getProperty("dashcast.dashd.dir", System.getenv("DASHD_DIR"));
        if (configured != null && !configured.isBlank())
        {
            return executable(Paths.get(configured).resolve("dashd"));
        }
        final String path = System.getenv("PATH");
        if (path != null)
        {
            for (final String dir : path.split(":"))
            {
                final Path candidate = Paths.get(dir, "dashd");
                if (Files.isExecutable(candidate))
                {
                    return candidate;
                }
            }
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent())
        {
            final Path install = dir.resolve("shared").resolve("dashd").resolve("install.sh");
            if (Files.isExecutable(install))
            {
                return executable(runInstall(install).resolve("dashd"));
            }
        }
        throw new IOException("dashd not found: set DASHD_DIR, put dashd on the PATH, or keep ../shared/dashd");
    }

    private static Path runInstall(final Path install) throws IOException
    {
        final Process process = new ProcessBuilder("bash", install.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try
        {
            final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0 || out.isEmpty())
            {
                throw new IOException(install + " failed");
            }
            final String[] lines = out.split("\n");
            return Paths.get(lines[lines.length - 1].trim());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + install, ex);
        }
    }

    private static Path executable(final Path candidate) throws IOException
    {
        if (!Files.isExecutable(candidate))
        {
            throw new IOException("not an executable dashd: " + candidate);
        }
        return candidate;
    }
}
