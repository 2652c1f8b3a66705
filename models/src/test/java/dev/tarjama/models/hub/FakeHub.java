package dev.tarjama.models.hub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A loopback server that speaks the part of the hub protocol Tarjama uses, over folders on disk:
 * {@code HEAD/GET /{org}/{name}/resolve/{revision}/{path}} with {@code X-Repo-Commit}, {@code ETag}
 * (git blob sha1) for small files, and for LFS files ({@code *.onnx}, {@code *.spm}) a 302 to a
 * second server (the "CDN", another origin) with {@code X-Linked-Etag} (sha256) and
 * {@code X-Linked-Size}. Range requests get 206. Faults can be injected per file: drop the
 * connection after some bytes, or serve corrupted bytes.
 */
final class FakeHub implements AutoCloseable {
    private static final Pattern RESOLVE = Pattern.compile("/([^/]+/[^/]+)/resolve/([^/]+)/(.+)");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    /** One request as the server saw it. */
    record Request(String server, String method, String path, String range, String authorization) {}

    private record Repo(String commit, Map<String, byte[]> files) {}

    private final HttpServer hub;
    private final HttpServer cdn;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Map<String, Repo> repos = new ConcurrentHashMap<>();
    private final Map<String, String> renamed = new ConcurrentHashMap<>();
    private final Map<String, byte[]> blobsBySha = new ConcurrentHashMap<>();
    private final Map<String, long[]> drops = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> corruptions = new ConcurrentHashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile String requiredToken;
    private volatile String cdnOverride;

    FakeHub() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        hub = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
        cdn = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
        hub.createContext("/", this::hub);
        cdn.createContext("/", this::cdn);
        hub.setExecutor(pool);
        cdn.setExecutor(pool);
        hub.start();
        cdn.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + hub.getAddress().getPort();
    }

    String cdnOrigin() {
        return "http://127.0.0.1:" + cdn.getAddress().getPort();
    }

    /** Serves every file under {@code folder} as repository {@code repo}; returns its commit. */
    String addRepo(String repo, Path folder) throws IOException {
        Map<String, byte[]> files = new ConcurrentHashMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.put(folder.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        MessageDigest md = sha("SHA-1");
        md.update(repo.getBytes(StandardCharsets.UTF_8));
        files.keySet().stream().sorted().forEach(k -> {
            md.update(k.getBytes(StandardCharsets.UTF_8));
            md.update(files.get(k));
        });
        String commit = HexFormat.of().formatHex(md.digest());
        repos.put(repo, new Repo(commit, files));
        files.values().forEach(b -> blobsBySha.put(hex("SHA-256", b), b));
        return commit;
    }

    /** Requests for {@code oldRepo} are redirected (relative 307) to {@code newRepo}, as after a rename. */
    void rename(String oldRepo, String newRepo) {
        renamed.put(oldRepo, newRepo);
    }

    /** The next {@code times} downloads of {@code path} send {@code bytes} bytes, then drop the connection. */
    void dropAfter(String path, long bytes, int times) {
        drops.put(path, new long[] {bytes, times});
    }

    /** The next {@code times} downloads of {@code path} have one byte flipped in the middle. */
    void corrupt(String path, int times) {
        corruptions.put(path, new AtomicInteger(times));
    }

    /** Every hub request must carry {@code Authorization: Bearer token}. */
    void requireToken(String token) {
        this.requiredToken = token;
    }

    /** LFS redirects go to this absolute location prefix instead of the CDN server. */
    void redirectLfsTo(String origin) {
        this.cdnOverride = origin;
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    void clearRequests() {
        requests.clear();
    }

    static boolean isLfs(String path) {
        return path.endsWith(".onnx") || path.endsWith(".spm");
    }

    private void hub(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        log("hub", ex, path);
        try (ex) {
            if (requiredToken != null
                    && !("Bearer " + requiredToken).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                error(ex, 401, "RepoNotFound", "Invalid credentials");
                return;
            }
            Matcher m = RESOLVE.matcher(path);
            if (!m.matches()) {
                error(ex, 404, "RepoNotFound", "Repository not found");
                return;
            }
            String repoId = m.group(1);
            String revision = URLDecoder.decode(m.group(2), StandardCharsets.UTF_8);
            String file = URLDecoder.decode(m.group(3), StandardCharsets.UTF_8);
            if (renamed.containsKey(repoId)) {
                ex.getResponseHeaders().set("Location", "/" + renamed.get(repoId) + "/resolve/" + m.group(2) + "/"
                        + m.group(3));
                ex.sendResponseHeaders(307, -1);
                return;
            }
            Repo repo = repos.get(repoId);
            if (repo == null) {
                error(ex, 404, "RepoNotFound", "Repository not found");
                return;
            }
            if (!revision.equals("main") && !revision.equals(repo.commit())) {
                error(ex, 404, "RevisionNotFound", "Invalid rev id: " + revision);
                return;
            }
            byte[] body = repo.files().get(file);
            if (body == null) {
                error(ex, 404, "EntryNotFound", "Entry not found");
                return;
            }
            var h = ex.getResponseHeaders();
            h.set("X-Repo-Commit", repo.commit());
            if (isLfs(file)) {
                String sha = hex("SHA-256", body);
                h.set("X-Linked-Etag", "\"" + sha + "\"");
                h.set("X-Linked-Size", Long.toString(body.length));
                h.set("ETag", "\"" + hex("SHA-1", ("pointer " + sha).getBytes(StandardCharsets.UTF_8)) + "\"");
                String origin = cdnOverride != null ? cdnOverride : cdnOrigin();
                h.set("Location", origin + "/lfs/" + sha + "?file=" + file);
                ex.sendResponseHeaders(302, -1);
                return;
            }
            h.set("ETag", "\"" + gitBlobSha1(body) + "\"");
            serve(ex, file, body);
        }
    }

    private void cdn(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        log("cdn", ex, path);
        try (ex) {
            String sha = path.substring(path.lastIndexOf('/') + 1);
            byte[] body = blobsBySha.get(sha);
            String query = ex.getRequestURI().getQuery();
            String file = query != null && query.startsWith("file=") ? query.substring(5) : sha;
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            serve(ex, file, body);
        }
    }

    private void serve(HttpExchange ex, String file, byte[] body) throws IOException {
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
        byte[] slice = java.util.Arrays.copyOfRange(body, (int) start, (int) (end + 1));
        AtomicInteger corrupt = corruptions.get(file);
        if (corrupt != null && corrupt.getAndDecrement() > 0) {
            slice[slice.length / 2] ^= 0x5a;
        }
        ex.sendResponseHeaders(status, length);
        OutputStream out = ex.getResponseBody();
        long[] drop = drops.get(file);
        if (drop != null && drop[1] > 0) {
            drop[1]--;
            int cut = (int) Math.min(slice.length, Math.max(0, drop[0] - start));
            out.write(slice, 0, cut);
            out.flush();
            // An exception out of the handler makes the JDK server close the connection mid-body.
            throw new IOException("fake hub: dropping the connection after " + cut + " bytes of " + file);
        }
        out.write(slice);
    }

    private void error(HttpExchange ex, int status, String code, String message) throws IOException {
        ex.getResponseHeaders().set("X-Error-Code", code);
        ex.getResponseHeaders().set("X-Error-Message", message);
        ex.sendResponseHeaders(status, -1);
    }

    private void log(String server, HttpExchange ex, String path) {
        requests.add(new Request(server, ex.getRequestMethod(), path, ex.getRequestHeaders().getFirst("Range"),
                ex.getRequestHeaders().getFirst("Authorization")));
    }

    static String gitBlobSha1(byte[] body) {
        MessageDigest md = sha("SHA-1");
        md.update(("blob " + body.length + "\0").getBytes(StandardCharsets.US_ASCII));
        md.update(body);
        return HexFormat.of().formatHex(md.digest());
    }

    static String hex(String algorithm, byte[] body) {
        return HexFormat.of().formatHex(sha(algorithm).digest(body));
    }

    private static MessageDigest sha(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        hub.stop(0);
        cdn.stop(0);
        pool.shutdownNow();
    }
}
