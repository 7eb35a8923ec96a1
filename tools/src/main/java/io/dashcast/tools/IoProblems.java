package io.dashcast.tools;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Says why a file operation failed, in words a user can act on. The JDK's file exceptions carry
 * only the path as their message ({@code AccessDeniedException: /home/pool/.dashcast/.cookie.tmp}),
 * which reads as if the path were the problem.
 */
final class IoProblems
{
    private IoProblems()
    {
    }

    /**
     * @param cause what the file system threw, or null.
     * @return {@code ": <why>: fix: <what to do>"}, or "" when nothing more is known.
     */
    static String why(final Throwable cause)
    {
        if (!(cause instanceof IOException))
        {
            return "";
        }
        final String path = cause instanceof FileSystemException && ((FileSystemException)cause).getFile() != null ?
            ((FileSystemException)cause).getFile() : "the file";
        if (cause instanceof AccessDeniedException)
        {
            return ": permission denied on " + path + " for user " + System.getProperty("user.name") +
                ": fix: make its directory writable by this user, or give --rpc-cookie FILE in a directory it owns, " +
                "or use --rpc-user/--rpc-password";
        }
        if (cause instanceof FileAlreadyExistsException || cause instanceof NotDirectoryException)
        {
            return ": " + path + " exists and is not a directory: fix: remove it or give --rpc-cookie FILE elsewhere";
        }
        if (cause instanceof NoSuchFileException)
        {
            return ": " + path + " does not exist and could not be created: fix: create the directory or give " +
                "--rpc-cookie FILE elsewhere";
        }
        if (cause instanceof FileSystemException && ((FileSystemException)cause).getReason() != null)
        {
            return ": " + ((FileSystemException)cause).getReason().toLowerCase(java.util.Locale.ROOT) + " (" + path +
                "): fix: give --rpc-cookie FILE on a writable file system";
        }
        return ": " + cause.getClass().getSimpleName();
    }
}
