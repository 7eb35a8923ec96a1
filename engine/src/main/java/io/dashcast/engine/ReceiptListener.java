package io.dashcast.engine;

/**
 * Told when every peer's outcome for a block is known. Called on a broadcast loop thread: must
 * not block; copy with {@link BroadcastRecord#toReceipt()} to keep the result.
 */
@FunctionalInterface
public interface ReceiptListener
{
    /**
     * @param record the finished broadcast, valid only during this call.
     */
    void onReceipt(BroadcastRecord record);
}
