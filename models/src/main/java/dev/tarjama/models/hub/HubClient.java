package dev.tarjama.models.hub;

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
    private final ProgressListener progress;

    public HubClient(HubSettings settings) {
        this(settings, ProgressListener.NONE);
    }

    /** A client that tells {@code progress} about retries. */
    public HubClient(HubSettings settings, ProgressListener progress) {
        this.settings = Objects.requireNonNull(settings);
        this.progress = Objects.requireNonNull(progress);
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
     * Metadata of one file, as huggingface_hub's {@code get_hf_file_metadata} reads it. Redirects
     * to the endpoint's own origin are followed (the {@code 307} to {@code /api/resolve-cache/...}
     * for small files, a renamed repository); a redirect elsewhere (the CDN holding an LFS file) is
     * not: its location becomes the download URI and the metadata is read off the redirect itself.
     * {@code 408}, {@code 429}, {@code 5xx} and dropped connections are retried with backoff,
     * {@code Retry-After} honoured.
     */
    public RemoteFile head(String repo, String revision, String path) throws IOException {
        if (settings.offline()) {
            throw new HubException("offline mode (HF_HUB_OFFLINE) forbids contacting " + settings.endpoint());
        }
        Backoff backoff = new Backoff(settings, progress);
        for (int attempt = 1; ; attempt++) {
            try {
                return headOnce(repo, revision, path);
            } catch (HubException e) {
                // No connection at all is not retried here, as huggingface_hub does not retry metadata
                // requests: the connect timeout has already been waited for.
                if (!e.retryable() || attempt >= settings.attempts() || e instanceof HubUnreachableException) {
                    if (attempt == 1) {
                        throw e;
                    }
                    String message = e.getMessage() + " (after " + attempt + " tries)";
                    throw e instanceof HubUnreachableException ? new HubUnreachableException(message, e)
                            : new HubException(message, false, e.retryAfter().orElse(null), e);
                }
                backoff.pause(e, attempt + 1, settings.attempts());
            }
        }
    }

    private RemoteFile headOnce(String repo, String revision, String path) throws IOException {
        URI uri = resolveUrl(repo, revision, path);
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            settings.checkTransport(uri, "request to");
            HttpRequest request = request(uri, settings.timeout()).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .build();
            HttpResponse<Void> response = send(request, HttpResponse.BodyHandlers.discarding(), uri);
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            if (status >= 300 && status < 400 && location.isPresent()) {
                URI next = uri.resolve(location.get());
                if (sameOrigin(next, settings.endpoint())) {
                    uri = next;
                    continue;
                }
                return RemoteFile.fromHeaders(response.headers(), path, revision, next, true, settings.endpoint());
            }
            if (status >= 200 && status < 300) {
                return RemoteFile.fromHeaders(response.headers(), path, revision, uri, false, settings.endpoint());
            }
            throw HubErrors.of(status, response.headers(), "", uri, context(repo, revision, path));
        }
        throw new HubException("too many redirects resolving " + path + " in " + repo);
    }

    private HubErrors.Context context(String repo, String revision, String path) {
        return new HubErrors.Context(settings.endpoint(), settings.token().isPresent(), repo, revision, path);
    }

    /**
     * Downloads into {@code incomplete}, continuing from its current length with a {@code Range}
     * request. Returns when the file has {@code file.size()} bytes; throws a retryable
     * {@link HubException} when the connection drops or no byte arrives for
     * {@link HubSettings#readTimeout()} (the bytes so far stay for the next try), and a
     * {@link CdnRefusedException} when the CDN refuses the URL (resolve the file again).
     */
    public void download(String repo, RemoteFile file, Path incomplete, ProgressListener progress) throws IOException {
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
            HttpRequest.Builder b = request(uri, settings.readTimeout()).GET();
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
                String said = HubErrors.bodyMessage(response.body());
                throw HubErrors.of(status, response.headers(), said, uri, context(repo, file.commit(), file.path()));
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
        ReadTimeout timeout = new ReadTimeout(body, settings.readTimeout());
        try (timeout; InputStream in = body;
                FileChannel out = FileChannel.open(incomplete, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            out.position(offset);
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                timeout.progressed();
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
            if (timeout.fired()) {
                throw new HubException("no byte for " + settings.readTimeout().toSeconds() + " s while downloading "
                        + file.path() + " at " + done + " of " + file.size() + " bytes (read timeout)", true, e);
            }
            throw new HubException("connection dropped while downloading " + file.path() + " after " + done
                    + " of " + file.size() + " bytes (" + e.getMessage() + ")", true, e);
        }
        if (timeout.fired() && (file.size() < 0 || done != file.size())) {
            throw new HubException("no byte for " + settings.readTimeout().toSeconds() + " s while downloading "
                    + file.path() + " at " + done + " of " + file.size() + " bytes (read timeout)", true, null);
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

    private HttpRequest.Builder request(URI uri, java.time.Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(timeout)
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
            String message = "cannot reach " + uri.getScheme() + "://" + uri.getAuthority() + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
            if (HubUnreachableException.isConnectFailure(e)) {
                throw new HubUnreachableException(message, e);
            }
            throw new HubException(message, true, e);
        }
    }

    /** Same scheme, host and port: where the token may go and which redirects are the hub's own. */
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
}
