package io.dashcast.tools.jsonrpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Cookie authentication as dashd does it: 32 random bytes in hex as the password of user
 * {@code __cookie__}, written as {@code __cookie__:<hex>} to a file only its owner can read
 * (mode 0600), through a temporary file and a rename so no reader sees half a cookie. The file
 * is removed on {@link #delete()}. A pool reads it like dashd's {@code .cookie}.
 */
public final class RpcCookie
{
    /** The user name of cookie authentication. */
    public static final String COOKIE_USER = "__cookie__";

    private final Path file;
    private final String userColonPassword;

    private RpcCookie(final Path file, final String userColonPassword)
    {
        this.file = file;
        this.userColonPassword = userColonPassword;
    }

    /**
     * Generate a fresh cookie and write it.
     *
     * @param file where to write it; parent directories are created (mode 0700).
     * @return the cookie.
     * @throws UncheckedIOException with a one-line message when the file cannot be written.
     */
    public static RpcCookie generate(final Path file)
    {
        final byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        final String content = COOKIE_USER + ":" + HexFormat.of().formatHex(secret);
        final Path absolute = file.toAbsolutePath();
        final Path tmp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        try
        {
            final boolean posix = absolute.getFileSystem().supportedFileAttributeViews().contains("posix");
            final Path parent = absolute.getParent();
            if (parent != null && !Files.isDirectory(parent))
            {
                if (posix)
                {
                    Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                }
                else
                {
                    Files.createDirectories(parent);
                }
            }
            Files.deleteIfExists(tmp);
            if (posix)
            {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(tmp, content, StandardCharsets.US_ASCII);
            Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write rpc cookie file " + absolute + ": " + ex.getMessage(), ex);
        }
        return new RpcCookie(absolute, content);
    }

    /**
     * @return the cookie file.
     */
    public Path file()
    {
        return file;
    }

    /**
     * @return {@code __cookie__:<hex>}, the credentials a client sends.
     */
    public String userColonPassword()
    {
        return userColonPassword;
    }

    /**
     * Remove the cookie file if it still holds this cookie (dashd does the same on shutdown).
     */
    public void delete()
    {
        try
        {
            if (Files.isRegularFile(file) && userColonPassword.equals(Files.readString(file, StandardCharsets.US_ASCII)))
            {
                Files.delete(file);
            }
        }
        catch (final IOException ex)
        {
            // Best effort: a stale cookie is useless once this process has stopped listening.
        }
    }
}
