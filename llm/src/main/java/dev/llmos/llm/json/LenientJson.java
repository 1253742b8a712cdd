package dev.llmos.llm.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and reads the JSON a model meant in its reply. Models wrap it in reasoning ({@code
 * <think>...</think>}, as Qwen3 does), markdown fences and prose, leave trailing commas, and stop
 * in the middle of it when they reach their token limit; this reads through all of that:
 *
 * <ul>
 *   <li>{@code <think>} blocks are removed; a lone {@code </think>} ends the reasoning (the chat
 *       template opened it); a {@code <think>} never closed means the reply ended while thinking.
 *   <li>The contents of ``` fences are tried first, then the whole reply; in each, every opening
 *       brace (or bracket) in turn starts a candidate, up to its matching close; text before and
 *       after is ignored, and the first candidate that reads as JSON wins.
 *   <li>Trailing commas are dropped.
 *   <li>A value cut short is closed: an open string is closed (a cut escape dropped), while a
 *       number or word at the cut is dropped, since its last digits may be missing; then a dangling
 *       comma, a key without a value, and the open arrays and objects are closed.
 * </ul>
 *
 * Numbers may be written <code>NaN</code>, <code>Infinity</code>, <code>+1</code>, <code>.5</code>
 * or <code>1.</code>, and strings may hold raw line breaks: callers check what they read, and a
 * non-finite number says more there than a failure to read it would. Never throws on model text;
 * stateless and thread-safe.
 */
public final class LenientJson {
  /** The longest excerpt a failure quotes, characters. */
  public static final int EXCERPT_CHARS = 60;

  // Bounds the work on a reply full of braces: each candidate is one linear scan.
  private static final int MAX_CANDIDATES = 32;
  private static final int MAX_REASON_CHARS = 160;

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
          .enable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
          .enable(JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
          .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
          .build();

  private static final Pattern THINK_BLOCK =
      Pattern.compile("<think>.*?</think>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final String THINK_OPEN = "<think>";
  private static final String THINK_CLOSE = "</think>";
  // A fence's language tag, then its contents up to the closing fence or, cut short, the end.
  private static final Pattern FENCE =
      Pattern.compile("```[A-Za-z0-9_+-]*[ \\t]*\\R?(.*?)(?:```|\\z)", Pattern.DOTALL);

  private LenientJson() {}

  /** The JSON object or array the reply meant. */
  public static JsonResult parse(String reply) {
    return read(reply, false);
  }

  /** The JSON object the reply meant; arrays are not candidates (an object inside one still is). */
  public static JsonResult parseObject(String reply) {
    return read(reply, true);
  }

  private static JsonResult read(String reply, boolean objectsOnly) {
    String what = objectsOnly ? "JSON object" : "JSON object or array";
    if (reply == null || reply.isBlank()) {
      return new JsonResult.Failed("empty reply", "");
    }
    String text = THINK_BLOCK.matcher(reply).replaceAll(" ");
    String lower = text.toLowerCase(Locale.ROOT);
    int close = lower.lastIndexOf(THINK_CLOSE);
    if (close >= 0) {
      text = text.substring(close + THINK_CLOSE.length());
      lower = lower.substring(close + THINK_CLOSE.length());
    }
    int open = lower.indexOf(THINK_OPEN);
    boolean endedThinking = open >= 0;
    if (endedThinking) {
      text = text.substring(0, open);
    }

    List<String> regions = new ArrayList<>();
    Matcher fence = FENCE.matcher(text);
    while (fence.find()) {
      regions.add(fence.group(1));
    }
    regions.add(text);

    JsonResult.Failed firstFailure = null;
    int tried = 0;
    for (String region : regions) {
      for (int start = nextStart(region, 0, objectsOnly);
          start >= 0 && tried < MAX_CANDIDATES;
          start = nextStart(region, start + 1, objectsOnly)) {
        tried++;
        JsonResult r = readAt(region, start);
        if (r instanceof JsonResult.Parsed) {
          return r;
        }
        if (firstFailure == null) {
          firstFailure = (JsonResult.Failed) r;
        }
      }
    }
    if (firstFailure != null) {
      return firstFailure;
    }
    if (endedThinking) {
      return new JsonResult.Failed(
          "no " + what + " in the reply: it ended inside its <think> reasoning",
          excerpt(reply, reply.toLowerCase(Locale.ROOT).lastIndexOf(THINK_OPEN)));
    }
    return new JsonResult.Failed("no " + what + " in the reply", excerpt(text, 0));
  }

  private static int nextStart(String text, int from, boolean objectsOnly) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{' || (c == '[' && !objectsOnly)) {
        return i;
      }
    }
    return -1;
  }

  private enum Kind {
    OPEN,
    CLOSE,
    COLON,
    COMMA,
    STRING,
    OPEN_STRING,
    WORD
  }

  /**
   * One lexical token of a candidate.
   *
   * @param text what to write for it (an open string's closed form once repaired)
   * @param gap the whitespace before it in the reply, kept so that a value needing no repair is
   *     read exactly as written
   */
  private record Token(Kind kind, String text, String gap) {}

  /** Reads the candidate that starts with the bracket at {@code start}. */
  private static JsonResult readAt(String text, int start) {
    List<Token> tokens = new ArrayList<>();
    StringBuilder open = new StringBuilder();
    int n = text.length();
    int i = start;
    int gapStart = start;
    boolean complete = false;
    while (i < n && !complete) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      String gap = text.substring(gapStart, i);
      int end;
      Kind kind;
      switch (c) {
        case '{', '[' -> {
          open.append(c);
          kind = Kind.OPEN;
          end = i + 1;
        }
        case '}', ']' -> {
          char opener = open.charAt(open.length() - 1);
          if ((c == '}') != (opener == '{')) {
            return new JsonResult.Failed(
                "a '" + c + "' closes a '" + opener + "'", excerpt(text, start));
          }
          open.setLength(open.length() - 1);
          complete = open.length() == 0;
          kind = Kind.CLOSE;
          end = i + 1;
        }
        case ':' -> {
          kind = Kind.COLON;
          end = i + 1;
        }
        case ',' -> {
          kind = Kind.COMMA;
          end = i + 1;
        }
        case '"' -> {
          int quote = closingQuote(text, i);
          kind = quote < 0 ? Kind.OPEN_STRING : Kind.STRING;
          end = quote < 0 ? n : quote + 1;
        }
        default -> {
          end = i + 1;
          while (end < n && !endsWord(text.charAt(end))) {
            end++;
          }
          kind = Kind.WORD;
        }
      }
      tokens.add(new Token(kind, text.substring(i, end), gap));
      i = end;
      gapStart = end;
    }

    List<String> repairs = new ArrayList<>();
    boolean truncated = !complete;
    if (truncated) {
      closeCutEnd(tokens, repairs);
    }
    String json = write(tokens, repairs);
    try {
      return new JsonResult.Parsed(JSON.readTree(json), truncated, repairs);
    } catch (JsonProcessingException e) {
      long at = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
      int from = at < 0 ? 0 : (int) Math.max(0, Math.min(json.length(), at) - 20);
      String why = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
      return new JsonResult.Failed("not JSON: " + shorten(why), excerpt(json, from));
    }
  }

  /** The index of the quote that closes the string opening at {@code open}, or -1. */
  private static int closingQuote(String text, int open) {
    int j = open + 1;
    while (j < text.length()) {
      char c = text.charAt(j);
      if (c == '\\') {
        j += 2;
      } else if (c == '"') {
        return j;
      } else {
        j++;
      }
    }
    return -1;
  }

  private static boolean endsWord(char c) {
    return Character.isWhitespace(c) || "{}[]:,\"".indexOf(c) >= 0;
  }

  /**
   * Makes a candidate the token limit cut short into a whole value: the token at the cut first,
   * then what it leaves dangling, then the closing brackets.
   */
  private static void closeCutEnd(List<Token> tokens, List<String> repairs) {
    boolean atCut = true;
    while (true) {
      int last = tokens.size() - 1;
      Token t = tokens.get(last);
      boolean key = isKeyPlace(tokens, last);
      if (t.kind() == Kind.OPEN_STRING) {
        if (key) {
          tokens.remove(last);
          repairs.add("dropped a key cut short");
        } else {
          tokens.set(last, new Token(Kind.STRING, closeString(t.text()), t.gap()));
          repairs.add("closed a string cut short");
        }
      } else if (t.kind() == Kind.WORD && atCut && !isLiteral(t.text())) {
        // A number at the cut may have lost digits (0.15 cut to 0.1): reading it would invent one.
        tokens.remove(last);
        repairs.add("dropped a value cut short (" + shorten(t.text()) + ")");
      } else if (t.kind() == Kind.COMMA) {
        tokens.remove(last);
        repairs.add("dropped a dangling comma");
      } else if (t.kind() == Kind.COLON) {
        // The key before it goes next, as a string in key place.
        tokens.remove(last);
      } else if (t.kind() == Kind.STRING && key) {
        tokens.remove(last);
        repairs.add("dropped a key with no value");
      } else {
        break;
      }
      atCut = false;
    }
    StringBuilder closers = new StringBuilder();
    for (Token t : tokens) {
      if (t.kind() == Kind.OPEN) {
        closers.append(t.text().equals("{") ? '}' : ']');
      } else if (t.kind() == Kind.CLOSE) {
        closers.setLength(closers.length() - 1);
      }
    }
    closers.reverse();
    for (int k = 0; k < closers.length(); k++) {
      tokens.add(new Token(Kind.CLOSE, String.valueOf(closers.charAt(k)), ""));
    }
    repairs.add("closed what was left open with " + closers);
  }

  /** Whether the token at {@code index} stands where an object's key goes. */
  private static boolean isKeyPlace(List<Token> tokens, int index) {
    if (index == 0) {
      return false;
    }
    Token before = tokens.get(index - 1);
    if (before.kind() != Kind.COMMA && before.kind() != Kind.OPEN) {
      return false;
    }
    int depth = 0;
    for (int k = index - 1; k >= 0; k--) {
      Token t = tokens.get(k);
      if (t.kind() == Kind.CLOSE) {
        depth++;
      } else if (t.kind() == Kind.OPEN) {
        if (depth == 0) {
          return t.text().equals("{");
        }
        depth--;
      }
    }
    return false;
  }

  private static boolean isLiteral(String word) {
    return word.equals("true") || word.equals("false") || word.equals("null");
  }

  /** Closes a string the cut left open, dropping an escape it cut in half. */
  private static String closeString(String open) {
    String s = open;
    int u = s.lastIndexOf("\\u");
    if (u >= 0 && s.length() - u < 6 && backslashesBefore(s, u) % 2 == 0) {
      s = s.substring(0, u);
    } else if (backslashesBefore(s, s.length()) % 2 == 1) {
      s = s.substring(0, s.length() - 1);
    }
    return s + '"';
  }

  private static int backslashesBefore(String s, int index) {
    int count = 0;
    for (int k = index - 1; k >= 0 && s.charAt(k) == '\\'; k--) {
      count++;
    }
    return count;
  }

  /** The candidate as JSON text, without its trailing commas. */
  private static String write(List<Token> tokens, List<String> repairs) {
    StringBuilder out = new StringBuilder();
    int trailing = 0;
    for (int k = 0; k < tokens.size(); k++) {
      Token t = tokens.get(k);
      if (t.kind() == Kind.COMMA
          && k + 1 < tokens.size()
          && tokens.get(k + 1).kind() == Kind.CLOSE) {
        trailing++;
        out.append(t.gap());
        continue;
      }
      out.append(t.gap()).append(t.text());
    }
    if (trailing > 0) {
      repairs.add(
          trailing == 1 ? "dropped a trailing comma" : "dropped " + trailing + " trailing commas");
    }
    return out.toString();
  }

  private static String shorten(String s) {
    String one = s.replaceAll("\\s+", " ").strip();
    return one.length() <= MAX_REASON_CHARS ? one : one.substring(0, MAX_REASON_CHARS) + "…";
  }

  /** Up to {@link #EXCERPT_CHARS} characters of {@code text} from {@code from}, on one line. */
  static String excerpt(String text, int from) {
    int start = Math.max(0, Math.min(from, text.length()));
    int end = Math.min(text.length(), start + 4 * EXCERPT_CHARS);
    String one = text.substring(start, end).replaceAll("\\s+", " ").strip();
    if (one.length() > EXCERPT_CHARS) {
      return one.substring(0, EXCERPT_CHARS) + "…";
    }
    return end < text.length() && !one.isEmpty() ? one + "…" : one;
  }
}
