package io.dashcast.bench.harness;

/**
 * One delivery reported by the receiver process (a parsed {@code D} line); reused per sample.
 */
public final class Delivery
{
    public long sample = -1;
    public long firstPeerNs;
    public long lastPeerNs;
    public long firstHandoffNs;
    public long lastHandoffNs;

    /**
     * @param line a line from the receiver process.
     * @return true if it was a delivery line and this now holds it.
     * @throws HarnessException if it starts like one but is malformed.
     */
    boolean parse(final String line)
    {
        if (!line.startsWith("D "))
        {
            return false;
        }
        final String[] words = line.split(" ");
        if (words.length != 6)
        {
            throw new HarnessException("malformed delivery line from the receiver: " + line);
        }
        try
        {
            sample = Long.parseLong(words[1]);
            firstPeerNs = Long.parseLong(words[2]);
            lastPeerNs = Long.parseLong(words[3]);
            firstHandoffNs = Long.parseLong(words[4]);
            lastHandoffNs = Long.parseLong(words[5]);
        }
        catch (final NumberFormatException ex)
        {
            throw new HarnessException("malformed delivery line from the receiver: " + line);
        }
        return true;
    }
}
