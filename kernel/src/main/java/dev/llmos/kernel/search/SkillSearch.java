package dev.llmos.kernel.search;

import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.catalog.SkillSpec;
import dev.llmos.kernel.volume.VolumeKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;

/**
 * Finds skills from a plain-English request ("don't bump into things") with a small in-memory
 * Lucene index over the skills in effect. The name and description say what a skill is for, so they
 * weigh more than the body; queries are widened with robotics synonyms so that the person's words
 * need not be the skill author's.
 */
public final class SkillSearch implements AutoCloseable {
  private static final String NAME = "name";
  private static final String DESCRIPTION = "description";
  private static final String BODY = "body";
  private static final String METADATA = "metadata";
  private static final String VOLUME = "volume";

  /** How much a match in each field counts; the body is long and mentions much in passing. */
  private static final Map<String, Float> BOOSTS =
      Map.of(NAME, 3.0f, DESCRIPTION, 2.0f, BODY, 1.0f, METADATA, 1.0f);

  private final ByteBuffersDirectory directory;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final SkillAnalyzer queryAnalyzer;

  private SkillSearch(ByteBuffersDirectory directory, DirectoryReader reader) {
    this.directory = directory;
    this.reader = reader;
    this.searcher = new IndexSearcher(reader);
    this.searcher.setSimilarity(new BM25Similarity());
    this.queryAnalyzer = SkillAnalyzer.forQueries();
  }

  /** Indexes the skills in effect in a catalog (one per name, as lookup resolves them). */
  public static SkillSearch of(Catalog catalog) {
    return of(catalog.skills());
  }

  /** Indexes the given skills. */
  public static SkillSearch of(List<SkillSpec> skills) {
    ByteBuffersDirectory directory = new ByteBuffersDirectory();
    try (SkillAnalyzer indexAnalyzer = SkillAnalyzer.forIndex()) {
      IndexWriterConfig config = new IndexWriterConfig(indexAnalyzer);
      config.setSimilarity(new BM25Similarity());
      try (IndexWriter writer = new IndexWriter(directory, config)) {
        for (SkillSpec skill : skills) {
          writer.addDocument(document(skill));
        }
      }
      return new SkillSearch(directory, DirectoryReader.open(directory));
    } catch (IOException e) {
      throw new UncheckedIOException("could not build the in-memory skill index", e);
    }
  }

  /**
   * The skills that best match a request, best first.
   *
   * @param limit the most skills to return, at least 1
   * @throws IllegalArgumentException when the query is empty or holds only common words
   */
  public List<SkillHit> search(String query, int limit) {
    if (query == null || query.isBlank()) {
      throw new IllegalArgumentException(
          "the search query is empty: say in plain words what the robot should do,"
              + " e.g. \"follow the black tape\"");
    }
    if (limit < 1) {
      throw new IllegalArgumentException("the result limit must be at least 1, was " + limit);
    }
    Query q = parse(query);
    try {
      List<SkillHit> hits = new ArrayList<>();
      for (ScoreDoc sd : searcher.search(q, limit).scoreDocs) {
        Document doc = searcher.storedFields().document(sd.doc);
        hits.add(
            new SkillHit(
                doc.get(NAME), sd.score, VolumeKind.parse(doc.get(VOLUME)), doc.get(DESCRIPTION)));
      }
      return List.copyOf(hits);
    } catch (IOException e) {
      throw new UncheckedIOException("could not search the in-memory skill index", e);
    }
  }

  /** How many skills are indexed. */
  public int size() {
    return reader.numDocs();
  }

  @Override
  public void close() {
    try {
      reader.close();
      directory.close();
      queryAnalyzer.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Query parse(String query) {
    QueryBuilder builder = new QueryBuilder(queryAnalyzer);
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    boolean any = false;
    for (var field : BOOSTS.entrySet()) {
      Query q = builder.createBooleanQuery(field.getKey(), query, BooleanClause.Occur.SHOULD);
      if (q != null) {
        all.add(new BoostQuery(q, field.getValue()), BooleanClause.Occur.SHOULD);
        any = true;
      }
    }
    if (!any) {
      throw new IllegalArgumentException(
          "the search query \""
              + query.strip()
              + "\" holds only common words; add words that say what the robot should do");
    }
    return all.build();
  }

  private static Document document(SkillSpec skill) {
    Document doc = new Document();
    doc.add(new TextField(NAME, skill.name(), Field.Store.YES));
    doc.add(new TextField(DESCRIPTION, skill.description(), Field.Store.YES));
    doc.add(new TextField(BODY, skill.document().body(), Field.Store.NO));
    List<String> meta = new ArrayList<>(skill.metadata().values());
    skill.compatibility().ifPresent(meta::add);
    doc.add(new TextField(METADATA, String.join("\n", meta), Field.Store.NO));
    doc.add(new StoredField(VOLUME, skill.volume().label()));
    return doc;
  }
}
