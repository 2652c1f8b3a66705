package dev.tarjama.jobs.prepare;

import java.io.Serializable;

/** A status decided without translating: the status, its reason code and a message for people. */
public record Verdict(String status, String reason, String message) implements Serializable {

    public static Verdict failed(String reason, String message) {
        return new Verdict(Status.FAILED, reason, message);
    }

    public static Verdict skipped(String reason, String message) {
        return new Verdict(Status.SKIPPED, reason, message);
    }
}
