package io.dashcast.protocol.message;

import io.dashcast.protocol.ProtocolError;
import io.dashcast.protocol.ProtocolException;

/**
 * Shared bound checks for payload flyweights, so every decoder reports truncation and trailing
 * bytes the same way.
 */
final class PayloadBounds
{
    private PayloadBounds()
    {
    }

    static void require(final String message, final int length, final int needed)
    {
        if (length < needed)
        {
            throw new ProtocolException(ProtocolError.TRUNCATED_PAYLOAD,
                message + " needs " + needed + " bytes, has " + length);
        }
    }

    static void exact(final String message, final int length, final int expected)
    {
        require(message, length, expected);
        if (length > expected)
        {
            throw new ProtocolException(ProtocolError.TRAILING_BYTES,
                message + " of " + expected + " bytes followed by " + (length - expected));
        }
    }
}
