package dev.tarjama.models.hub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A loopback Hugging Face hub over folders on disk, answering as the real one does (as read in
 * huggingface_hub's client and its issue tracker; docs/models.md lists the sources):
 * <ul>
 *   <li>{@code HEAD/GET /{repo}/resolve/{revision}/{path}}, revision a branch ({@code main}) or
 *       the commit id; small files of public repositories get a relative {@code 307} to
 *       {@code /api/resolve-cache/models/{repo}/{commit}/{path}?...&etag=...}, which answers with
 *       {@code ETag} (git blob sha1), {@code X-Repo-Commit} and the bytes; private and gated
 *       repositories serve small files directly; LFS files ({@code *.onnx}, {@code *.spm}) get a
 *       {@code 302} to the CDN ({@link FakeCdn}, another host name, signed URLs that expire) with
 *       {@code X-Linked-Etag} (sha256), {@code X-Linked-Size} and the redirect body's own
 *       {@code Content-Length};</li>
 *   <li>errors with the real codes: unknown or private repository 401 {@code RepoNotFound}
 *       anonymously, 404 with a token; gated 401/403 {@code GatedRepo}; invalid token 401
 *       {@code Invalid credentials in Authorization header}; 404 {@code RevisionNotFound},
 *       {@code EntryNotFound}; 429 with {@code Retry-After} and {@code RateLimit};</li>
 *   <li>faults: dropped connections, stalls, corrupted bytes, a bandwidth limit, 5xx.</li>
 * </ul>
 * {@link #main} serves folders from the command line (jobs tests run it as a process; see the
 * first-run fetch in docs/models.md).
 *
 * <p>Longer than most files because it is the one place that says how the emulated hub answers
 * each request; the CDN and the byte-level faults live in {@link FakeCdn}.
 */
final class FakeHub implements AutoCloseable {
    private static final Pattern RESOLVE = Pattern.compile("/([^/]+/[^/]+)/resolve/([^/]+)/(.+)");
    private static final Pattern RESOLVE_CACHE = Pattern.compile("/api/resolve-cache/models/([^/]+/[^/]+)/([0-9a-f]{40})/(.+)");

    /** Who may read a repository. */
    enum Access { PUBLIC, PRIVATE, GATED }

    /** One request as a server saw it. */
    record Request(String server, String method, String path, String range, String authorization, String host) {}

    /** The request log shared by hub and CDN. */
    static final class Log {
        final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
        final List<String> notes = Collections.synchronizedList(new ArrayList<>());

        volatile boolean echo;

        void add(String server, HttpExchange ex, String path) {
            Request r = new Request(server, ex.getRequestMethod(), path, ex.getRequestHeaders().getFirst("Range"),
                    ex.getRequestHeaders().getFirst("Authorization"), ex.getRequestHeaders().getFirst("Host"));
            requests.add(r);
            if (echo) {
                System.err.println("request " + r.server() + " " + r.method() + " " + r.path());
            }
        }

        void note(String note) {
            notes.add(note);
        }
    }

    private record Repo(String commit, Map<String, byte[]> files, Access access) {}

    private final HttpServer hub;
    private final FakeCdn cdn;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Map<String, Repo> repos = new ConcurrentHashMap<>();
    private final Map<String, String> renamed = new ConcurrentHashMap<>();
    private final Map<String, byte[]> blobsBySha = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> tokens = new ConcurrentHashMap<>();
    private final FakeCdn.Faults faults = new FakeCdn.Faults();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final AtomicInteger serverErrors = new AtomicInteger();
    private final Log log = new Log();
    private volatile int retryAfterSeconds = 1;
    private volatile String cdnOverride;

    FakeHub() throws IOException {
        hub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hub.createContext("/", this::hub);
        hub.setExecutor(pool);
        hub.start();
        cdn = new FakeCdn(blobsBySha, faults, log, pool);
    }

    String endpoint() {
        return "http://127.0.0.1:" + hub.getAddress().getPort();
    }

    String cdnOrigin() {
        return cdn.origin();
    }

    /** Serves every file under {@code folder} as public repository {@code repo}; returns its commit. */
    String addRepo(String repo, Path folder) throws IOException {
        return addRepo(repo, folder, Access.PUBLIC);
    }

    String addRepo(String repo, Path folder, Access access) throws IOException {
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
        repos.put(repo, new Repo(commit, files, access));
        files.values().forEach(b -> blobsBySha.put(hex("SHA-256", b), b));
        return commit;
    }

    /** A valid token; it can read the given private repositories and was granted the given gated ones. */
    void addToken(String token, String... readable) {
        tokens.put(token, Set.of(readable));
    }

    /** Requests for {@code oldRepo} are redirected (relative 307) to {@code newRepo}, as after a rename. */
    void rename(String oldRepo, String newRepo) {
        renamed.put(oldRepo, newRepo);
    }

    /** The next {@code times} downloads of {@code path} send up to byte {@code bytes}, then drop the connection. */
    void dropAfter(String path, long bytes, int times) {
        faults.drops.put(path, new long[] {bytes, 0, times});
    }

    /** The next {@code times} downloads of {@code path} send up to byte {@code bytes}, then send nothing for {@code stall}. */
    void stallAfter(String path, long bytes, Duration stall, int times) {
        faults.stalls.put(path, new long[] {bytes, stall.toMillis(), times});
    }

    /** The next {@code times} downloads of {@code path} have one byte flipped in the middle. */
    void corrupt(String path, int times) {
        faults.corruptions.put(path, new AtomicInteger(times));
    }

    /** Every transfer sends at most this many bytes per second (0: no limit). */
    void limitBandwidth(long bytesPerSecond) {
        faults.bytesPerSecond = bytesPerSecond;
    }

    /** Signed CDN URLs expire this long after the hub hands them out. */
    void signedUrlTtl(Duration ttl) {
        cdn.ttl(ttl);
    }

    /** The next {@code times} hub requests get {@code 429} asking to wait {@code seconds}. */
    void rateLimit(int times, int seconds) {
        retryAfterSeconds = seconds;
        rateLimited.set(times);
    }

    /** The next {@code times} hub requests get {@code 503}. */
    void failWith503(int times) {
        serverErrors.set(times);
    }

    /** LFS redirects go to this absolute location prefix instead of the CDN server. */
    void redirectLfsTo(String origin) {
        this.cdnOverride = origin;
    }

    List<Request> requests() {
        synchronized (log.requests) {
            return List.copyOf(log.requests);
        }
    }

    List<String> notes() {
        synchronized (log.notes) {
            return List.copyOf(log.notes);
        }
    }

    void clearRequests() {
        log.requests.clear();
    }

    static boolean isLfs(String path) {
        return path.endsWith(".onnx") || path.endsWith(".spm");
    }

    private void hub(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        log.add("hub", ex, path);
        try (ex) {
            if (rateLimited.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                ex.getResponseHeaders().set("Retry-After", Integer.toString(retryAfterSeconds));
                ex.getResponseHeaders().set("RateLimit", "\"resolvers\";r=0;t=" + retryAfterSeconds);
                ex.getResponseHeaders().set("RateLimit-Policy", "\"fixed window\";\"resolvers\";q=3000;w=300");
                error(ex, 429, null, "You have exceeded our hourly quotas for action: resolve.");
                return;
            }
            if (serverErrors.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                error(ex, 503, null, "Service Unavailable");
                return;
            }
            Matcher cached = RESOLVE_CACHE.matcher(path);
            if (cached.matches()) {
                resolveCache(ex, cached);
                return;
            }
            Matcher m = RESOLVE.matcher(path);
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            Set<String> readable = Set.of();
            if (auth != null) {
                readable = auth.startsWith("Bearer ") ? tokens.get(auth.substring(7)) : null;
                if (readable == null) {
                    error(ex, 401, null, "Invalid credentials in Authorization header");
                    return;
                }
            }
            String repoId = m.matches() ? m.group(1) : "?";
            if (m.matches() && renamed.containsKey(repoId)) {
                ex.getResponseHeaders().set("Location", "/" + renamed.get(repoId) + "/resolve/" + m.group(2) + "/"
                        + m.group(3));
                ex.sendResponseHeaders(307, -1);
                return;
            }
            Repo repo = m.matches() ? repos.get(repoId) : null;
            if (repo == null || (repo.access() == Access.PRIVATE && !readable.contains(repoId))) {
                if (auth == null) {
                    error(ex, 401, "RepoNotFound", "Invalid username or password.");
                } else {
                    error(ex, 404, "RepoNotFound", "Repository not found");
                }
                return;
            }
            if (repo.access() == Access.GATED && !readable.contains(repoId)) {
                if (auth == null) {
                    error(ex, 401, "GatedRepo", "Access to model " + repoId + " is restricted. You must have access"
                            + " to it and be authenticated to access it. Please log in.");
                } else {
                    error(ex, 403, "GatedRepo", "Access to model " + repoId + " is restricted and you are not in the"
                            + " authorized list. Visit " + endpoint() + "/" + repoId + " to ask for access.");
                }
                return;
            }
            resolve(ex, repoId, repo, m);
        }
    }

    private void resolve(HttpExchange ex, String repoId, Repo repo, Matcher m) throws IOException {
        String revision = URLDecoder.decode(m.group(2), StandardCharsets.UTF_8);
        String file = URLDecoder.decode(m.group(3), StandardCharsets.UTF_8);
        if (!revision.equals("main") && !revision.equals(repo.commit())) {
            error(ex, 404, "RevisionNotFound", "Invalid rev id: " + revision);
            return;
        }
        var h = ex.getResponseHeaders();
        h.set("X-Repo-Commit", repo.commit());
        byte[] body = repo.files().get(file);
        if (body == null) {
            error(ex, 404, "EntryNotFound", "Entry not found");
            return;
        }
        if (isLfs(file)) {
            String sha = hex("SHA-256", body);
            h.set("X-Linked-Etag", "\"" + sha + "\"");
            h.set("X-Linked-Size", Long.toString(body.length));
            h.set("ETag", "\"" + hex("SHA-1", ("pointer " + sha).getBytes(StandardCharsets.UTF_8)) + "\"");
            String location = cdnOverride != null ? cdnOverride + "/lfs/" + sha : cdn.signedUrl(sha, file);
            h.set("Location", location);
            redirect(ex, 302, location);
            return;
        }
        if (repo.access() == Access.PUBLIC) {
            // The real hub sends small files of public repositories through its resolve cache, by commit.
            String self = "/" + repoId + "/resolve/" + m.group(2) + "/" + m.group(3);
            String location = "/api/resolve-cache/models/" + repoId + "/" + repo.commit() + "/" + m.group(3) + "?"
                    + URLEncoder.encode(self, StandardCharsets.UTF_8) + "=&etag=%22" + gitBlobSha1(body) + "%22";
            ex.getResponseHeaders().remove("X-Repo-Commit");
            ex.getResponseHeaders().set("Location", location);
            redirect(ex, 307, location);
            return;
        }
        h.set("ETag", "\"" + gitBlobSha1(body) + "\"");
        FakeCdn.serve(ex, file, body, faults, log);
    }

    private void resolveCache(HttpExchange ex, Matcher m) throws IOException {
        Repo repo = repos.get(m.group(1));
        String file = URLDecoder.decode(m.group(3), StandardCharsets.UTF_8);
        byte[] body = repo == null || !repo.commit().equals(m.group(2)) ? null : repo.files().get(file);
        if (body == null || repo.access() != Access.PUBLIC) {
            error(ex, 404, "EntryNotFound", "Entry not found");
            return;
        }
        ex.getResponseHeaders().set("X-Repo-Commit", repo.commit());
        ex.getResponseHeaders().set("ETag", "\"" + gitBlobSha1(body) + "\"");
        FakeCdn.serve(ex, file, body, faults, log);
    }

    /** A redirect with the small text body the real hub sends (so its Content-Length is not the file's). */
    private static void redirect(HttpExchange ex, int status, String location) throws IOException {
        byte[] body = ((status == 302 ? "Found" : "Temporary Redirect") + ". Redirecting to " + location)
                .getBytes(StandardCharsets.UTF_8);
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    private static void error(HttpExchange ex, int status, String code, String message) throws IOException {
        if (code != null) {
            ex.getResponseHeaders().set("X-Error-Code", code);
        }
        ex.getResponseHeaders().set("X-Error-Message", message);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        byte[] body = ("{\"error\":\"" + message.replace("\"", "\\\"") + "\"}").getBytes(StandardCharsets.UTF_8);
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
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
        cdn.stop();
        pool.shutdownNow();
    }

    /**
     * Serves folders until killed: {@code FakeHub REPO=FOLDER...}; prints the endpoint on stdout and
     * each request on stderr. Options {@code --ttl SECONDS} (signed URL lifetime) and
     * {@code --bandwidth BYTES_PER_S}.
     */
    public static void main(String[] args) throws Exception {
        FakeHub hub = new FakeHub();
        hub.log.echo = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--ttl" -> hub.signedUrlTtl(Duration.ofSeconds(Long.parseLong(args[++i])));
                case "--bandwidth" -> hub.limitBandwidth(Long.parseLong(args[++i]));
                default -> {
                    String[] kv = args[i].split("=", 2);
                    System.err.println(kv[0] + " at commit " + hub.addRepo(kv[0], Path.of(kv[1])));
                }
            }
        }
        System.out.println(hub.endpoint());
        System.out.flush();
        Thread.currentThread().join();
    }
}
