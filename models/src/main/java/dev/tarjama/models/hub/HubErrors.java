package dev.tarjama.models.hub;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One clear message per way the hub says no, read as huggingface_hub's {@code hf_raise_for_status}
 * reads it: {@code X-Error-Code} first ({@code RepoNotFound}, {@code GatedRepo},
 * {@code RevisionNotFound}, {@code EntryNotFound}), then the status. What the real hub answers:
 * <ul>
 *   <li>an unknown or private repository: 401 {@code RepoNotFound} to an anonymous request
 *       (it does not say which), 404 {@code RepoNotFound} to a valid token without access;</li>
 *   <li>a gated repository: 401 {@code GatedRepo} without a token, 403 {@code GatedRepo} with the
 *       token of an account that was not granted access;</li>
 *   <li>an invalid token: 401, {@code X-Error-Message: Invalid credentials in Authorization header};</li>
 *   <li>rate limits: 429 with {@code Retry-After} and/or {@code RateLimit: "api";r=0;t=N}.</li>
 * </ul>
 * A refusal from another host (the CDN holding an LFS file) is never the token's fault: the token
 * is not sent there, and the usual cause is an expired signed URL, so it asks for a fresh one.
 */
final class HubErrors {
    private static final Pattern RATELIMIT = Pattern.compile("r\\s*=\\s*(\\d+)\\s*;\\s*t\\s*=\\s*(\\d+)");
    private static final Pattern XML_MESSAGE = Pattern.compile("<Message>([^<]{1,200})</Message>");
    private static final Pattern JSON_ERROR = Pattern.compile("\"error\"\\s*:\\s*\"([^\"]{1,200})\"");

    /**
     * What a request was about.
     *
     * @param endpoint the hub's origin
     * @param tokenSent whether the request carried {@code Authorization}
     * @param repo the repository, or null for a download whose repository is not known here
     * @param revision the revision asked for, or null
     * @param path the file in the repository
     */
    record Context(URI endpoint, boolean tokenSent, String repo, String revision, String path) {}

    private HubErrors() {}

    /**
     * The error for a response; {@code body} is what its body said (see {@link #bodyMessage}),
     * used when there is no {@code X-Error-Message} (a CDN's XML error, for instance).
     */
    static HubException of(int status, HttpHeaders h, String body, URI uri, Context c) {
        String code = h.firstValue("X-Error-Code").orElse("");
        String serverSays = h.firstValue("X-Error-Message").orElse(body == null ? "" : body);
        String detail = serverSays.isEmpty() ? "" : ": " + serverSays;
        String http = "HTTP " + status + detail;
        if (!HubClient.sameOrigin(uri, c.endpoint())) {
            if (status == 401 || status == 403 || status == 410) {
                return new CdnRefusedException(uri.getHost() + " refused the download of " + c.path() + " (" + http
                        + "): the signed download URL has probably expired; resolving the file again gives a fresh"
                        + " one", status);
            }
            return retryable(status)
                    ? new HubException(uri.getHost() + " answered " + http + " for " + c.path(), true,
                            retryAfter(status, h), null)
                    : new HubException(uri.getHost() + " answered " + http + " for " + c.path());
        }
        String repo = c.repo() == null ? "the repository" : c.repo();
        String page = c.endpoint() + (c.repo() == null ? "" : "/" + c.repo());
        switch (code) {
            case "GatedRepo":
                return new HubException(c.tokenSent()
                        ? repo + " is gated and the account of HF_TOKEN has not been granted access (" + http
                                + "). Request access at " + page + ", then fetch again"
                        : repo + " is gated: request access at " + page + " with a Hugging Face account, then set"
                                + " HF_TOKEN to a read token of that account (no token was sent; " + http + ")");
            case "RevisionNotFound":
                return new HubException("revision '" + c.revision() + "' does not exist in " + repo + " (" + http
                        + "): give a branch, tag or commit id of " + page);
            case "EntryNotFound":
                return new HubException("no file " + c.path() + " in " + repo + " at " + c.revision() + " (" + http
                        + ")");
            default:
                break;
        }
        if (status == 401 && c.tokenSent()) {
            return new HubException("the token in HF_TOKEN was not accepted by " + c.endpoint() + " (" + http
                    + "): it is invalid or expired. Create a read token at " + c.endpoint() + "/settings/tokens,"
                    + " or unset HF_TOKEN for public models");
        }
        if (code.equals("RepoNotFound") || status == 401) {
            return new HubException(c.tokenSent()
                    ? "repository " + repo + " not found on " + c.endpoint() + " (" + http + "): check the name;"
                            + " if it is private, the account of HF_TOKEN cannot read it"
                    : "repository " + repo + " not found on " + c.endpoint() + " (" + http + "): check the name;"
                            + " if it is private, set HF_TOKEN to a read token of an account that can see it"
                            + " (no token was sent)");
        }
        if (status == 403) {
            return new HubException(c.endpoint() + " refused " + c.path() + " in " + repo + " (" + http + ")"
                    + (c.tokenSent() ? ": the token in HF_TOKEN lacks the permission to read it" : ""));
        }
        if (status == 404) {
            return new HubException("not found (" + http + "): " + repo + "@" + c.revision() + ": " + c.path());
        }
        if (status == 429) {
            Duration wait = retryAfter(status, h);
            return new HubException(c.endpoint() + " is rate-limiting these requests (" + http + ")"
                    + (wait != null ? "; it asks to wait " + wait.toSeconds() + " s" : "")
                    + (c.tokenSent() ? "" : ". Requests with HF_TOKEN get a higher limit"), true, wait, null);
        }
        if (retryable(status)) {
            return new HubException(c.endpoint() + " answered " + http + " for " + c.path() + " in " + repo
                    + ": the hub is having trouble, try again later", true, retryAfter(status, h), null);
        }
        return new HubException(c.endpoint() + " answered " + http + " for " + repo + "@" + c.revision() + ": "
                + c.path());
    }

    /**
     * A short reading of an error body, closed afterwards: the {@code <Message>} of an S3/CloudFront
     * XML error, the {@code "error"} of the hub's JSON, else the first line of text; empty if none.
     */
    static String bodyMessage(InputStream body) {
        try (InputStream in = body) {
            String text = new String(in.readNBytes(2048), StandardCharsets.UTF_8);
            Matcher xml = XML_MESSAGE.matcher(text);
            if (xml.find()) {
                return xml.group(1).strip();
            }
            Matcher json = JSON_ERROR.matcher(text);
            if (json.find()) {
                return json.group(1).strip();
            }
            String line = text.strip().lines().findFirst().orElse("");
            return line.length() > 200 || line.startsWith("<") ? "" : line;
        } catch (IOException | RuntimeException unreadable) {
            return "";
        }
    }

    static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /** {@code Retry-After} (seconds or an HTTP date), else a 429's {@code RateLimit} reset; null when neither. */
    static Duration retryAfter(int status, HttpHeaders h) {
        String value = h.firstValue("Retry-After").map(String::strip).orElse("");
        if (value.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        if (!value.isEmpty()) {
            try {
                Duration d = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notADate) {
                // ignored, as huggingface_hub ignores it
            }
        }
        if (status == 429) {
            Matcher m = RATELIMIT.matcher(h.firstValue("RateLimit").orElse(""));
            if (m.find() && m.group(1).equals("0")) {
                return Duration.ofSeconds(Long.parseLong(m.group(2)));
            }
        }
        return null;
    }
}
