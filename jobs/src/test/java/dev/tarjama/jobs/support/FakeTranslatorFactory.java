package dev.tarjama.jobs.support;

import dev.tarjama.jobs.exec.ArticleTranslator;
import dev.tarjama.jobs.exec.TranslatorFactory;
import dev.tarjama.models.translate.ArticleTranslation;
import dev.tarjama.models.translate.SegmentTranslation;
import dev.tarjama.models.translate.SourceArticle;
import dev.tarjama.models.translate.TranslatorSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Development stand-in for the translation pipeline until it is on main: one segment per
 * non-empty line, target "en:" and the source's length. Throws on an article whose body contains
 * {@code CRASH}, to exercise failure isolation.
 */
public final class FakeTranslatorFactory implements TranslatorFactory {
    @Override
    public ArticleTranslator open(TranslatorSpec spec) {
        return new ArticleTranslator() {
            @Override
            public List<ArticleTranslation> translate(List<SourceArticle> articles) {
                List<ArticleTranslation> out = new ArrayList<>();
                for (SourceArticle a : articles) {
                    if (a.body().contains("CRASH")) {
                        throw new IllegalStateException("native failure on " + a.id());
                    }
                    List<SegmentTranslation> segments = new ArrayList<>();
                    if (!a.title().isBlank()) {
                        segments.add(segment(-1, 0, a.title().strip()));
                    }
                    int p = 0;
                    for (String line : a.body().split("\\R")) {
                        if (!line.isBlank()) {
                            segments.add(segment(p++, 0, line.strip()));
                        }
                    }
                    StringBuilder body = new StringBuilder();
                    segments.stream().filter(s -> s.paragraph() >= 0)
                            .forEach(s -> body.append(body.length() == 0 ? "" : "\n\n").append(s.target()));
                    out.add(new ArticleTranslation(a.id(), a.title(), a.body(),
                            a.title().isBlank() ? "" : segments.get(0).target(), body.toString(), segments));
                }
                return out;
            }

            private SegmentTranslation segment(int paragraph, int sentence, String source) {
                return new SegmentTranslation(paragraph, sentence, source, "en:" + source.length(), -0.5,
                        source.length() / 4 + 1, 3, List.of());
            }

            @Override
            public String modelName() {
                return "fake";
            }

            @Override
            public String modelRevision() {
                return "0";
            }

            @Override
            public void close() {}
        };
    }
}
