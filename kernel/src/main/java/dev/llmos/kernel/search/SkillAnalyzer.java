package dev.llmos.kernel.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;

/**
 * The text analysis of skill search: words, lower case, English stop words, Porter stemming, and on
 * queries only the robotics synonyms. Synonyms are matched after stemming, so one rule for "bump"
 * also catches "bumping" and "bumped".
 */
final class SkillAnalyzer extends Analyzer {
  /** The synonym map shipped with the kernel, in Solr format. */
  static final String SYNONYMS_RESOURCE = "/llmos/search/synonyms.txt";

  /**
   * English stop words plus the filler of spoken requests, which every skill would match equally.
   */
  private static final CharArraySet STOP_WORDS = stopWords();

  private final Optional<SynonymMap> synonyms;

  private SkillAnalyzer(Optional<SynonymMap> synonyms) {
    this.synonyms = synonyms;
  }

  /** The analyzer for skill text as it is indexed. */
  static SkillAnalyzer forIndex() {
    return new SkillAnalyzer(Optional.empty());
  }

  /** The analyzer for queries: the index chain plus the shipped synonyms. */
  static SkillAnalyzer forQueries() {
    return new SkillAnalyzer(Optional.of(Holder.SHIPPED));
  }

  /** Builds a synonym map from Solr-format rules, analysed like the index so stems line up. */
  static SynonymMap parseSynonyms(String source, Reader rules) {
    try (Analyzer ruleAnalyzer = forIndex()) {
      SolrSynonymParser parser = new SolrSynonymParser(true, true, ruleAnalyzer);
      parser.parse(rules);
      return parser.build();
    } catch (ParseException e) {
      throw new IllegalStateException(source + ": " + e.getMessage() + ": " + rootMessage(e), e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the synonyms " + source, e);
    }
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    Tokenizer source = new StandardTokenizer();
    TokenStream stream = new EnglishPossessiveFilter(source);
    stream = new LowerCaseFilter(stream);
    stream = new StopFilter(stream, STOP_WORDS);
    stream = new PorterStemFilter(stream);
    if (synonyms.isPresent()) {
      stream = new SynonymGraphFilter(stream, synonyms.get(), true);
    }
    return new TokenStreamComponents(source, stream);
  }

  private static CharArraySet stopWords() {
    CharArraySet set = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, false);
    set.addAll(
        List.of(
            "i", "me", "my", "we", "our", "you", "your", "it's", "please", "want", "need", "would",
            "should", "can", "could", "do", "does", "did", "get", "got", "let", "make", "up",
            "from", "over", "some", "all", "its", "how", "what", "when", "where", "has", "have",
            "had"));
    return CharArraySet.unmodifiableSet(set);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  /** Loads the shipped synonyms once, on first use. */
  private static final class Holder {
    static final SynonymMap SHIPPED = loadShipped();

    private static SynonymMap loadShipped() {
      InputStream in = SkillAnalyzer.class.getResourceAsStream(SYNONYMS_RESOURCE);
      if (in == null) {
        throw new IllegalStateException(
            "the search synonyms " + SYNONYMS_RESOURCE + " are missing from the distribution");
      }
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        return parseSynonyms(SYNONYMS_RESOURCE, reader);
      } catch (IOException e) {
        throw new UncheckedIOException("could not read " + SYNONYMS_RESOURCE, e);
      }
    }
  }
}
