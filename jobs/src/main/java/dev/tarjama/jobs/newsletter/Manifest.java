package dev.tarjama.jobs.newsletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;

/** {@code manifest.json}: what went into a newsletter and what was left out, for people and schedulers. */
public final class Manifest {
    /** Bumped when a field changes meaning or goes away (2: candidates include the flagged rows left out). */
    public static final int VERSION = 2;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Manifest() {}

    public static String json(NewsletterOptions options, LocalDate from, LocalDate to, Selection selection,
            Instant generatedAt) {
        ObjectNode root = JSON.createObjectNode();
        root.put("manifest_version", VERSION);
        root.put("title", options.title());
        root.put("from", from.toString());
        root.put("to", to.toString());
        root.put("input", options.input());
        root.put("generated_at", generatedAt.toString());
        ObjectNode settings = root.putObject("options");
        settings.put("max", options.max());
        settings.put("per_source", options.perSource());
        settings.put("similarity", options.similarity());
        settings.put("shingle_words", Shingles.SIZE);
        ObjectNode counts = root.putObject("counts");
        counts.put("candidates", selection.candidates());
        counts.put("selected", selection.selected().size());
        counts.put("collapsed_duplicates", selection.duplicates().size());
        counts.put("capped_per_source", selection.cappedPerSource());
        counts.put("over_max", selection.overMax());
        counts.put("flagged_left_out", selection.flagged().size());
        counts.put("smoke_articles", selection.selected().stream().filter(Candidate::smoke).count());
        settings.put("include_flagged", options.includeFlagged());
        ArrayNode articles = root.putArray("articles");
        for (Candidate c : selection.selected()) {
            ObjectNode a = articles.addObject();
            a.put("article_id", c.articleId());
            a.put("source", c.source());
            a.put("published_at", c.publishedAt() == null ? null : c.publishedAt().toString());
            a.put("dt", c.dt().toString());
            a.put("url", c.url());
            a.put("linked", SafeLink.href(c.url()).isPresent());
            a.put("summary_from", c.hasSummaries() ? "summary" : "body");
            a.put("translation_model", c.provenance().translationModel());
            a.put("translation_model_revision", c.provenance().translationModelRevision());
            if (!c.reviewFlags().isEmpty()) {
                c.reviewFlags().forEach(a.putArray("needs_review")::add);
            }
        }
        ArrayNode flagged = root.putArray("flagged");
        for (Candidate c : selection.flagged()) {
            ObjectNode f = flagged.addObject();
            f.put("article_id", c.articleId());
            f.put("dt", c.dt().toString());
            c.reviewFlags().forEach(f.putArray("flags")::add);
        }
        ArrayNode duplicates = root.putArray("duplicates");
        for (Selection.Duplicate d : selection.duplicates()) {
            ObjectNode o = duplicates.addObject();
            o.put("article_id", d.articleId());
            o.put("duplicate_of", d.keptId());
            o.put("similarity", Math.round(d.similarity() * 1000) / 1000.0);
        }
        ArrayNode files = root.putArray("files");
        for (NewsletterFormat f : NewsletterFormat.values()) {
            files.add(f.fileName());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
