package dev.tarjama.jobs.batch.report;

/** A model name and revision as the rows record them. */
public record ModelName(String name, String revision) {}
