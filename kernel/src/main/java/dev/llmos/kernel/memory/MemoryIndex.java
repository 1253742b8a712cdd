package dev.llmos.kernel.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/**
 * Ranks memories against a query with Lucene's BM25 over an in-memory index built per query. Memory
 * is small (hundreds of files), so indexing on demand is cheap and never goes stale.
 */
final class MemoryIndex {
  private static final String TEXT = "text";
  private static final String POSITION = "position";
  private static final int SUMMARY_CHARS = 100;

  private MemoryIndex() {}

  static List<MemoryHit> search(
      List<Trace> traces, List<Learning> learnings, String text, int limit) {
    List<MemoryHit> candidates = new ArrayList<>();
    List<String> contents = new ArrayList<>();
    for (Trace t : traces) {
      candidates.add(
          new MemoryHit(MemoryKind.SHORT_TERM, t.id(), t.goal(), 0, t.time(), summary(t)));
      contents.add(t.goal() + "\n" + t.outcome() + "\n" + t.notes());
    }
    for (Learning l : learnings) {
      candidates.add(
          new MemoryHit(MemoryKind.LONG_TERM, l.id(), l.goal(), 0, l.lastSeen(), summary(l)));
      // What was learnt, without the body's fixed headings that every learning shares.
      contents.add(
          l.goal()
              + "\n"
              + String.join("\n", l.worked())
              + "\n"
              + String.join(" ", l.agents().keySet()));
    }
    try (Analyzer analyzer = new EnglishAnalyzer();
        Directory directory = new ByteBuffersDirectory()) {
      BooleanQuery query = query(analyzer, text);
      if (query.clauses().isEmpty() || candidates.isEmpty()) {
        return List.of();
      }
      try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
        for (int i = 0; i < contents.size(); i++) {
          Document doc = new Document();
          doc.add(new TextField(TEXT, contents.get(i), Field.Store.NO));
          doc.add(new StoredField(POSITION, i));
          writer.addDocument(doc);
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        IndexSearcher searcher = new IndexSearcher(reader);
        StoredFields stored = searcher.storedFields();
        List<MemoryHit> hits = new ArrayList<>();
        // Every match, so that recency can break ties among equal scores before the cut.
        for (ScoreDoc sd : searcher.search(query, candidates.size()).scoreDocs) {
          int position = stored.document(sd.doc).getField(POSITION).numericValue().intValue();
          MemoryHit c = candidates.get(position);
          hits.add(new MemoryHit(c.kind(), c.id(), c.goal(), sd.score, c.time(), c.summary()));
        }
        hits.sort(
            Comparator.comparingDouble(MemoryHit::score)
                .reversed()
                .thenComparing(MemoryHit::time, Comparator.<Instant>reverseOrder())
                .thenComparing(MemoryHit::id));
        return List.copyOf(hits.subList(0, Math.min(limit, hits.size())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not search memory in RAM", e);
    }
  }

  /**
   * Any of the query's analysed terms. Built by hand rather than with the query parser so that
   * words such as AND, NOT or a stray quote in a person's text are plain words, never syntax.
   */
  private static BooleanQuery query(Analyzer analyzer, String text) throws IOException {
    Set<String> terms = new LinkedHashSet<>();
    try (TokenStream tokens = analyzer.tokenStream(TEXT, text)) {
      CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
      tokens.reset();
      while (tokens.incrementToken()) {
        terms.add(term.toString());
      }
      tokens.end();
    }
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    terms.forEach(t -> query.add(new TermQuery(new Term(TEXT, t)), BooleanClause.Occur.SHOULD));
    return query.build();
  }

  private static String summary(Trace t) {
    String outcome = t.outcome().strip().replaceAll("\\s+", " ");
    if (outcome.length() > SUMMARY_CHARS) {
      outcome = outcome.substring(0, SUMMARY_CHARS - 3) + "...";
    }
    return String.format(
        Locale.ROOT,
        "%s, success %.2f, %.1f s: %s",
        t.agent(),
        t.success(),
        t.durationS(),
        outcome);
  }

  private static String summary(Learning l) {
    return String.format(
        Locale.ROOT,
        "%d traces, success %.2f, best agent %s, mean %.1f s",
        l.traces(),
        l.successRate(),
        l.bestAgent(),
        l.meanDurationS());
  }
}
