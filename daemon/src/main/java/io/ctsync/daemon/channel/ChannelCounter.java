package io.ctsync.daemon.channel;

/**
 * Named per-channel counters: traffic totals, and one counter per send/receive failure reason.
 * {@link #SEND_ERRORS} and {@link #RECEIVE_ERRORS} are the sums of their reasons.
 */
public enum ChannelCounter {
    /** Payload bytes handed to the socket successfully. */
    BYTES_SENT,
    /** Payloads (datagrams, or TCP writes) handed to the socket successfully. */
    PACKETS_SENT,
    /** Payload bytes received and delivered to the listener. */
    BYTES_RECEIVED,
    /** Payloads (datagrams, or runs of complete messages from one TCP read) delivered. */
    PACKETS_RECEIVED,
    /** Payloads that could not be sent, whatever the reason (sum of the SEND_* reasons). */
    SEND_ERRORS,
    /** Received data dropped, whatever the reason (sum of the RECEIVE_* reasons). */
    RECEIVE_ERRORS,
    /** The socket rejected the write ({@code sendto()} error, connection reset during a write). */
    SEND_FAILED,
    /** Dropped because the unsent backlog of the socket exceeded its limit. */
    SEND_BACKLOG_FULL,
    /** TCP: dropped (oldest first) because the queue kept while disconnected was full. */
    SEND_QUEUE_OVERFLOW,
    /** Sent on a channel that is not open. */
    SEND_CLOSED,
    /** TCP: a message header declared a length below the 8-byte header; the connection was reset. */
    RECEIVE_BAD_LENGTH,
    /** From an address other than the configured peer (source check on); dropped or refused. */
    RECEIVE_FOREIGN_SOURCE,
    /** The socket reported a read error. */
    RECEIVE_FAILED,
    /** TCP: data arrived on the outgoing connection, where the peer never sends; discarded. */
    RECEIVE_ON_OUTGOING,
    /** The receive listener threw; the payload was dropped. */
    LISTENER_FAILURES,
    /** TCP: outgoing connections established. */
    CONNECTS,
    /** TCP: outgoing connection attempts that failed. */
    CONNECT_FAILURES,
    /** TCP: established outgoing connections that were lost. */
    DISCONNECTS,
    /** TCP: incoming connections accepted. */
    ACCEPTS,
    /** TCP: payloads queued while the outgoing connection was down (sent after reconnecting). */
    QUEUED_WHILE_DOWN
}
