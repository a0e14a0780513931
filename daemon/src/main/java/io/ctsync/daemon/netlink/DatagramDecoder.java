package io.ctsync.daemon.netlink;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Decodes the netlink messages of one received datagram into immutable items for an {@link
 * EventSubscriber}. Must never throw on malformed input: it skips what it cannot decode and says how many
 * messages it dropped.
 */
@FunctionalInterface
public interface DatagramDecoder<E> {
    /**
     * Decodes bytes {@code [offset, offset + length)} of {@code datagram} (native order, absolute indexes),
     * appending decoded items to {@code out} in order.
     *
     * @return the number of malformed or undecodable messages skipped
     */
    int decode(ByteBuffer datagram, int offset, int length, List<E> out);
}
