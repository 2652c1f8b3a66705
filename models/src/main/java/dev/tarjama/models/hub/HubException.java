package dev.tarjama.models.hub;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * A model could not be fetched or found; the message is meant for the person running the
 * command (it says what failed and what to do).
 */
public class HubException extends IOException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private final transient Duration retryAfter;

    public HubException(String message) {
        this(message, false, null);
    }

    public HubException(String message, Throwable cause) {
        this(message, false, cause);
    }

    HubException(String message, boolean retryable, Throwable cause) {
        this(message, retryable, null, cause);
    }

    HubException(String message, boolean retryable, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /** True when trying again may succeed (rate limit, server error, connection dropped or stalled). */
    public boolean retryable() {
        return retryable;
    }

    /** How long the server asked to wait ({@code Retry-After}), when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
