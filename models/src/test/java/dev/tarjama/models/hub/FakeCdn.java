package dev.tarjama.models.hub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The "CDN" half of {@link FakeHub}: LFS blobs by sha256 on another host name ({@code localhost},
 * while the hub is {@code 127.0.0.1}), behind signed URLs that expire, as the real hub's CDN
 * serves them: {@code ?Expires=<epoch s>&Signature=<hmac>}; an expired or forged URL gets
 * {@code 403} with an S3-style XML body, a request that also carries {@code Authorization} gets
 * {@code 400} (S3 allows one authentication mechanism). Also serves the byte-level faults of
 * every transfer (drops, stalls, corruption, a bandwidth limit), see {@link Faults}.
 */
final class FakeCdn {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    /** Byte-level faults, per repository file path. */
    static final class Faults {
        final Map<String, long[]> drops = new ConcurrentHashMap<>();
        final Map<String, long[]> stalls = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> corruptions = new ConcurrentHashMap<>();
        volatile long bytesPerSecond;
    }

    private final HttpServer server;
    private final Map<String, byte[]> blobs;
    private final Faults faults;
    private final FakeHub.Log log;
    private final byte[] key = "fake-cdn-signing-key".getBytes(StandardCharsets.UTF_8);
    private volatile Duration ttl = Duration.ofHours(1);

    FakeCdn(Map<String, byte[]> blobs, Faults faults, FakeHub.Log log, ExecutorService pool) throws IOException {
        this.blobs = blobs;
        this.faults = faults;
        this.log = log;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    /** {@code http://localhost:<port>}: the same machine as the hub under another host name. */
    String origin() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    void ttl(Duration ttl) {
        this.ttl = ttl;
    }

    /** A signed URL for the blob, valid for the current TTL from now. */
    String signedUrl(String sha256, String file) {
        long expires = System.currentTimeMillis() + ttl.toMillis();
        String query = "file=" + file + "&Expires=" + expires;
        return origin() + "/lfs/" + sha256 + "?" + query + "&Signature=" + sign(sha256 + "?" + query);
    }

    private String sign(String what) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(what.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        log.add("cdn", ex, path);
        try (ex) {
            String sha = path.substring(path.lastIndexOf('/') + 1);
            String query = ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
            int sig = query.lastIndexOf("&Signature=");
            if (ex.getRequestHeaders().getFirst("Authorization") != null) {
                xml(ex, 400, "InvalidArgument", "Only one auth mechanism allowed");
                return;
            }
            if (sig < 0 || !sign(sha + "?" + query.substring(0, sig)).equals(query.substring(sig + 11))) {
                xml(ex, 403, "AccessDenied", "Access denied");
                return;
            }
            Matcher expires = Pattern.compile("Expires=(\\d+)").matcher(query);
            if (!expires.find() || Long.parseLong(expires.group(1)) < System.currentTimeMillis()) {
                xml(ex, 403, "AccessDenied", "Request has expired");
                return;
            }
            byte[] body = blobs.get(sha);
            if (body == null) {
                xml(ex, 404, "NoSuchKey", "The specified key does not exist.");
                return;
            }
            String file = query.startsWith("file=") ? query.substring(5, query.indexOf('&')) : sha;
            serve(ex, file, body, faults, log);
        }
    }

    private static void xml(HttpExchange ex, int status, String code, String message) throws IOException {
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                + "</Message></Error>").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/xml");
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    /** Serves {@code body} with Range support and the file's faults (hub and CDN share this). */
    static void serve(HttpExchange ex, String file, byte[] body, Faults faults, FakeHub.Log log) throws IOException {
        long start = 0;
        long end = body.length - 1;
        int status = 200;
        String range = ex.getRequestHeaders().getFirst("Range");
        if (range != null) {
            Matcher r = RANGE.matcher(range);
            if (r.matches()) {
                start = Long.parseLong(r.group(1));
                if (!r.group(2).isEmpty()) {
                    end = Math.min(end, Long.parseLong(r.group(2)));
                }
                if (start >= body.length) {
                    ex.getResponseHeaders().set("Content-Range", "bytes */" + body.length);
                    ex.sendResponseHeaders(416, -1);
                    return;
                }
                status = 206;
                ex.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + end + "/" + body.length);
            }
        }
        ex.getResponseHeaders().set("Accept-Ranges", "bytes");
        long length = end - start + 1;
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.getResponseHeaders().set("Content-Length", Long.toString(length));
            ex.sendResponseHeaders(status, -1);
            return;
        }
        byte[] slice = Arrays.copyOfRange(body, (int) start, (int) (end + 1));
        AtomicInteger corrupt = faults.corruptions.get(file);
        if (corrupt != null && corrupt.getAndDecrement() > 0) {
            slice[slice.length / 2] ^= 0x5a;
        }
        ex.sendResponseHeaders(status, length);
        OutputStream out = ex.getResponseBody();
        long[] stall = take(faults.stalls, file);
        long[] drop = take(faults.drops, file);
        int stallAt = stall == null ? -1 : (int) Math.max(0, Math.min(slice.length, stall[0] - start));
        int dropAt = drop == null ? -1 : (int) Math.max(0, Math.min(slice.length, drop[0] - start));
        for (int sent = 0; sent < slice.length; ) {
            if (sent == stallAt) {
                out.flush();
                log.note("stalling " + file + " at byte " + (start + sent) + " for " + stall[1] + " ms");
                sleep(stall[1]);
                stallAt = -1;
            }
            if (sent == dropAt) {
                out.flush();
                // An exception out of the handler makes the JDK server close the connection mid-body.
                throw new IOException("fake hub: dropping the connection after " + sent + " bytes of " + file);
            }
            int limit = slice.length;
            if (stallAt > sent) {
                limit = Math.min(limit, stallAt);
            }
            if (dropAt > sent) {
                limit = Math.min(limit, dropAt);
            }
            int chunk = Math.min(limit - sent, 8192);
            out.write(slice, sent, chunk);
            sent += chunk;
            long bps = faults.bytesPerSecond;
            if (bps > 0) {
                out.flush();
                sleep(chunk * 1000L / bps);
            }
        }
    }

    /** The fault for this file if one is left: {@code {byte offset, parameter, times left}}. */
    private static long[] take(Map<String, long[]> faults, String file) {
        long[] f = faults.get(file);
        if (f == null) {
            return null;
        }
        synchronized (f) {
            if (f[2] <= 0) {
                return null;
            }
            f[2]--;
            return f;
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("fake hub shut down", e);
        }
    }

    void stop() {
        server.stop(0);
    }
}
