package io.dashcast.sim;

import io.dashcast.protocol.Hashes;
import io.dashcast.protocol.Network;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.dashcast.protocol.BlockView.HEADER_LENGTH;

/**
 * The simulated node's block index: every header it knows (hash → header, height, chain work,
 * block bytes if it has them) and its best chain. The best chain is the most-work chain whose
 * blocks all have data, first seen winning ties, as Dash Core picks its tip. Work is computed from
 * each header's nBits ({@code GetBlockProof}).
 * <p>
 * Mutated only by the node's thread; the public getters are safe from any thread (every method
 * holds this object's monitor, which the node thread takes uncontended).
 */
public final class SimChain
{
    /** Median time past spans the last 11 blocks. */
    private static final int MEDIAN_TIME_SPAN = 11;

    /** One block index entry. */
    static final class Entry
    {
        final HashKey key;
        final byte[] header;
        final int height;
        final Entry parent;
        final BigInteger chainWork;
        final List<Entry> children = new ArrayList<>(1);
        byte[] block;

        Entry(final HashKey key, final byte[] header, final Entry parent)
        {
            this.key = key;
            this.header = header;
            this.parent = parent;
            this.height = parent == null ? 0 : parent.height + 1;
            final BigInteger work = TestBlocks.work(TestBlocks.bits(header));
            this.chainWork = parent == null ? work : parent.chainWork.add(work);
        }

        byte[] hash()
        {
            return key.bytes();
        }

        long time()
        {
            return TestBlocks.time(header);
        }

        long bits()
        {
            return TestBlocks.bits(header);
        }

        boolean hasData()
        {
            return block != null;
        }
    }

    private final Network network;
    private final Map<HashKey, Entry> index = new HashMap<>();
    private final ArrayList<Entry> active = new ArrayList<>();

    SimChain(final Network network)
    {
        this.network = network;
        final byte[] genesis = TestBlocks.genesis(network);
        final Entry entry = new Entry(new HashKey(TestBlocks.hash(genesis)), TestBlocks.header(genesis), null);
        entry.block = genesis;
        index.put(entry.key, entry);
        active.add(entry);
    }

    /**
     * @return the network whose genesis roots this chain.
     */
    public Network network()
    {
        return network;
    }

    /**
     * @return height of the best tip.
     */
    public synchronized int height()
    {
        return active.size() - 1;
    }

    /**
     * @return hash of the best tip (internal order, a copy).
     */
    public synchronized byte[] tipHash()
    {
        return tip().hash().clone();
    }

    /**
     * @return hash of the best tip in display order.
     */
    public synchronized String tipHashHex()
    {
        return Hashes.toDisplayHex(tip().hash(), 0);
    }

    /**
     * @return the best tip's 80-byte header (a copy).
     */
    public synchronized byte[] tipHeader()
    {
        return tip().header.clone();
    }

    /**
     * @param hash block hash, internal order.
     * @return true when the header is known (with or without block data).
     */
    public synchronized boolean contains(final byte[] hash)
    {
        return index.containsKey(new HashKey(hash));
    }

    /**
     * @param hash block hash, internal order.
     * @return true when the node has the block's data.
     */
    public synchronized boolean hasBlock(final byte[] hash)
    {
        final Entry entry = index.get(new HashKey(hash));
        return entry != null && entry.hasData();
    }

    /**
     * @param hash block hash, internal order.
     * @return its height, or -1 when unknown.
     */
    public synchronized int heightOf(final byte[] hash)
    {
        final Entry entry = index.get(new HashKey(hash));
        return entry == null ? -1 : entry.height;
    }

    /**
     * @param hash block hash, internal order.
     * @return true when the block is on the best chain.
     */
    public synchronized boolean isOnBestChain(final byte[] hash)
    {
        final Entry entry = index.get(new HashKey(hash));
        return entry != null && isActive(entry);
    }

    /**
     * @param hash block hash, internal order.
     * @return a copy of the block bytes, or null when the node lacks them.
     */
    public synchronized byte[] block(final byte[] hash)
    {
        final Entry entry = index.get(new HashKey(hash));
        return entry == null || entry.block == null ? null : entry.block.clone();
    }

    /**
     * @param hash block hash, internal order.
     * @return a copy of the 80-byte header, or null when unknown.
     */
    public synchronized byte[] header(final byte[] hash)
    {
        final Entry entry = index.get(new HashKey(hash));
        return entry == null ? null : entry.header.clone();
    }

    /**
     * @param height on the best chain.
     * @return the block hash at that height (a copy), or null above the tip.
     */
    public synchronized byte[] hashAtHeight(final int height)
    {
        return height < 0 || height >= active.size() ? null : active.get(height).hash().clone();
    }

    synchronized Entry tip()
    {
        return active.get(active.size() - 1);
    }

    synchronized Entry lookup(final HashKey key)
    {
        return index.get(key);
    }

    synchronized Entry lookup(final byte[] src, final int offset)
    {
        return index.get(HashKey.copyOf(src, offset));
    }

    synchronized boolean isActive(final Entry entry)
    {
        return entry.height < active.size() && active.get(entry.height) == entry;
    }

    synchronized Entry next(final Entry entry)
    {
        return isActive(entry) && entry.height + 1 < active.size() ? active.get(entry.height + 1) : null;
    }

    /**
     * Add a header whose parent is known; an already known header returns its entry.
     */
    synchronized Entry addHeader(final HashKey key, final byte[] header, final Entry parent)
    {
        final Entry known = index.get(key);
        if (known != null)
        {
            return known;
        }
        final Entry entry = new Entry(key, Arrays.copyOf(header, HEADER_LENGTH), parent);
        parent.children.add(entry);
        index.put(key, entry);
        return entry;
    }

    /**
     * Give an entry its block data and activate the best chain.
     *
     * @return the entries newly connected to the best chain, in height order (empty if the tip did not move).
     */
    synchronized List<Entry> storeBlock(final Entry entry, final byte[] block)
    {
        entry.block = block;
        for (Entry e = entry.parent; e != null && !isActive(e); e = e.parent)
        {
            if (!e.hasData())
            {
                return List.of();
            }
        }
        final Entry best = bestDescendantWithData(entry);
        if (best.chainWork.compareTo(tip().chainWork) <= 0)
        {
            return List.of();
        }
        final ArrayDeque<Entry> path = new ArrayDeque<>();
        Entry e = best;
        while (!isActive(e))
        {
            path.addFirst(e);
            e = e.parent;
        }
        while (active.size() > e.height + 1)
        {
            active.remove(active.size() - 1);
        }
        active.addAll(path);
        return new ArrayList<>(path);
    }

    /**
     * FindForkInGlobalIndex: the first locator entry on the best chain, else genesis.
     */
    synchronized Entry findFork(final List<HashKey> locator)
    {
        for (final HashKey key : locator)
        {
            final Entry entry = index.get(key);
            if (entry != null)
            {
                if (isActive(entry))
                {
                    return entry;
                }
                if (ancestor(tip(), entry.height) == entry)
                {
                    return tip();
                }
            }
        }
        return active.get(0);
    }

    /**
     * A block locator from the tip: ten single steps back, then doubling, then genesis
     * ({@code CChain::GetLocator}).
     */
    synchronized List<byte[]> locator()
    {
        final List<byte[]> hashes = new ArrayList<>();
        int height = active.size() - 1;
        int step = 1;
        while (height > 0)
        {
            hashes.add(active.get(height).hash());
            if (hashes.size() >= 10)
            {
                step *= 2;
            }
            height -= step;
        }
        hashes.add(active.get(0).hash());
        return hashes;
    }

    static Entry ancestor(final Entry entry, final int height)
    {
        if (height > entry.height || height < 0)
        {
            return null;
        }
        Entry e = entry;
        while (e.height > height)
        {
            e = e.parent;
        }
        return e;
    }

    static long medianTimePast(final Entry entry)
    {
        final long[] times = new long[MEDIAN_TIME_SPAN];
        int n = 0;
        for (Entry e = entry; e != null && n < MEDIAN_TIME_SPAN; e = e.parent)
        {
            times[n++] = e.time();
        }
        Arrays.sort(times, 0, n);
        return times[n / 2];
    }

    private static Entry bestDescendantWithData(final Entry from)
    {
        Entry best = from;
        final ArrayDeque<Entry> stack = new ArrayDeque<>();
        stack.push(from);
        while (!stack.isEmpty())
        {
            final Entry e = stack.pop();
            if (e.chainWork.compareTo(best.chainWork) > 0)
            {
                best = e;
            }
            for (final Entry child : e.children)
            {
                if (child.hasData())
                {
                    stack.push(child);
                }
            }
        }
        return best;
    }
}
