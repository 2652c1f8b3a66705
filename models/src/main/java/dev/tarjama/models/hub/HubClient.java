package dev.tarjama.models.hub;

import dev.tarjama.models.integrity.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP to a Hugging Face hub (or a mirror speaking its protocol): metadata with {@code HEAD
 * /{repo}/resolve/{revision}/{path}}, bytes with a resumable {@code GET}. Redirects are followed
 * by hand so that every hop obeys the https rule and the token never leaves the endpoint's origin.
 */
public final class HubClient {
    private static final int MAX_REDIRECTS = 10;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final HubSettings settings;
    private final HttpClient http;
    private final String userAgent;

    public HubClient(HubSettings settings) {
        this.settings = Objects.requireNonNull(settings);
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.timeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.userAgent = "tarjama/0.1; java/" + Runtime.version().feature();
    }

    public HubSettings settings() {
        return settings;
    }

    /** {@code {endpoint}/{repo}/resolve/{revision}/{path}}, revision and path percent-encoded. */
    public URI resolveUrl(String repo, String revision, String path) {
        StringBuilder sb = new StringBuilder(settings.endpoint().toString())
                .append('/').append(repo).append("/resolve/").append(encode(revision));
        for (String segment : path.split("/")) {
            sb.append('/').append(encode(segment));
        }
        return URI.create(sb.toString());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Metadata of one file. Same-origin redirects (a renamed repository) are followed; a redirect
     * elsewhere (the CDN holding an LFS file) is not, its location becomes the download URI.
     */
    public RemoteFile head(String repo, String revision, String path) throws IOException {
        if (settings.offline()) {
            throw new HubException("offline mode (HF_HUB_OFFLINE) forbids contacting " + settings.endpoint());
        }
        URI uri = resolveUrl(repo, revision, path);
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            settings.checkTransport(uri, "request to");
            HttpRequest request = request(uri).method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<Void> response = send(request, HttpResponse.BodyHandlers.discarding(), uri);
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            if (status >= 300 && status < 400 && location.isPresent()) {
                URI next = uri.resolve(location.get());
                if (sameOrigin(next, settings.endpoint())) {
                    uri = next;
                    continue;
                }
                return metadata(response, path, revision, next);
            }
            if (status >= 200 && status < 300) {
                return metadata(response, path, revision, uri);
            }
            throw failure(response, repo, revision, path);
        }
        throw new HubException("too many redirects resolving " + path + " in " + repo);
    }

    private RemoteFile metadata(HttpResponse<?> r, String path, String revision, URI download) throws HubException {
        var h = r.headers();
        String etag = h.firstValue("X-Linked-Etag").or(() -> h.firstValue("ETag")).map(HubClient::normalizeEtag)
                .orElse(null);
        long size = h.firstValue("X-Linked-Size").or(() -> h.firstValue("Content-Length"))
                .map(Long::parseLong).orElse(-1L);
        String commit = h.firstValue("X-Repo-Commit").orElse(null);
        if (commit == null) {
            if (!Hashing.isSha1(revision)) {
                throw new HubException(settings.endpoint() + " did not send X-Repo-Commit for " + path
                        + ": is it a Hugging Face hub (or a mirror that forwards hub headers)?");
            }
            commit = revision;
        }
        if (!Hashing.isSha1(commit)) {
            throw new HubException("X-Repo-Commit '" + commit + "' for " + path + " is not a commit id");
        }
        return new RemoteFile(path, etag, size, commit, download);
    }

    /** Strips {@code W/} and quotes, as huggingface_hub does. */
    static String normalizeEtag(String etag) {
        String e = etag.strip();
        if (e.startsWith("W/")) {
            e = e.substring(2);
        }
        if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
            e = e.substring(1, e.length() - 1);
        }
        return e;
    }

    /**
     * Downloads into {@code incomplete}, continuing from its current length with a {@code Range}
     * request. Returns when the file has {@code file.size()} bytes; throws a retryable
     * {@link HubException} when the connection drops (the bytes so far stay for the next try).
     */
    public void download(RemoteFile file, Path incomplete, ProgressListener progress) throws IOException {
        if (settings.offline()) {
            throw new HubException("offline mode (HF_HUB_OFFLINE) forbids downloading " + file.path());
        }
        long offset = Files.exists(incomplete) ? Files.size(incomplete) : 0;
        if (file.size() >= 0 && offset > file.size()) {
            truncate(incomplete);
            offset = 0;
        }
        if (file.size() >= 0 && offset == file.size()) {
            return;
        }
        URI uri = file.download();
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            settings.checkTransport(uri, "download from");
            HttpRequest.Builder b = request(uri).GET();
            if (offset > 0) {
                b.header("Range", "bytes=" + offset + "-");
            }
            HttpResponse<InputStream> response = send(b.build(), HttpResponse.BodyHandlers.ofInputStream(), uri);
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            if (status >= 300 && status < 400 && location.isPresent()) {
                response.body().close();
                uri = uri.resolve(location.get());
                continue;
            }
            if (status == 416) {
                response.body().close();
                truncate(incomplete);
                throw new HubException("server refused to resume " + file.path() + " at byte " + offset
                        + "; starting over", true, null);
            }
            if (status == 200 && offset > 0) {
                progress.note(file.path() + ": server ignored the range request; downloading from the start");
                truncate(incomplete);
                offset = 0;
            } else if (status == 206) {
                long start = contentRangeStart(response);
                if (start != offset) {
                    response.body().close();
                    truncate(incomplete);
                    throw new HubException("server resumed " + file.path() + " at byte " + start + " instead of "
                            + offset + "; starting over", true, null);
                }
            } else if (status != 200) {
                response.body().close();
                throw failure(response, null, null, file.path());
            }
            copy(response.body(), incomplete, offset, file, progress);
            return;
        }
        throw new HubException("too many redirects downloading " + file.path());
    }

    private void copy(InputStream body, Path incomplete, long offset, RemoteFile file, ProgressListener progress)
            throws IOException {
        long done = offset;
        progress.started(file.path(), offset, file.size());
        try (InputStream in = body;
                FileChannel out = FileChannel.open(incomplete, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            out.position(offset);
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                ByteBuffer bb = ByteBuffer.wrap(buffer, 0, n);
                while (bb.hasRemaining()) {
                    out.write(bb);
                }
                done += n;
                progress.advanced(file.path(), done, file.size());
            }
            out.force(false);
        } catch (IOException e) {
            if (e instanceof HubException) {
                throw e;
            }
            throw new HubException("connection dropped while downloading " + file.path() + " after " + done
                    + " of " + file.size() + " bytes (" + e.getMessage() + ")", true, e);
        }
        if (file.size() >= 0 && done != file.size()) {
            if (done > file.size()) {
                truncate(incomplete);
            }
            throw new HubException("download of " + file.path() + " ended at " + done + " of " + file.size()
                    + " bytes", true, null);
        }
        progress.finished(file.path(), done);
    }

    private static long contentRangeStart(HttpResponse<?> response) throws HubException {
        String value = response.headers().firstValue("Content-Range").orElse("");
        Matcher m = CONTENT_RANGE.matcher(value);
        if (!m.matches()) {
            throw new HubException("206 response without a valid Content-Range ('" + value + "')", true, null);
        }
        return Long.parseLong(m.group(1));
    }

    private static void truncate(Path file) throws IOException {
        Files.deleteIfExists(file);
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .header("User-Agent", userAgent)
                .header("Accept-Encoding", "identity");
        if (settings.token().isPresent() && sameOrigin(uri, settings.endpoint())) {
            b.header("Authorization", "Bearer " + settings.token().get());
        }
        return b;
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, URI uri)
            throws IOException {
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException("interrupted while contacting " + uri.getHost(), e);
        } catch (IOException e) {
            throw new HubException("cannot reach " + uri.getScheme() + "://" + uri.getAuthority() + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")",
                    true, e);
        }
    }

    static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(lower(a.getScheme()), lower(b.getScheme()))
                && Objects.equals(lower(a.getHost()), lower(b.getHost()))
                && port(a) == port(b);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static int port(URI u) {
        if (u.getPort() != -1) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private HubException failure(HttpResponse<?> r, String repo, String revision, String path) {
        int status = r.statusCode();
        String code = r.headers().firstValue("X-Error-Code").orElse("");
        String detail = r.headers().firstValue("X-Error-Message").map(m -> " (" + m + ")").orElse("");
        String what = repo == null ? path : repo + "@" + revision + ": " + path;
        if (status == 401 || status == 403 || code.equals("GatedRepo")) {
            String hint = settings.token().isPresent()
                    ? "the token in HF_TOKEN has no access to it (gated repositories must be accepted on the website)"
                    : "the repository is private or gated: set HF_TOKEN";
            return new HubException("access denied (HTTP " + status + ") to " + what + ": " + hint + detail);
        }
        if (status == 404) {
            String reason = switch (code) {
                case "RevisionNotFound" -> "revision '" + revision + "' does not exist in " + repo;
                case "EntryNotFound" -> "no file " + path + " in " + repo + " at " + revision;
                case "RepoNotFound" -> "repository " + repo + " not found (or private: set HF_TOKEN)";
                default -> "not found (HTTP 404): " + what;
            };
            return new HubException(reason + detail);
        }
        boolean retryable = status == 429 || status >= 500;
        return new HubException("HTTP " + status + " for " + what + detail, retryable, null);
    }
}
