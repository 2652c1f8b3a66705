package dev.tarjama.models.hub;

/**
 * A host other than the endpoint (the CDN an LFS file was redirected to) refused a download with
 * 401, 403 or 410. The usual cause is a signed URL that expired while other files downloaded; the
 * remedy is to resolve the file again for a fresh URL, never the token (which is not sent there).
 */
final class CdnRefusedException extends HubException {
    private static final long serialVersionUID = 1L;

    private final int status;

    CdnRefusedException(String message, int status) {
        super(message, true, null);
        this.status = status;
    }

    int status() {
        return status;
    }
}
