package dev.llmos.llm.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LenientJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonResult.Parsed parsed(JsonResult r) {
    assertThat(r).as("%s", r).isInstanceOf(JsonResult.Parsed.class);
    return (JsonResult.Parsed) r;
  }

  private static JsonResult.Failed failed(JsonResult r) {
    assertThat(r).as("%s", r).isInstanceOf(JsonResult.Failed.class);
    return (JsonResult.Failed) r;
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void readsPlainJsonAsWrittenWithoutRepairs() throws Exception {
    JsonResult.Parsed p = parsed(LenientJson.parse("{\"a\": 1, \"b\": [true, null, \"x\"]}"));

    assertThat(p.node()).isEqualTo(json("{\"a\": 1, \"b\": [true, null, \"x\"]}"));
    assertThat(p.truncated()).isFalse();
    assertThat(p.repaired()).isFalse();
    assertThat(p.repairs()).isEmpty();
    assertThat(p.ok()).isTrue();
    assertThat(p.value()).contains(p.node());
  }

  @Test
  void readsATopLevelArrayUnlessAnObjectIsWanted() throws Exception {
    String reply = "[{\"bbox_2d\": [1, 2, 3, 4], \"label\": \"red ball\"}]";

    assertThat(parsed(LenientJson.parse(reply)).node()).isEqualTo(json(reply));
    // Only objects are candidates: the one inside the array is found.
    assertThat(parsed(LenientJson.parseObject(reply)).node())
        .isEqualTo(json("{\"bbox_2d\": [1, 2, 3, 4], \"label\": \"red ball\"}"));
  }

  @Test
  void dropsQwenReasoningBlocks() throws Exception {
    String reply =
        "<think>\nThe ball is {left}, so I should turn: {\"action\": \"rotate\"}?\n</think>\n\n"
            + "{\"action\": \"stop\"}";

    JsonResult.Parsed p = parsed(LenientJson.parseObject(reply));

    assertThat(p.node()).isEqualTo(json("{\"action\": \"stop\"}"));
    assertThat(p.repaired()).isFalse();
  }

  @Test
  void aLoneClosingThinkTagEndsTheReasoning() throws Exception {
    // The chat template opened the block in the prompt; the reply holds only its end.
    String reply = "the target is {maybe} ahead\n</think>\n{\"objects\": []}";

    assertThat(parsed(LenientJson.parse(reply)).node()).isEqualTo(json("{\"objects\": []}"));
  }

  @Test
  void aReplyCutWhileThinkingIsAFailureThatSaysSo() {
    JsonResult.Failed f =
        failed(LenientJson.parseObject("<think>\nI see a red ball near the left wall, so"));

    assertThat(f.reason()).contains("<think>");
    assertThat(f.excerpt()).startsWith("<think> I see a red ball");
    assertThat(f.ok()).isFalse();
    assertThat(f.value()).isEmpty();
  }

  @Test
  void readsFencedJsonWithOrWithoutItsLanguageTag() throws Exception {
    String tagged = "Here you go:\n```json\n{\"action\": \"stop\", \"args\": {}}\n```\nDone.";
    String bare = "```\n{\"action\": \"stop\", \"args\": {}}\n```";

    assertThat(parsed(LenientJson.parse(tagged)).node())
        .isEqualTo(json("{\"action\": \"stop\", \"args\": {}}"));
    assertThat(parsed(LenientJson.parse(bare)).node())
        .isEqualTo(json("{\"action\": \"stop\", \"args\": {}}"));
  }

  @Test
  void prefersTheFenceOverJsonLookingProseBeforeIt() throws Exception {
    String reply = "Boxes are [0, 0, 1000, 1000] at most.\n```json\n{\"objects\": []}\n```";

    assertThat(parsed(LenientJson.parse(reply)).node()).isEqualTo(json("{\"objects\": []}"));
  }

  @Test
  void skipsBracketsInProseThatAreNotJson() throws Exception {
    String reply =
        "Format: [x1, y1, x2, y2] in {relative} units. Answer: {\"objects\": [{\"label\": \"a\"}]}"
            + " Hope this helps!";

    assertThat(parsed(LenientJson.parse(reply)).node())
        .isEqualTo(json("{\"objects\": [{\"label\": \"a\"}]}"));
  }

  @Test
  void ignoresTextAfterTheValueIncludingStrayBrackets() throws Exception {
    assertThat(parsed(LenientJson.parse("{\"a\": 1}}] and more {")).node())
        .isEqualTo(json("{\"a\": 1}"));
  }

  @Test
  void bracesAndEscapedQuotesInsideStringsDoNotEndTheValue() throws Exception {
    String text = "{\"reason\": \"he said \\\"turn {left}\\\" ]}\", \"n\": [1, \"}\"]}";

    JsonResult.Parsed p = parsed(LenientJson.parse("ok: " + text + " bye"));

    assertThat(p.node()).isEqualTo(json(text));
    assertThat(p.node().get("reason").asText()).isEqualTo("he said \"turn {left}\" ]}");
  }

  @Test
  void dropsTrailingCommasAndSaysSo() throws Exception {
    JsonResult.Parsed p = parsed(LenientJson.parse("{\"a\": [1, 2, ], \"b\": {\"c\": 3,},}"));

    assertThat(p.node()).isEqualTo(json("{\"a\": [1, 2], \"b\": {\"c\": 3}}"));
    assertThat(p.repaired()).isTrue();
    assertThat(p.truncated()).isFalse();
    assertThat(p.repairs()).containsExactly("dropped 3 trailing commas");
  }

  @Test
  void closesAStringCutShortAndTheBracketsLeftOpen() throws Exception {
    JsonResult.Parsed p =
        parsed(
            LenientJson.parseObject(
                "{\"action\": \"twist\", \"args\": {\"v_mps\": 0.1}, \"reason\": \"ball left of cen"));

    assertThat(p.node())
        .isEqualTo(
            json(
                "{\"action\": \"twist\", \"args\": {\"v_mps\": 0.1},"
                    + " \"reason\": \"ball left of cen\"}"));
    assertThat(p.truncated()).isTrue();
    assertThat(p.repairs())
        .containsExactly("closed a string cut short", "closed what was left open with }");
  }

  @Test
  void dropsANumberAtTheCutSinceItsDigitsMayBeMissing() throws Exception {
    JsonResult.Parsed inObject = parsed(LenientJson.parse("{\"a\": \"x\", \"v\": 0.1"));
    JsonResult.Parsed inArray =
        parsed(LenientJson.parse("{\"objects\": [{\"bbox_2d\": [120, 410, 190, 50"));

    assertThat(inObject.node()).isEqualTo(json("{\"a\": \"x\"}"));
    assertThat(inObject.repairs())
        .containsExactly(
            "dropped a value cut short (0.1)",
            "dropped a key with no value",
            "dropped a dangling comma",
            "closed what was left open with }");
    assertThat(inArray.node()).isEqualTo(json("{\"objects\": [{\"bbox_2d\": [120, 410, 190]}]}"));
    assertThat(inArray.repairs()).last().isEqualTo("closed what was left open with ]}]}");
  }

  @Test
  void dropsADanglingKeyCommaOrPartialWord() throws Exception {
    assertThat(parsed(LenientJson.parse("{\"a\": 1, \"b\":")).node()).isEqualTo(json("{\"a\":1}"));
    assertThat(parsed(LenientJson.parse("{\"a\": 1, \"b\"")).node()).isEqualTo(json("{\"a\":1}"));
    assertThat(parsed(LenientJson.parse("{\"a\": 1, \"bb")).node()).isEqualTo(json("{\"a\":1}"));
    assertThat(parsed(LenientJson.parse("{\"a\": 1,")).node()).isEqualTo(json("{\"a\":1}"));
    assertThat(parsed(LenientJson.parse("{\"a\": [1, 2,")).node())
        .isEqualTo(json("{\"a\":[1, 2]}"));
    assertThat(parsed(LenientJson.parse("{\"a\": 1, \"b\": tr")).node())
        .isEqualTo(json("{\"a\":1}"));
    // A whole literal cannot have lost anything.
    assertThat(parsed(LenientJson.parse("{\"a\": 1, \"b\": true")).node())
        .isEqualTo(json("{\"a\":1, \"b\": true}"));
    assertThat(parsed(LenientJson.parse("{\"a\": {\"b\": [")).node())
        .isEqualTo(json("{\"a\":{\"b\": []}}"));
  }

  @Test
  void aCutEscapeIsDroppedBeforeTheStringIsClosed() throws Exception {
    assertThat(parsed(LenientJson.parse("{\"r\": \"say \\")).node().get("r").asText())
        .isEqualTo("say ");
    assertThat(parsed(LenientJson.parse("{\"r\": \"caf\\u00")).node().get("r").asText())
        .isEqualTo("caf");
    assertThat(parsed(LenientJson.parse("{\"r\": \"a\\\\")).node().get("r").asText())
        .isEqualTo("a\\");
  }

  @Test
  void repairsAReplyCutInsideItsFence() throws Exception {
    JsonResult.Parsed p =
        parsed(LenientJson.parse("```json\n{\"objects\": [{\"label\": \"ball\"},"));

    assertThat(p.node()).isEqualTo(json("{\"objects\": [{\"label\": \"ball\"}]}"));
    assertThat(p.truncated()).isTrue();
  }

  @Test
  void everyPrefixOfValidJsonReadsAsATruncatedValue() {
    String whole =
        "{\"action\": \"twist\", \"args\": {\"v_mps\": -0.15, \"omega_radps\": 1e-1},"
            + " \"flags\": [true, false, null], \"reason\": \"caf\\u00e9 \\\"x\\\" {]\","
            + " \"objects\": [{\"bbox_2d\": [1, 2, 3, 4]}, []]}";
    for (int cut = 1; cut < whole.length(); cut++) {
      JsonResult r = LenientJson.parse(whole.substring(0, cut));

      JsonResult.Parsed p = parsed(r);
      assertThat(p.truncated()).as("cut at %d", cut).isTrue();
      assertThat(p.node().isObject()).isTrue();
    }
    assertThat(parsed(LenientJson.parse(whole)).truncated()).isFalse();
  }

  @Test
  void failsOnAnEmptyReply() {
    assertThat(failed(LenientJson.parse("")).reason()).isEqualTo("empty reply");
    assertThat(failed(LenientJson.parse("  \n ")).describe()).isEqualTo("empty reply");
    assertThat(failed(LenientJson.parse(null)).excerpt()).isEmpty();
  }

  @Test
  void failsOnProseWithAnExcerpt() {
    JsonResult.Failed f =
        failed(
            LenientJson.parseObject(
                "I'm sorry, but I cannot determine   the robot's next action from this image"
                    + " because it is too dark."));

    assertThat(f.reason()).isEqualTo("no JSON object in the reply");
    assertThat(f.excerpt())
        .hasSize(LenientJson.EXCERPT_CHARS + 1)
        .startsWith("I'm sorry, but I cannot determine the robot's")
        .endsWith("…");
    assertThat(f.describe()).startsWith("no JSON object in the reply: \"I'm sorry");
  }

  @Test
  void failsOnBrokenJsonNamingTheFault() {
    JsonResult.Failed mismatched = failed(LenientJson.parse("{\"a\": [1, 2}"));
    JsonResult.Failed unquoted = failed(LenientJson.parse("{action: stop}"));

    assertThat(mismatched.reason()).isEqualTo("a '}' closes a '['");
    assertThat(mismatched.excerpt()).isEqualTo("{\"a\": [1, 2}");
    assertThat(unquoted.reason()).startsWith("not JSON: ");
    assertThat(unquoted.excerpt()).contains("action");
  }

  @Test
  void readsNonFiniteNumbersForTheCallerToRefuse() {
    JsonNode node =
        parsed(LenientJson.parse("{\"v\": NaN, \"w\": -Infinity, \"x\": 1e400}")).node();

    assertThat(node.get("v").asDouble()).isNaN();
    assertThat(node.get("w").asDouble()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(node.get("x").asDouble()).isInfinite();
  }

  @Test
  void neverThrowsOnRandomText() {
    SplittableRandom random = new SplittableRandom(42);
    String alphabet = "{}[]:,\"\\ \n\tabc01.-eEtrunl<>/`think";
    for (int round = 0; round < 3000; round++) {
      StringBuilder s = new StringBuilder();
      int n = random.nextInt(60);
      for (int i = 0; i < n; i++) {
        s.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }

      JsonResult r = LenientJson.parse(s.toString());

      assertThat(r.ok()).isEqualTo(r instanceof JsonResult.Parsed);
    }
  }

  @Test
  void readsDeepNestingOrFailsWithoutThrowing() {
    JsonResult r = LenientJson.parse("[".repeat(5000));

    assertThat(r).isNotNull();
  }
}
