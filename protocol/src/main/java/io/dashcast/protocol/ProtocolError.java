package io.dashcast.protocol;

/**
 * Every way a peer's bytes can be wrong. Each is its own value so the engine can count them
 * separately and close only the peer that sent them.
 */
public enum ProtocolError
{
    /** The first four bytes are not this network's message start. */
    WRONG_MAGIC,
    /** The command is not printable ASCII followed only by NULs. */
    MALFORMED_COMMAND,
    /** The header announces more than {@link Network#MAX_PROTOCOL_MESSAGE_LENGTH} bytes. */
    OVERSIZED_LENGTH,
    /** The payload does not hash to the header's checksum. */
    BAD_CHECKSUM,
    /** A payload ended before a field it must contain. */
    TRUNCATED_PAYLOAD,
    /** A payload carries bytes after its last field. */
    TRAILING_BYTES,
    /** A count or length inside a payload exceeds its protocol bound. */
    OVERSIZED_FIELD,
    /** A field holds a value the protocol forbids (non-canonical varint, bad flag...). */
    INVALID_FIELD,
    /** A block's transactions do not hash to its header's merkle root. */
    MERKLE_MISMATCH
}
