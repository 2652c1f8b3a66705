package dev.tarjama.jobs.batch.report;

/** The report's {@code spark}: where the run ran and how it was spread. */
public record SparkSection(String master, String applicationId, int taskCpus, int partitions) {}
