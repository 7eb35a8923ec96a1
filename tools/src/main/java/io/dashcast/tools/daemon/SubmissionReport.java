package io.dashcast.tools.daemon;

import io.dashcast.engine.BroadcastReceipt;
import io.dashcast.engine.PeerOutcome;
import io.dashcast.engine.Submission;
import io.dashcast.engine.dashd.SubmitBlockResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What happened to one submitted block on every path: the multi-peer P2P broadcast (its receipt,
 * or why it was refused), the local dashd over P2P (its peer in the receipt), and the local
 * dashd's RPC {@code submitblock} answer.
 *
 * @param blockHash     display-order hash.
 * @param sizeBytes     block size.
 * @param source        how the block came in: api, rpc, shm.
 * @param receipt       P2P receipt, or null when P2P was off or refused the block.
 * @param p2pRefusal    why P2P refused the block, or null.
 * @param localPeerName the configured peer taken as the local dashd's P2P port, or null.
 * @param rpc           the dashd RPC answer, or null when the fallback is disabled.
 * @param totalNs       submission until every path had answered.
 * @param duplicate     true when the block had been submitted before: this is the first one's report.
 */
public record SubmissionReport(
    String blockHash, int sizeBytes, String source, BroadcastReceipt receipt, String p2pRefusal,
    String localPeerName, SubmitBlockResult rpc, long totalNs, boolean duplicate)
{
    /**
     * @param submission    a completed submission.
     * @param source        how it came in.
     * @param localPeerName the local dashd's peer, or null.
     */
    public SubmissionReport(final Submission submission, final String source, final String localPeerName)
    {
        this(submission.hash(), submission.sizeBytes(), source, submission.receipt(), submission.p2pRefusal(),
            localPeerName, submission.rpcResult(), submission.totalNs(), submission.duplicate());
    }

    /**
     * @return true when at least one peer acknowledged the block (a hand-off alone proves nothing:
     * a peer that drops the connection on the block took every byte first).
     */
    public boolean p2pSucceeded()
    {
        return receipt != null && receipt.ackCount() > 0;
    }

    /**
     * @return true when dashd rejected the block (a BIP22 reason or an RPC error about the block).
     */
    public boolean rejected()
    {
        return rpc != null && (rpc.status() == SubmitBlockResult.Status.REJECTED ||
            rpc.status() == SubmitBlockResult.Status.RPC_ERROR);
    }

    /**
     * @return the local dashd's P2P result, or null when no peer is taken as local.
     */
    public BroadcastReceipt.PeerResult localPeer()
    {
        if (receipt == null || localPeerName == null)
        {
            return null;
        }
        return receipt.peers().stream().filter(p -> p.name().equals(localPeerName)).findFirst().orElse(null);
    }

    /**
     * @return true when the local dashd's RPC has the block (accepted or duplicate).
     */
    public boolean rpcSucceeded()
    {
        return rpc != null && rpc.dashdHasBlock();
    }

    /**
     * @return true when any path got the block out.
     */
    public boolean anySucceeded()
    {
        return p2pSucceeded() || rpcSucceeded();
    }

    /**
     * @return a JSON-ready tree (maps, lists, strings, numbers, booleans).
     */
    public Map<String, Object> toJsonTree()
    {
        final Map<String, Object> root = new LinkedHashMap<>();
        root.put("hash", blockHash);
        root.put("size", sizeBytes);
        root.put("source", source);
        root.put("success", anySucceeded() && !rejected());
        root.put("duplicate", duplicate);
        final Map<String, Object> p2p = new LinkedHashMap<>();
        p2p.put("success", p2pSucceeded());
        if (p2pRefusal != null)
        {
            p2p.put("refused", p2pRefusal);
        }
        if (receipt != null)
        {
            p2p.put("peers_reached", receipt.handoffCount());
            p2p.put("peers_acked", receipt.ackCount());
            final List<Object> peers = new ArrayList<>();
            for (final BroadcastReceipt.PeerResult p : receipt.peers())
            {
                final Map<String, Object> peer = new LinkedHashMap<>();
                peer.put("name", p.name());
                peer.put("priority", p.priority().name().toLowerCase());
                peer.put("outcome", p.outcome().name().toLowerCase());
                peer.put("failure", p.failure().name().toLowerCase());
                peer.put("header_only", p.headerOnly());
                peer.put("frame", p.frame() == null ? "none" : p.frame().name().toLowerCase());
                peer.put("reason", p.reason() == null ? "none" : p.reason().name().toLowerCase());
                peer.put("handoff_us", p.handoffNs() < 0 ? -1 : p.handoffNs() / 1000.0);
                peer.put("ack_us", p.ackNs() < 0 ? -1 : p.ackNs() / 1000.0);
                peer.put("announced_us", p.announcedNs() < 0 ? -1 : p.announcedNs() / 1000.0);
                peer.put("have_us", p.haveNs() < 0 ? -1 : p.haveNs() / 1000.0);
                peers.add(peer);
            }
            p2p.put("peers", peers);
            // Network propagation: until 50/90/100 % of the peers connected at submit had the block
            // (ack or their own announcement of it), -1 when that share never did.
            final Map<String, Object> propagation = new LinkedHashMap<>();
            for (final int percent : new int[] {50, 90, 100})
            {
                final long ns = receipt.propagationNs(percent);
                propagation.put("p" + percent + "_us", ns < 0 ? -1 : ns / 1000.0);
            }
            p2p.put("propagation", propagation);
        }
        root.put("multi_peer_p2p", p2p);
        final BroadcastReceipt.PeerResult local = localPeer();
        final Map<String, Object> localP2p = new LinkedHashMap<>();
        localP2p.put("peer", localPeerName == null ? "none" : localPeerName);
        localP2p.put("success", local != null && acked(local));
        root.put("local_p2p", localP2p);
        final Map<String, Object> localRpc = new LinkedHashMap<>();
        localRpc.put("enabled", rpc != null);
        if (rpc != null)
        {
            localRpc.put("success", rpc.dashdHasBlock());
            localRpc.put("status", rpc.status().name().toLowerCase());
            localRpc.put("reason", rpc.reason() == null ? "" : rpc.reason());
            localRpc.put("elapsed_us", rpc.elapsedNs() / 1000.0);
        }
        root.put("local_rpc", localRpc);
        root.put("total_us", totalNs / 1000.0);
        return root;
    }

    static boolean acked(final BroadcastReceipt.PeerResult p)
    {
        return p.outcome() == PeerOutcome.ACKED;
    }
}
