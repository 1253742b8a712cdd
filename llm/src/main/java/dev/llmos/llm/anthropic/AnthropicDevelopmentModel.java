package dev.llmos.llm.anthropic;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.errors.AnthropicException;
import com.anthropic.errors.AnthropicInvalidDataException;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.messages.AssistantMessageParam;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.anthropic.models.messages.ToolUseBlockParam;
import com.anthropic.models.messages.UserMessageParam;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The development model on the Anthropic Messages API, through the official Java SDK, with native
 * tool use. Every failure becomes a {@link DevelopmentModelException} whose message says what to
 * do; the API key never appears in one.
 */
public final class AnthropicDevelopmentModel implements DevelopmentModel, AutoCloseable {
  /** What a person is told when {@code ANTHROPIC_API_KEY} is not set. */
  public static final String MISSING_KEY_MESSAGE =
      AnthropicSettings.API_KEY_ENV
          + " is not set. Set it to an Anthropic API key to let the development model write the"
          + " agents, or run without it to use the offline composer, or use /llmos in Claude Code"
          + " (set up by llmos init).";

  private final AnthropicClient client;
  private final AnthropicSettings settings;

  /** A model calling with {@code apiKey}, which it keeps to itself. */
  public AnthropicDevelopmentModel(String apiKey, AnthropicSettings settings) {
    if (apiKey == null || apiKey.isBlank()) {
      throw new DevelopmentModelException(
          DevelopmentModelException.Kind.NO_KEY, MISSING_KEY_MESSAGE, null);
    }
    this.settings = settings;
    this.client =
        AnthropicOkHttpClient.builder()
            .apiKey(apiKey.strip())
            // The Messages API's own header: without it this SDK sends the key as a bearer token.
            .putHeader("X-Api-Key", apiKey.strip())
            .baseUrl(settings.baseUrl())
            .timeout(settings.timeout())
            .maxRetries(settings.maxRetries())
            .build();
  }

  /**
   * The model the environment configures: the key from {@code ANTHROPIC_API_KEY}, the base URL from
   * {@code ANTHROPIC_BASE_URL} and the model from {@code LLMOS_DEV_MODEL} where set.
   *
   * @throws DevelopmentModelException of kind {@code NO_KEY}, with {@link #MISSING_KEY_MESSAGE},
   *     when there is no key
   */
  public static AnthropicDevelopmentModel fromEnvironment(Map<String, String> env) {
    return new AnthropicDevelopmentModel(
        env.get(AnthropicSettings.API_KEY_ENV), AnthropicSettings.fromEnvironment(env));
  }

  public AnthropicSettings settings() {
    return settings;
  }

  @Override
  public AssistantReply next(DevelopmentRequest request) {
    MessageCreateParams params = params(request);
    long start = System.nanoTime();
    Message message;
    try {
      message = client.messages().create(params);
    } catch (AnthropicException e) {
      throw failure(e);
    }
    Duration latency = Duration.ofNanos(System.nanoTime() - start);
    try {
      List<ContentBlock> blocks = new ArrayList<>();
      for (com.anthropic.models.messages.ContentBlock block : message.content()) {
        if (block.isText()) {
          blocks.add(new ContentBlock.Text(block.asText().text()));
        } else if (block.isToolUse()) {
          ToolUseBlock use = block.asToolUse();
          blocks.add(
              new ContentBlock.ToolUse(use.id(), use.name(), use._input().convert(JsonNode.class)));
        }
        // Thinking and server-tool blocks are the model's own business: not part of this loop.
      }
      String stop = message.stopReason().map(r -> r.asString()).orElse("end_turn");
      return new AssistantReply(
          blocks, stop, message.usage().inputTokens(), message.usage().outputTokens(), latency);
    } catch (AnthropicException e) {
      throw failure(e);
    }
  }

  private MessageCreateParams params(DevelopmentRequest request) {
    MessageCreateParams.Builder params =
        MessageCreateParams.builder()
            .model(settings.model())
            .maxTokens(settings.maxTokens())
            .system(request.system());
    for (ToolDefinition tool : request.tools()) {
      params.addTool(
          Tool.builder()
              .name(tool.name())
              .description(tool.description())
              .inputSchema(
                  JsonValue.fromJsonNode(tool.inputSchema()).convert(Tool.InputSchema.class))
              .build());
    }
    for (ConversationTurn turn : request.conversation()) {
      List<ContentBlockParam> blocks = turn.content().stream().map(b -> param(b)).toList();
      if (turn.role() == ConversationTurn.Role.USER) {
        params.addMessage(UserMessageParam.builder().contentOfContentBlockParams(blocks).build());
      } else {
        params.addMessage(
            AssistantMessageParam.builder().contentOfContentBlockParams(blocks).build());
      }
    }
    return params.build();
  }

  private static ContentBlockParam param(ContentBlock block) {
    if (block instanceof ContentBlock.Text text) {
      return ContentBlockParam.ofText(text.text());
    }
    if (block instanceof ContentBlock.ToolUse use) {
      return ContentBlockParam.ofToolUse(
          ToolUseBlockParam.builder()
              .id(use.id())
              .name(use.name())
              .input(JsonValue.fromJsonNode(use.input()).convert(ToolUseBlockParam.Input.class))
              .build());
    }
    ContentBlock.ToolResult result = (ContentBlock.ToolResult) block;
    return ContentBlockParam.ofToolResult(
        ToolResultBlockParam.builder()
            .toolUseId(result.toolUseId())
            .content(result.content())
            .isError(result.isError())
            .build());
  }

  private DevelopmentModelException failure(AnthropicException e) {
    String where = " (" + settings.baseUrl() + ", model " + settings.model() + ")";
    if (e instanceof AnthropicServiceException service) {
      int status = service.statusCode();
      String said = service.apiMessage().map(m -> ": " + m).orElse("");
      if (status == 401 || status == 403) {
        // Not even the API's own words: a proxy could echo the key back.
        return new DevelopmentModelException(
            DevelopmentModelException.Kind.AUTHENTICATION,
            "the Anthropic API refused the key in "
                + AnthropicSettings.API_KEY_ENV
                + " (HTTP "
                + status
                + ")"
                + where
                + ": check that the key is current and allowed to use this model",
            e);
      }
      if (status == 429) {
        return new DevelopmentModelException(
            DevelopmentModelException.Kind.RATE_LIMITED,
            "the Anthropic API is rate limiting this key (HTTP 429)"
                + said
                + ", still after "
                + settings.maxRetries()
                + " retries"
                + where
                + ": wait a minute and try again",
            e);
      }
      if (status >= 500) {
        return new DevelopmentModelException(
            DevelopmentModelException.Kind.SERVER_ERROR,
            "the Anthropic API failed (HTTP "
                + status
                + ")"
                + said
                + ", still after "
                + settings.maxRetries()
                + " retries"
                + where
                + ": try again later",
            e);
      }
      return new DevelopmentModelException(
          DevelopmentModelException.Kind.REQUEST_REFUSED,
          "the Anthropic API refused the request (HTTP "
              + status
              + ")"
              + said
              + where
              + ": check "
              + AnthropicSettings.MODEL_ENV
              + " and "
              + AnthropicSettings.BASE_URL_ENV,
          e);
    }
    if (e instanceof AnthropicIoException) {
      boolean late = causedBy(e, InterruptedIOException.class);
      return new DevelopmentModelException(
          DevelopmentModelException.Kind.UNREACHABLE,
          (late
                  ? "the Anthropic API did not answer within "
                      + settings.timeout().toSeconds()
                      + " s"
                  : "could not reach the Anthropic API")
              + where
              + ", still after "
              + settings.maxRetries()
              + " retries: check the network and "
              + AnthropicSettings.BASE_URL_ENV,
          e);
    }
    if (e instanceof AnthropicInvalidDataException) {
      return new DevelopmentModelException(
          DevelopmentModelException.Kind.MALFORMED_RESPONSE,
          "the answer" + where + " was not a Messages API response: " + e.getMessage(),
          e);
    }
    return new DevelopmentModelException(
        DevelopmentModelException.Kind.REQUEST_REFUSED,
        "the Anthropic API call failed" + where + ": " + e.getMessage(),
        e);
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    client.close();
  }
}
