package dev.tarjama.jobs.batch.report;

/** The report's {@code tokens}: fed to the encoder and generated, over every translated segment. */
public record Tokens(long source, long generated) {}
