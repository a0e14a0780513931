package io.ctsync.protocol.sync;

import java.util.ArrayList;
import java.util.List;

/** A drop sink that remembers every reason, in order. */
final class RecordingSink implements SyncDropSink {
    final List<SyncDropReason> reasons = new ArrayList<>();

    @Override
    public void drop(SyncDropReason reason) {
        reasons.add(reason);
    }

    long count(SyncDropReason r) {
        return reasons.stream().filter(r::equals).count();
    }
}
