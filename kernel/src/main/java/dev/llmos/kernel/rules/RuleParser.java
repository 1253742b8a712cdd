package dev.llmos.kernel.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads one rule by recursive descent (the grammar is in docs/markdown-os.md). Every name is
 * resolved and every comparison type-checked here, so that a rule that loads also runs.
 */
public final class RuleParser {
  /** Words of the grammar; neither a reading nor a parameter may take one of these names. */
  public static final Set<String> KEYWORDS =
      Set.of("if", "then", "and", "or", "not", "always", "true", "false");

  private enum Kind {
    WORD,
    NUMBER,
    OPERATOR,
    OPEN,
    CLOSE,
    COMMA,
    END
  }

  /** A token and the 1-based column where it starts. */
  private record Token(Kind kind, String text, int column) {
    String shown() {
      return kind == Kind.END ? "the end of the rule" : "'" + text + "'";
    }
  }

  private final String text;
  private final Set<String> params;
  private final List<Token> tokens;
  private int next;

  private RuleParser(String text, Set<String> params) {
    this.text = text;
    this.params = params;
    this.tokens = tokenize(text);
  }

  /**
   * Parses a rule.
   *
   * @param params the names of the agent's parameters, the only names besides readings a rule may
   *     use
   * @throws RuleSyntaxException naming the column and the reason
   */
  public static Rule parse(String text, Set<String> params) {
    RuleParser parser = new RuleParser(text, Set.copyOf(params));
    return parser.rule();
  }

  private Rule rule() {
    expectWord("if", "a rule starts with 'if'");
    Condition condition = condition();
    expectWord("then", "expected 'and', 'or' or 'then'");
    Action action = action();
    Token end = peek();
    if (end.kind() != Kind.END) {
      throw error(end, "unexpected " + end.shown() + " after the action");
    }
    return new Rule(condition, action, text);
  }

  private Condition condition() {
    Condition left = conjunction();
    while (isWord(peek(), "or")) {
      next++;
      left = new Condition.Or(left, conjunction());
    }
    return left;
  }

  private Condition conjunction() {
    Condition left = negation();
    while (isWord(peek(), "and")) {
      next++;
      left = new Condition.And(left, negation());
    }
    return left;
  }

  private Condition negation() {
    if (isWord(peek(), "not")) {
      next++;
      return new Condition.Not(negation());
    }
    return primary();
  }

  private Condition primary() {
    Token t = peek();
    if (isWord(t, "always")) {
      next++;
      return new Condition.Always();
    }
    if (t.kind() == Kind.OPEN) {
      next++;
      Condition inner = condition();
      Token close = peek();
      if (close.kind() != Kind.CLOSE) {
        throw error(close, "expected ')' to close the '(' at column " + t.column());
      }
      next++;
      return inner;
    }
    return comparison();
  }

  private Condition comparison() {
    Token leftToken = peek();
    Operand left = operand("a condition");
    Token op = peek();
    if (op.kind() != Kind.OPERATOR) {
      throw error(op, "expected a comparison (<, <=, >, >=, ==, !=) after " + leftToken.shown());
    }
    next++;
    Operator operator =
        Arrays.stream(Operator.values())
            .filter(o -> o.symbol().equals(op.text()))
            .findFirst()
            .orElseThrow();
    Token rightToken = peek();
    Operand right = operand("the right side of " + op.shown());
    if (left.type() != right.type()) {
      throw error(
          op,
          "cannot compare "
              + leftToken.shown()
              + " ("
              + left.type().label()
              + ") with "
              + rightToken.shown()
              + " ("
              + right.type().label()
              + ")");
    }
    if (operator.ordersNumbers() && left.type() == ValueType.BOOLEAN) {
      throw error(
          op,
          "'"
              + operator.symbol()
              + "' orders numbers; "
              + leftToken.shown()
              + " is a boolean: use == or !=");
    }
    return new Condition.Comparison(left, operator, right);
  }

  private Operand operand(String where) {
    Token t = peek();
    if (t.kind() == Kind.NUMBER) {
      next++;
      return new Operand.NumberLiteral(Double.parseDouble(t.text()));
    }
    if (t.kind() != Kind.WORD) {
      throw error(
          t,
          "expected a reading, a parameter, a number, 'true' or 'false' in "
              + where
              + ", got "
              + t.shown());
    }
    next++;
    if (t.text().equals("true") || t.text().equals("false")) {
      return new Operand.BooleanLiteral(t.text().equals("true"));
    }
    if (KEYWORDS.contains(t.text())) {
      throw error(t, "'" + t.text() + "' cannot stand in " + where);
    }
    Optional<Reading> reading = Reading.byKey(t.text());
    if (reading.isPresent()) {
      return new Operand.ReadingValue(reading.get());
    }
    if (params.contains(t.text())) {
      return new Operand.Param(t.text());
    }
    throw error(t, unknownName(t.text()));
  }

  private Action action() {
    Token name = peek();
    if (name.kind() != Kind.WORD) {
      throw error(name, "expected an action after 'then', got " + name.shown());
    }
    next++;
    Optional<ActionKind> kind = ActionKind.byKey(name.text());
    if (kind.isEmpty()) {
      throw error(
          name,
          "unknown action '"
              + name.text()
              + "'"
              + nearest(name.text(), Arrays.stream(ActionKind.values()).map(ActionKind::key))
              + "; actions: "
              + Arrays.stream(ActionKind.values())
                  .map(ActionKind::signature)
                  .collect(Collectors.joining(", ")));
    }
    Token open = peek();
    if (open.kind() != Kind.OPEN) {
      throw error(open, "expected '(' after '" + name.text() + "', got " + open.shown());
    }
    next++;
    List<Operand> arguments = new ArrayList<>();
    if (peek().kind() != Kind.CLOSE) {
      arguments.add(argument(kind.get()));
      while (peek().kind() == Kind.COMMA) {
        next++;
        arguments.add(argument(kind.get()));
      }
    }
    Token close = peek();
    if (close.kind() != Kind.CLOSE) {
      throw error(close, "expected ',' or ')' in the arguments of '" + name.text() + "'");
    }
    next++;
    int arity = kind.get().parameters().size();
    if (arguments.size() != arity) {
      throw error(
          name,
          kind.get().signature()
              + " takes "
              + arity
              + (arity == 1 ? " argument" : " arguments")
              + ", got "
              + arguments.size());
    }
    return new Action(kind.get(), arguments);
  }

  private Operand argument(ActionKind kind) {
    Token t = peek();
    String where = "the arguments of '" + kind.key() + "'";
    if (t.kind() == Kind.WORD && Reading.byKey(t.text()).isPresent()) {
      throw error(
          t, "an argument is a number or a parameter; reading '" + t.text() + "' cannot be one");
    }
    Operand a = operand(where);
    if (a instanceof Operand.BooleanLiteral) {
      throw error(t, "an argument is a number or a parameter, got " + t.shown());
    }
    if (kind == ActionKind.SET_LED
        && a instanceof Operand.NumberLiteral n
        && !isColour(n.value())) {
      throw error(t, "a colour channel is a whole number from 0 to 255, got " + t.text());
    }
    return a;
  }

  /** Whether a value is a valid LED channel, 0 to 255 and whole. */
  public static boolean isColour(double value) {
    return value >= 0 && value <= 255 && value == Math.rint(value);
  }

  private String unknownName(String name) {
    Set<String> readings =
        Arrays.stream(Reading.values())
            .map(Reading::key)
            .collect(Collectors.toCollection(TreeSet::new));
    return "unknown name '"
        + name
        + "'"
        + nearest(name, Stream.concat(readings.stream(), params.stream()))
        + "; readings: "
        + String.join(", ", readings)
        + "; params: "
        + (params.isEmpty() ? "none" : String.join(", ", new TreeSet<>(params)));
  }

  /** {@code ": did you mean 'x'?"} for a close name, or nothing. */
  private static String nearest(String name, Stream<String> candidates) {
    return candidates
        .map(c -> new Object[] {c, distance(name, c)})
        .filter(p -> (int) p[1] <= Math.max(2, name.length() / 3))
        .min(Comparator.comparingInt((Object[] p) -> (int) p[1]).thenComparing(p -> (String) p[0]))
        .map(p -> ": did you mean '" + p[0] + "'?")
        .orElse("");
  }

  private static int distance(String a, String b) {
    int[] row = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      row[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int diagonal = row[0];
      row[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int above = row[j];
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1), diagonal + cost);
        diagonal = above;
      }
    }
    return row[b.length()];
  }

  private Token peek() {
    return tokens.get(next);
  }

  private static boolean isWord(Token t, String word) {
    return t.kind() == Kind.WORD && t.text().equals(word);
  }

  private void expectWord(String word, String reason) {
    Token t = peek();
    if (!isWord(t, word)) {
      throw error(t, reason + ", got " + t.shown());
    }
    next++;
  }

  private static RuleSyntaxException error(Token at, String reason) {
    return new RuleSyntaxException(at.column(), reason);
  }

  private static List<Token> tokenize(String text) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int start = i;
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      if (isWordStart(c)) {
        while (i < text.length() && isWordPart(text.charAt(i))) {
          i++;
        }
        out.add(new Token(Kind.WORD, text.substring(start, i), start + 1));
      } else if (isDigit(c) || (c == '-' && i + 1 < text.length() && isDigit(text.charAt(i + 1)))) {
        i++;
        while (i < text.length() && isDigit(text.charAt(i))) {
          i++;
        }
        if (i + 1 < text.length() && text.charAt(i) == '.' && isDigit(text.charAt(i + 1))) {
          i++;
          while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
          }
        }
        out.add(new Token(Kind.NUMBER, text.substring(start, i), start + 1));
      } else if (c == '(' || c == ')' || c == ',') {
        i++;
        Kind kind = c == '(' ? Kind.OPEN : c == ')' ? Kind.CLOSE : Kind.COMMA;
        out.add(new Token(kind, String.valueOf(c), start + 1));
      } else if (c == '<' || c == '>' || c == '=' || c == '!') {
        i++;
        if (i < text.length() && text.charAt(i) == '=') {
          i++;
        }
        String op = text.substring(start, i);
        if (op.equals("=") || op.equals("!")) {
          throw new RuleSyntaxException(
              start + 1, "'" + op + "' is not an operator; equality is '==', inequality '!='");
        }
        out.add(new Token(Kind.OPERATOR, op, start + 1));
      } else {
        throw new RuleSyntaxException(start + 1, "unexpected character '" + c + "'");
      }
    }
    out.add(new Token(Kind.END, "", text.length() + 1));
    return out;
  }

  private static boolean isWordStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isWordPart(char c) {
    return isWordStart(c) || isDigit(c);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
