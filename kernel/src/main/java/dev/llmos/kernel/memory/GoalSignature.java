package dev.llmos.kernel.memory;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The signature that groups traces of the same goal for consolidation, so that "Find the red ball!"
 * and "find red ball" count as one goal.
 *
 * <p>The rule, in order:
 *
 * <ol>
 *   <li>Unicode NFKC normalisation, then lower case ({@link Locale#ROOT}).
 *   <li>Every character that is not a letter, a digit or white space becomes a space, so
 *       punctuation is removed and {@code wall-following} reads as {@code wall following}.
 *   <li>The text is split on runs of white space.
 *   <li>The {@link #STOP_WORDS} are dropped. Negations ({@code no}, {@code not}, {@code without})
 *       are kept on purpose: "touch the wall" and "do not touch the wall" are different goals.
 *   <li>The remaining tokens are sorted (by UTF-16 code unit order) and duplicates removed.
 *   <li>The tokens are joined with single spaces; the signature is the SHA-256 of that text's UTF-8
 *       bytes, as 64 lower-case hex digits.
 * </ol>
 */
public final class GoalSignature {
  /** Words that carry no meaning about what was asked. */
  public static final Set<String> STOP_WORDS =
      Set.of(
          "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it",
          "its", "of", "on", "onto", "or", "please", "so", "that", "the", "then", "there", "these",
          "this", "those", "to", "was", "were", "with");

  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}\\s]");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private GoalSignature() {}

  /** The normalised goal: the text whose hash is the signature. */
  public static String normalise(String goal) {
    String text = Normalizer.normalize(goal, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    text = NOT_WORD.matcher(text).replaceAll(" ").strip();
    TreeSet<String> tokens = new TreeSet<>();
    if (!text.isEmpty()) {
      Arrays.stream(SPACES.split(text)).filter(t -> !STOP_WORDS.contains(t)).forEach(tokens::add);
    }
    return String.join(" ", tokens);
  }

  /** The 64-hex-digit signature of a goal. */
  public static String of(String goal) {
    return Sha256.hex(normalise(goal));
  }
}
