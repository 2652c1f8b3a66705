package dev.tarjama.models.hub;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/**
 * No connection could be made to a host (refused, unknown name, connect timeout): the machine
 * cannot reach the hub at all. Retryable like any dropped connection; the first-run fetch treats
 * it as "no hub here" and keeps the message it gives without one.
 */
public final class HubUnreachableException extends HubException {
    private static final long serialVersionUID = 1L;

    HubUnreachableException(String message, Throwable cause) {
        super(message, true, cause);
    }

    /** True for the failures that mean no connection was made, looking through causes. */
    static boolean isConnectFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof HttpConnectTimeoutException || t instanceof UnresolvedAddressException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
