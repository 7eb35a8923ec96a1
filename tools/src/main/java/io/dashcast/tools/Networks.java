package io.dashcast.tools;

import io.dashcast.protocol.Network;

/**
 * Turns {@code --network} values into a {@link Network}, with a one-line error naming the choices.
 */
final class Networks
{
    private Networks()
    {
    }

    static Network parse(final String name)
    {
        try
        {
            return Network.fromName(name);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new BadInputException(ex.getMessage());
        }
    }
}
