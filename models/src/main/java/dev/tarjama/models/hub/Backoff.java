package dev.tarjama.models.hub;

import java.time.Duration;

/**
 * Waits between tries as huggingface_hub's {@code http_backoff} does: 1 s, then doubling up to
 * 8 s; a server's {@code Retry-After} replaces the wait (plus one second against rounding), and
 * one longer than {@link HubSettings#maxRetryAfter()} is not waited for.
 */
final class Backoff {
    private final HubSettings settings;
    private final ProgressListener progress;
    private Duration next;

    Backoff(HubSettings settings, ProgressListener progress) {
        this.settings = settings;
        this.progress = progress;
        this.next = settings.retryWait();
    }

    /** Forgets earlier waits (after progress was made). */
    void reset() {
        next = settings.retryWait();
    }

    /**
     * Sleeps before try {@code nextTry} of {@code tries} after {@code failure}; throws it instead
     * when the server asks for a longer wait than is allowed.
     */
    void pause(HubException failure, int nextTry, int tries) throws HubException {
        Duration wait;
        if (failure.retryAfter().isPresent()) {
            Duration asked = failure.retryAfter().get();
            if (asked.compareTo(settings.maxRetryAfter()) > 0) {
                throw new HubException(failure.getMessage() + "; not waiting that long: try again in "
                        + asked.toSeconds() + " s", failure);
            }
            wait = asked.plus(asked.isZero() ? Duration.ZERO : Duration.ofSeconds(1));
        } else {
            wait = next;
            Duration cap = settings.retryWait().multipliedBy(8);
            next = next.multipliedBy(2).compareTo(cap) > 0 ? cap : next.multipliedBy(2);
        }
        progress.note(failure.getMessage() + "; try " + nextTry + " of " + tries + " in "
                + String.format(java.util.Locale.ROOT, "%.1f s", wait.toMillis() / 1000.0));
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException("interrupted while waiting to retry", e);
        }
    }
}
