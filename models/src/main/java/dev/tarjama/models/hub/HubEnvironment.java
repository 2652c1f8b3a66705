package dev.tarjama.models.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The environment variables huggingface_hub reads, read the same way, so a setup made for Python works here too. */
final class HubEnvironment {
    private static final Set<String> TRUE = Set.of("1", "on", "yes", "true");

    private HubEnvironment() {}

    /**
     * Settings from {@code HF_ENDPOINT}, {@code HF_TOKEN} (else {@code HF_TOKEN_PATH} or
     * {@code $HF_HOME/token}), {@code HF_HUB_OFFLINE}, {@code HF_HUB_CACHE} (else
     * {@code $HF_HOME/hub}, else {@code $XDG_CACHE_HOME/huggingface/hub}, else
     * {@code ~/.cache/huggingface/hub}), {@code HF_HUB_DOWNLOAD_TIMEOUT} (seconds without a byte
     * before a download is dropped and resumed) and {@code TARJAMA_ALLOW_HTTP}.
     */
    static HubSettings.Builder read(Map<String, String> env) throws IOException {
        HubSettings.Builder b = HubSettings.builder();
        String endpoint = nonBlank(env.get("HF_ENDPOINT"));
        if (endpoint != null) {
            b.optEndpoint(endpoint);
        }
        Path home = hfHome(env);
        String token = nonBlank(env.get("HF_TOKEN"));
        if (token == null) {
            token = nonBlank(env.get("HUGGING_FACE_HUB_TOKEN"));
        }
        if (token == null) {
            String tokenPath = nonBlank(env.get("HF_TOKEN_PATH"));
            Path file = tokenPath != null ? Path.of(tokenPath) : home.resolve("token");
            if (Files.isRegularFile(file)) {
                token = nonBlank(Files.readString(file, StandardCharsets.UTF_8).strip());
            }
        }
        b.optToken(token);
        b.optOffline(isTrue(env.get("HF_HUB_OFFLINE")));
        b.optAllowHttp(isTrue(env.get("TARJAMA_ALLOW_HTTP")));
        String cache = nonBlank(env.get("HF_HUB_CACHE"));
        if (cache == null) {
            cache = nonBlank(env.get("HUGGINGFACE_HUB_CACHE"));
        }
        b.optCacheDir(cache != null ? Path.of(cache) : home.resolve("hub"));
        String readTimeout = nonBlank(env.get("HF_HUB_DOWNLOAD_TIMEOUT"));
        if (readTimeout != null) {
            try {
                b.optReadTimeout(Duration.ofMillis(Math.round(Double.parseDouble(readTimeout.strip()) * 1000)));
            } catch (IllegalArgumentException e) {
                throw new HubException("HF_HUB_DOWNLOAD_TIMEOUT must be a number of seconds, got '" + readTimeout + "'");
            }
        }
        return b;
    }

    private static Path hfHome(Map<String, String> env) {
        String home = nonBlank(env.get("HF_HOME"));
        if (home != null) {
            return Path.of(home);
        }
        String xdg = nonBlank(env.get("XDG_CACHE_HOME"));
        Path base = xdg != null ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("huggingface");
    }

    static boolean isTrue(String value) {
        return value != null && TRUE.contains(value.strip().toLowerCase(Locale.ROOT));
    }

    private static String nonBlank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
