package dev.tarjama.models.translate;

/** One article to translate: an id that travels through to the result, an Arabic title and body. */
public record SourceArticle(String id, String title, String body) {}
