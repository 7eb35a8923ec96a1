package io.dashcast.engine.peers;

/**
 * The network group of an address, as Dash Core groups peers for diversity: IPv4 by /16, IPv6 by
 * /32, Tor and I2P each their own group, a name that is not an address by the name itself.
 * At most k connected peers share a group, so one operator or one hosting subnet cannot hold the
 * whole set. Loopback and private (RFC 1918) addresses are the operator's own machines, not the
 * internet's diversity: they form groups of their own ({@code local:HOST}) to which the cap does not apply ({@link #capped}).
 */
public final class NetGroup
{
    private NetGroup()
    {
    }

    /**
     * @param host an IPv4 or IPv6 literal, a {@code .onion} or {@code .i2p} name, or a host name.
     * @return the group key, e.g. {@code ipv4:198.51}, {@code ipv6:2001:0db8}, {@code onion}.
     */
    public static String of(final String host)
    {
        final String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        final String lower = h.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".onion"))
        {
            return "onion";
        }
        if (lower.endsWith(".i2p"))
        {
            return "i2p";
        }
        if (isLocal(lower))
        {
            return "local:" + lower;
        }
        if (isIpv4(lower))
        {
            final int second = lower.indexOf('.', lower.indexOf('.') + 1);
            return "ipv4:" + lower.substring(0, second);
        }
        if (lower.indexOf(':') >= 0)
        {
            return "ipv6:" + ipv6Prefix32(lower);
        }
        return "name:" + lower;
    }

    /**
     * @param group a group from {@link #of(String)}.
     * @return whether the per-group cap applies (not to the operator's own loopback or private machines).
     */
    public static boolean capped(final String group)
    {
        return !group.startsWith("local:");
    }

    private static boolean isLocal(final String h)
    {
        if ("localhost".equals(h) || "::1".equals(h) || h.startsWith("127.") && isIpv4(h))
        {
            return true;
        }
        if (!isIpv4(h))
        {
            return false;
        }
        final String[] octets = h.split("\\.");
        final int a = Integer.parseInt(octets[0]);
        final int b = Integer.parseInt(octets[1]);
        return a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168);
    }

    private static boolean isIpv4(final String h)
    {
        int dots = 0;
        int digits = 0;
        for (int i = 0; i < h.length(); i++)
        {
            final char c = h.charAt(i);
            if (c == '.')
            {
                if (digits == 0)
                {
                    return false;
                }
                dots++;
                digits = 0;
            }
            else if (c >= '0' && c <= '9' && ++digits <= 3)
            {
                continue;
            }
            else
            {
                return false;
            }
        }
        return dots == 3 && digits > 0;
    }

    private static String ipv6Prefix32(final String h)
    {
        final String[] parts = h.split(":", -1);
        final String first = parts.length > 0 && !parts[0].isEmpty() ? parts[0] : "0";
        final String second = parts.length > 1 && !parts[1].isEmpty() && !h.startsWith("::") ? parts[1] : "0";
        return pad4(first) + ":" + pad4(second);
    }

    private static String pad4(final String s)
    {
        return "0000".substring(Math.min(4, s.length())) + s;
    }
}
