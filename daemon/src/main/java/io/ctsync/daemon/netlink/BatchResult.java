package io.ctsync.daemon.netlink;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of one {@link BatchRequestWriter#write} call: how many requests were sent, applied and
 * failed, in how many datagrams, and the failures counted by errno name.
 */
public record BatchResult(
        long requests, long succeeded, long failed, long datagrams, Map<String, Long> failuresByErrno) {

    public BatchResult {
        failuresByErrno = Collections.unmodifiableMap(new TreeMap<>(failuresByErrno));
    }

    /** True when every request was applied. */
    public boolean allSucceeded() {
        return failed == 0;
    }

    /** Failures with the given errno name (e.g. {@code "EEXIST"}). */
    public long failures(String errnoName) {
        return failuresByErrno.getOrDefault(errnoName, 0L);
    }
}
