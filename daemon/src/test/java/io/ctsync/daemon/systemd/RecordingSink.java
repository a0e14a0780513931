package io.ctsync.daemon.systemd;

import java.util.ArrayList;
import java.util.List;

/** A {@link NotifySink} that keeps every message, and can be told to refuse them, for unit tests. */
public final class RecordingSink implements NotifySink {
    private final List<String> messages = new ArrayList<>();
    private boolean refusing;

    @Override
    public boolean send(String message) {
        if (refusing) {
            return false;
        }
        messages.add(message);
        return true;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    /** Makes later sends fail (as a full or vanished notify socket would). */
    public void refuse(boolean refuse) {
        this.refusing = refuse;
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }
}
