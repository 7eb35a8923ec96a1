package io.dashcast.tools.peers;

import com.fasterxml.jackson.databind.JsonNode;
import io.dashcast.engine.peers.PeerSource;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads candidate peers out of the local dashd's answers: {@code getpeerinfo} (its outbound
 * peers, whose address is where they listen), {@code getnodeaddresses 0} (its address manager),
 * {@code protx list valid true} (masternodes: long-lived, well connected, the LLMQ members that
 * sign ChainLocks) and {@code quorum info} (the members of the current ChainLock quorum).
 * <p>
 * dashd's address manager keeps only routable addresses, so on a loopback-only test network
 * {@code getnodeaddresses} is empty and {@code getpeerinfo} is what finds the other nodes.
 */
public final class DashdDiscovery
{
    /**
     * A peer dashd told us of.
     *
     * @param host         address.
     * @param port         P2P port.
     * @param source       which answer.
     * @param masternode   on the masternode list.
     * @param quorumMember in the ChainLock quorum.
     */
    public record Found(String host, int port, PeerSource source, boolean masternode, boolean quorumMember)
    {
    }

    private DashdDiscovery()
    {
    }

    /**
     * @param peerInfo the {@code getpeerinfo} result.
     * @return its outbound peers (an inbound peer's address is an ephemeral port, not a listener).
     */
    public static List<Found> fromPeerInfo(final JsonNode peerInfo)
    {
        final List<Found> found = new ArrayList<>();
        for (final JsonNode peer : peerInfo)
        {
            if (!peer.path("inbound").asBoolean(true))
            {
                addService(found, peer.path("addr").asText(""), PeerSource.DASHD_PEERS, false, false);
            }
        }
        return found;
    }

    /**
     * @param nodeAddresses the {@code getnodeaddresses} result.
     * @return the addresses on IPv4, IPv6, Tor and I2P.
     */
    public static List<Found> fromNodeAddresses(final JsonNode nodeAddresses)
    {
        final List<Found> found = new ArrayList<>();
        for (final JsonNode a : nodeAddresses)
        {
            final String host = a.path("address").asText("");
            final int port = a.path("port").asInt(0);
            if (!host.isEmpty() && port > 0 && port < 65536)
            {
                found.add(new Found(host, port, PeerSource.DASHD_ADDRESSES, false, false));
            }
        }
        return found;
    }

    /**
     * @param protxList the {@code protx list valid true} result.
     * @param quorum    the {@code quorum info} result of the ChainLock quorum, or null.
     * @return every valid masternode's service address, quorum members marked.
     */
    public static List<Found> fromMasternodes(final JsonNode protxList, final JsonNode quorum)
    {
        final List<String> members = new ArrayList<>();
        if (quorum != null)
        {
            for (final JsonNode m : quorum.path("members"))
            {
                if (m.path("valid").asBoolean(true))
                {
                    members.add(m.path("service").asText(""));
                }
            }
        }
        final List<Found> found = new ArrayList<>();
        for (final JsonNode mn : protxList)
        {
            final String service = mn.path("state").path("service").asText("");
            addService(found, service, PeerSource.MASTERNODE, true, members.contains(service));
        }
        return found;
    }

    private static void addService(
        final List<Found> found, final String service, final PeerSource source, final boolean mn, final boolean quorum)
    {
        final int colon = service.lastIndexOf(':');
        if (colon <= 0)
        {
            return;
        }
        String host = service.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]"))
        {
            host = host.substring(1, host.length() - 1);
        }
        try
        {
            final int port = Integer.parseInt(service.substring(colon + 1));
            if (port > 0 && port < 65536 && !host.isEmpty() && !"0.0.0.0".equals(host))
            {
                found.add(new Found(host, port, source, mn, quorum));
            }
        }
        catch (final NumberFormatException ignore)
        {
            // Not host:port: dashd never answers so, and a candidate we cannot dial is no loss.
        }
    }
}
