package dev.tarjama.models.hub;

import java.io.IOException;

/**
 * A model could not be fetched, found or trusted; the message is meant for the person running the
 * command (it says what failed and what to do).
 */
public class HubException extends IOException {
    private final boolean retryable;

    public HubException(String message) {
        this(message, false, null);
    }

    public HubException(String message, Throwable cause) {
        this(message, false, cause);
    }

    HubException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** True when trying again may succeed (server error, connection dropped). */
    public boolean retryable() {
        return retryable;
    }
}
