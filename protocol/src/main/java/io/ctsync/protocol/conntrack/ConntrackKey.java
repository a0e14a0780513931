package io.ctsync.protocol.conntrack;

import java.util.Objects;

/**
 * What identifies a conntrack entry in a table: its original tuple and its zone ({@code
 * CTA_ZONE}, 0 when absent). Cheap to hash; use it as the key of entry caches ({@code CTA_ID} is
 * recycled by the kernel and is not a key).
 *
 * @param original the original-direction tuple
 * @param zone the entry zone (0-65535)
 */
public record ConntrackKey(Tuple original, int zone) {
    public ConntrackKey {
        Objects.requireNonNull(original, "original");
    }
}
