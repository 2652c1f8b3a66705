package dev.tarjama.models.hub;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to reach the hub and where the cache lives. {@link #fromEnvironment} reads the
 * variables huggingface_hub reads, so a cache and a token set up for Python work here too.
 */
public final class HubSettings {
    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";

    private final URI endpoint;
    private final String token;
    private final boolean offline;
    private final Path cacheDir;
    private final boolean allowHttp;
    private final Duration timeout;
    private final Duration readTimeout;
    private final Duration retryWait;
    private final Duration maxRetryAfter;
    private final int attempts;

    private HubSettings(Builder b) {
        this.endpoint = b.endpoint;
        this.token = b.token;
        this.offline = b.offline;
        this.cacheDir = b.cacheDir;
        this.allowHttp = b.allowHttp;
        this.timeout = b.timeout;
        this.readTimeout = b.readTimeout;
        this.retryWait = b.retryWait;
        this.maxRetryAfter = b.maxRetryAfter;
        this.attempts = b.attempts;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.endpoint = endpoint;
        b.token = token;
        b.offline = offline;
        b.cacheDir = cacheDir;
        b.allowHttp = allowHttp;
        b.timeout = timeout;
        b.readTimeout = readTimeout;
        b.retryWait = retryWait;
        b.maxRetryAfter = maxRetryAfter;
        b.attempts = attempts;
        return b;
    }

    /**
     * Settings from the variables huggingface_hub reads: {@code HF_ENDPOINT}, {@code HF_TOKEN} (else
     * {@code HF_TOKEN_PATH} or {@code $HF_HOME/token}), {@code HF_HUB_OFFLINE}, {@code HF_HUB_CACHE}
     * (else {@code $HF_HOME/hub}, else {@code $XDG_CACHE_HOME/huggingface/hub}, else
     * {@code ~/.cache/huggingface/hub}), {@code HF_HUB_DOWNLOAD_TIMEOUT} (seconds without a byte
     * before a download is dropped and resumed), and {@code TARJAMA_ALLOW_HTTP}.
     */
    public static Builder fromEnvironment(Map<String, String> env) throws IOException {
        return HubEnvironment.read(env);
    }


    public URI endpoint() {
        return endpoint;
    }

    public Optional<String> token() {
        return Optional.ofNullable(token);
    }

    public boolean offline() {
        return offline;
    }

    public Path cacheDir() {
        return cacheDir;
    }

    public boolean allowHttp() {
        return allowHttp;
    }

    /** Connect timeout, and how long to wait for the answer to a metadata request. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * How long a download may go without receiving a byte (default 30 s) before the connection is
     * dropped and the download resumes where it stopped.
     */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** The first wait before retrying a 429, 5xx or dropped request; doubled each time, at most 8 times it. */
    public Duration retryWait() {
        return retryWait;
    }

    /** The longest {@code Retry-After} honoured by waiting; a longer one fails saying when to retry. */
    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /** How many times one file is tried (a dropped connection resumes where it stopped). */
    public int attempts() {
        return attempts;
    }

    /**
     * Throws unless the URI may be used: https always; plain http only to a loopback address or
     * when {@code allowHttp} was set explicitly (a trusted mirror on a private network).
     */
    public void checkTransport(URI uri, String what) throws HubException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return;
        }
        if (scheme.equals("http") && (allowHttp || isLoopback(uri.getHost()))) {
            return;
        }
        throw new HubException("refusing " + what + " " + uri + ": only https is allowed, plain http only to a "
                + "loopback address or with --allow-http (TARJAMA_ALLOW_HTTP=1) for a trusted mirror");
    }

    /** True for {@code localhost} and literal loopback addresses; never does a DNS lookup. */
    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        boolean literal = h.matches("[0-9.]+") || (h.contains(":") && h.matches("[0-9a-fA-F:.]+"));
        if (!literal) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Builder: every field has a default, so all setters are {@code opt}. */
    public static final class Builder {
        private URI endpoint = URI.create(DEFAULT_ENDPOINT);
        private String token;
        private boolean offline;
        private Path cacheDir = Path.of(System.getProperty("user.home"), ".cache", "huggingface", "hub");
        private boolean allowHttp;
        private Duration timeout = Duration.ofSeconds(30);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration retryWait = Duration.ofSeconds(1);
        private Duration maxRetryAfter = Duration.ofMinutes(2);
        private int attempts = 5;

        public Builder optEndpoint(String url) throws HubException {
            String trimmed = url.strip();
            while (trimmed.endsWith("/")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            try {
                URI uri = new URI(trimmed);
                if (uri.getHost() == null || uri.getScheme() == null) {
                    throw new HubException("endpoint '" + url + "' is not an absolute URL");
                }
                this.endpoint = uri;
            } catch (URISyntaxException e) {
                throw new HubException("endpoint '" + url + "' is not a URL: " + e.getMessage());
            }
            return this;
        }

        public Builder optToken(String token) {
            this.token = token;
            return this;
        }

        public Builder optOffline(boolean offline) {
            this.offline = offline;
            return this;
        }

        public Builder optCacheDir(Path cacheDir) {
            this.cacheDir = Objects.requireNonNull(cacheDir);
            return this;
        }

        public Builder optAllowHttp(boolean allowHttp) {
            this.allowHttp = allowHttp;
            return this;
        }

        public Builder optTimeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout);
            return this;
        }

        public Builder optReadTimeout(Duration readTimeout) {
            this.readTimeout = positive(readTimeout, "read timeout");
            return this;
        }

        public Builder optRetryWait(Duration retryWait) {
            this.retryWait = Objects.requireNonNull(retryWait);
            return this;
        }

        public Builder optMaxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = Objects.requireNonNull(maxRetryAfter);
            return this;
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + d);
            }
            return d;
        }

        public Builder optAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1");
            }
            this.attempts = attempts;
            return this;
        }

        /** Builds, refusing an endpoint that breaks the transport rule before any request. */
        public HubSettings build() throws HubException {
            HubSettings s = new HubSettings(this);
            if (!offline) {
                s.checkTransport(endpoint, "endpoint");
            }
            return s;
        }
    }
}
