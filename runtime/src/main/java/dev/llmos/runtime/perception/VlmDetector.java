package dev.llmos.runtime.perception;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.hal.robot.CameraSpec;
import dev.llmos.hal.telemetry.CameraFrame;
import dev.llmos.llm.chat.ChatMessage;
import dev.llmos.llm.chat.ChatModel;
import dev.llmos.llm.chat.ChatReply;
import dev.llmos.llm.chat.ChatRequest;
import dev.llmos.llm.chat.JpegImage;
import dev.llmos.llm.chat.ModelException;
import dev.llmos.llm.chat.ResponseFormat;
import dev.llmos.llm.json.JsonResult;
import dev.llmos.llm.json.LenientJson;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A detector that asks a vision-language model (Qwen3-VL, through any {@link ChatModel}) where the
 * labelled objects are in the frame, with a grounding prompt and a JSON schema:
 *
 * <pre>{@code
 * {"objects": [{"label": "red-ball", "bbox_2d": [x1, y1, x2, y2], "confidence": 0.9,
 *               "depth_m": 1.2}]}
 * }</pre>
 *
 * with {@code bbox_2d} in Qwen's coordinates relative to the image, 0 to 1000 on each axis from the
 * top-left corner. The reply is read leniently ({@link LenientJson}; a bare list of objects, as
 * Qwen writes without a schema, also counts) and turned into a {@link VisionFrame}:
 *
 * <ul>
 *   <li>corners given the wrong way round are swapped; coordinates up to {@value #COORD_SLACK}
 *       outside 0–1000 are clamped onto it; a box further out, left with no area after clamping
 *       (wholly outside the image) or otherwise malformed is dropped and counted ({@link
 *       #droppedBoxes()});
 *   <li>labels are normalised: lower case, spaces and underscores to hyphens ({@code Red Ball} is
 *       {@code red-ball});
 *   <li>{@code depth_m}, when a positive number up to {@value #MAX_DEPTH_M} m, becomes a {@link
 *       DepthMethod#VLM_ESTIMATE}; absent or anything else, the detection has no depth;
 *   <li>a confidence from 1 to 100 is read as a percentage; absent or out of range, it is {@value
 *       #UNKNOWN_CONFIDENCE};
 *   <li>the bearing is the box centre's, through a pinhole camera of the {@link CameraSpec}'s field
 *       of view, left positive, as {@link ColourDetector} computes it.
 * </ul>
 *
 * A reply that cannot be read, one cut at the token limit before any whole object, a model error or
 * no reply within the timeout gives a {@linkplain VisionFrame#failed failed frame} that says why,
 * never an empty list that would read as an all clear.
 *
 * <p>Thread-safe: frames may be perceived concurrently.
 */
public final class VlmDetector implements Perception {
  /** The most tokens a reply may take: enough for a dozen objects. */
  public static final int DEFAULT_MAX_TOKENS = 512;

  /** How far outside 0–1000 a coordinate may stray and still be clamped onto the image. */
  public static final double COORD_SLACK = 100;

  /** Farther than any room the robot drives in: a depth beyond it is no estimate. */
  public static final double MAX_DEPTH_M = 100;

  /** The confidence of a detection the model gave none for. */
  public static final double UNKNOWN_CONFIDENCE = 0.5;

  private static final double QWEN_RANGE = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SYSTEM_PROMPT =
      "You are the vision system of a small wheeled robot. You report only objects you can"
          + " actually see in its camera image, and where they are.";

  private final ChatModel model;
  private final List<String> labels;
  private final Map<String, Double> sizesM;
  private final double timeoutS;
  private final int maxTokens;
  private final LongSupplier nanoTime;
  private final String name;
  private final String prompt;
  private final ResponseFormat format;
  private final AtomicLong droppedBoxes = new AtomicLong();

  /**
   * @param model the vision-language model
   * @param labels what to look for, e.g. {@code red-ball}; normalised as detections' labels are
   * @param sizesM known real sizes of some of those objects (width, metres), told to the model to
   *     steady its depth estimates; keys are labels from {@code labels}
   * @param timeoutS the longest {@link #perceive} waits for the model, seconds
   * @param maxTokens the most tokens a reply may take
   * @param nanoTime the clock that times failed calls, nanoseconds (a successful call's latency is
   *     the reply's own)
   */
  public VlmDetector(
      ChatModel model,
      List<String> labels,
      Map<String, Double> sizesM,
      double timeoutS,
      int maxTokens,
      LongSupplier nanoTime) {
    if (model == null || nanoTime == null) {
      throw new IllegalArgumentException("a VLM detector needs a model and a clock");
    }
    Set<String> unique = new LinkedHashSet<>();
    for (String label : labels) {
      if (label == null || label.isBlank()) {
        throw new IllegalArgumentException("labels must not be blank, got " + labels);
      }
      unique.add(normaliseLabel(label));
    }
    if (unique.isEmpty()) {
      throw new IllegalArgumentException("a VLM detector needs at least one label to look for");
    }
    Map<String, Double> sizes = new LinkedHashMap<>();
    sizesM.forEach(
        (label, size) -> {
          String key = normaliseLabel(label);
          if (!unique.contains(key)) {
            throw new IllegalArgumentException(
                "size given for " + label + ", which is not among the labels " + unique);
          }
          if (size == null || !(size > 0 && size < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(
                "size of " + label + " must be positive metres, got " + size);
          }
          sizes.put(key, size);
        });
    if (!(timeoutS > 0 && timeoutS < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("timeoutS must be positive seconds, got " + timeoutS);
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be at least 1, got " + maxTokens);
    }
    this.model = model;
    this.labels = List.copyOf(unique);
    this.sizesM = Map.copyOf(sizes);
    this.timeoutS = timeoutS;
    this.maxTokens = maxTokens;
    this.nanoTime = nanoTime;
    this.name = "vlm:" + model.describe();
    this.prompt = prompt(this.labels, sizes);
    this.format = new ResponseFormat("vlm_detections", schema().toString());
  }

  /** A detector with {@link #DEFAULT_MAX_TOKENS}, timed by {@link System#nanoTime()}. */
  public VlmDetector(
      ChatModel model, List<String> labels, Map<String, Double> sizesM, double timeoutS) {
    this(model, labels, sizesM, timeoutS, DEFAULT_MAX_TOKENS, System::nanoTime);
  }

  /** The detector's name in frames: {@code vlm:} and the model's description. */
  public String name() {
    return name;
  }

  /** What it looks for, normalised. */
  public List<String> labels() {
    return labels;
  }

  /** The known sizes told to the model, metres by normalised label. */
  public Map<String, Double> sizesM() {
    return sizesM;
  }

  public double timeoutS() {
    return timeoutS;
  }

  /** How many boxes the model gave that were dropped as malformed or outside the image, so far. */
  public long droppedBoxes() {
    return droppedBoxes.get();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Blocks until the model answers, at most the timeout; a failure of the model is a {@linkplain
   * VisionFrame#failed failed frame}, not an exception.
   */
  @Override
  public VisionFrame perceive(CameraFrame frame, CameraSpec spec) {
    long start = nanoTime.getAsLong();
    CompletableFuture<VisionFrame> seen = perceiveAsync(frame, spec);
    try {
      return seen.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      seen.cancel(true);
      return failed(frame, elapsedMs(start), "interrupted while waiting for the model");
    } catch (ExecutionException | CancellationException e) {
      // Not expected: every path completes with a frame. Still never an all clear.
      return failed(frame, elapsedMs(start), "perception failed: " + e);
    }
  }

  /**
   * Asks the model about a frame without waiting: completes with the frame, a failed one included,
   * at the latest when the timeout runs out (then the model's call is cancelled); never
   * exceptionally.
   *
   * @throws IllegalArgumentException if the frame is not a JPEG image or does not match the camera
   */
  public CompletableFuture<VisionFrame> perceiveAsync(CameraFrame frame, CameraSpec spec) {
    if (frame.width() != spec.width() || frame.height() != spec.height()) {
      throw new IllegalArgumentException(
          "frame "
              + frame.frameId()
              + " is "
              + frame.width()
              + "x"
              + frame.height()
              + " but the camera is "
              + spec.width()
              + "x"
              + spec.height());
    }
    JpegImage image;
    try {
      image = new JpegImage(frame.jpeg());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("frame " + frame.frameId() + ": " + e.getMessage(), e);
    }
    long start = nanoTime.getAsLong();
    CompletableFuture<ChatReply> call;
    try {
      call = model.chat(request(image));
    } catch (RuntimeException e) {
      // A model that throws instead of failing its future is still a model error.
      return CompletableFuture.completedFuture(failed(frame, elapsedMs(start), modelError(e)));
    }
    CompletableFuture<VisionFrame> seen =
        call.handle(
                (reply, error) -> {
                  if (error != null) {
                    return failed(frame, elapsedMs(start), modelError(error));
                  }
                  try {
                    return read(reply, frame, spec);
                  } catch (RuntimeException e) {
                    return failed(frame, reply.latencyMs(), "reply could not be read: " + e);
                  }
                })
            .completeOnTimeout(
                failed(
                    frame,
                    timeoutS * 1000,
                    String.format(Locale.ROOT, "timeout: no reply within %.1f s", timeoutS)),
                Math.round(timeoutS * 1e6),
                TimeUnit.MICROSECONDS);
    // Past the deadline nobody wants the answer: let the client stop waiting for it.
    var unused = seen.whenComplete((f, e) -> call.cancel(true));
    return seen;
  }

  /**
   * The frame a reply describes.
   *
   * @param reply the model's answer to this detector's request for {@code frame}
   */
  VisionFrame read(ChatReply reply, CameraFrame frame, CameraSpec spec) {
    JsonResult result = LenientJson.parse(reply.text());
    if (result instanceof JsonResult.Failed f) {
      return failed(frame, reply.latencyMs(), "unreadable reply: " + f.describe());
    }
    JsonResult.Parsed parsed = (JsonResult.Parsed) result;
    Optional<JsonNode> objects = objectsOf(parsed.node());
    if (objects.isEmpty()) {
      return failed(
          frame,
          reply.latencyMs(),
          "unreadable reply: no \"objects\" list in " + cut(parsed.node().toString()));
    }
    List<Detection> detections = new ArrayList<>();
    int dropped = 0;
    Set<String> droppedLabels = new TreeSet<>();
    for (JsonNode object : objects.get()) {
      Optional<Detection> d = detection(object, spec.horizontalFovRad());
      if (d.isPresent()) {
        detections.add(d.get());
      } else {
        dropped++;
        if (object.path("label").isTextual()) {
          droppedLabels.add(normaliseLabel(object.path("label").asText()));
        }
      }
    }
    droppedBoxes.addAndGet(dropped);
    Set<String> kept = new TreeSet<>();
    detections.forEach(d -> kept.add(d.label()));
    if (detections.isEmpty() && parsed.truncated()) {
      // What was cut off may have been the objects: no detections here is not an all clear.
      return failed(
          frame,
          reply.latencyMs(),
          "reply cut short at the token limit before any whole object ("
              + String.join("; ", parsed.repairs())
              + ")");
    }
    // A label looked for and not among the whole objects may have been in the cut-off part.
    List<String> missing = labels.stream().filter(l -> !kept.contains(l)).toList();
    if (parsed.truncated() && !missing.isEmpty() && !detections.isEmpty()) {
      return failed(
          frame,
          reply.latencyMs(),
          "reply cut short at the token limit; "
              + String.join(", ", missing)
              + " may have been in what was cut");
    }
    // A label looked for that the model reported with an unusable box was seen, somewhere: saying
    // nothing was seen would be the fabricated all clear this detector must never give.
    List<String> unplaced =
        labels.stream().filter(l -> droppedLabels.contains(l) && !kept.contains(l)).toList();
    if (!unplaced.isEmpty()) {
      return failed(
          frame,
          reply.latencyMs(),
          "the box given for "
              + String.join(", ", unplaced)
              + " was unusable (out of range or malformed)");
    }
    if (dropped > 0 && detections.isEmpty()) {
      return failed(
          frame,
          reply.latencyMs(),
          dropped + " box(es) unusable (out of range or malformed) and none usable");
    }
    detections.sort(
        Comparator.comparingDouble(Detection::confidence)
            .reversed()
            .thenComparing(Detection::label));
    return new VisionFrame(
        frame.frameId(),
        frame.timeS(),
        frame.width(),
        frame.height(),
        detections,
        name,
        reply.latencyMs());
  }

  /** The list of objects in a reply: {@code {"objects": [...]}}, a bare list, or one object. */
  private static Optional<JsonNode> objectsOf(JsonNode node) {
    if (node.isArray()) {
      return Optional.of(node);
    }
    for (String key : List.of("objects", "detections")) {
      JsonNode list = node.get(key);
      if (list != null && list.isArray()) {
        return Optional.of(list);
      }
    }
    if (node.has("bbox_2d")) {
      return Optional.of(JsonNodeFactory.instance.arrayNode().add(node));
    }
    return Optional.empty();
  }

  /** One object of the reply as a detection, or empty if it is malformed or outside the image. */
  private static Optional<Detection> detection(JsonNode object, double horizontalFovRad) {
    if (!object.isObject()) {
      return Optional.empty();
    }
    JsonNode label = object.get("label");
    JsonNode box = object.get("bbox_2d");
    if (label == null || !label.isTextual() || label.asText().isBlank()) {
      return Optional.empty();
    }
    if (box == null || !box.isArray() || box.size() != 4) {
      return Optional.empty();
    }
    double[] c = new double[4];
    for (int i = 0; i < 4; i++) {
      JsonNode v = box.get(i);
      if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
        return Optional.empty();
      }
      c[i] = v.asDouble();
      if (c[i] < -COORD_SLACK || c[i] > QWEN_RANGE + COORD_SLACK) {
        return Optional.empty();
      }
      c[i] = Math.max(0, Math.min(QWEN_RANGE, c[i]));
    }
    double x1 = Math.min(c[0], c[2]);
    double x2 = Math.max(c[0], c[2]);
    double y1 = Math.min(c[1], c[3]);
    double y2 = Math.max(c[1], c[3]);
    if (!(x2 > x1 && y2 > y1)) {
      return Optional.empty();
    }
    BoundingBox bbox =
        new BoundingBox(
            x1 / QWEN_RANGE, y1 / QWEN_RANGE, (x2 - x1) / QWEN_RANGE, (y2 - y1) / QWEN_RANGE);
    Double depthM = null;
    DepthMethod method = null;
    JsonNode depth = object.get("depth_m");
    if (depth != null
        && depth.isNumber()
        && depth.asDouble() > 0
        && depth.asDouble() <= MAX_DEPTH_M) {
      depthM = depth.asDouble();
      method = DepthMethod.VLM_ESTIMATE;
    }
    double bearingRad = bearingRad(bbox.centreX(), horizontalFovRad);
    try {
      return Optional.of(
          new Detection(
              normaliseLabel(label.asText()),
              confidence(object.get("confidence")),
              bbox,
              depthM,
              method,
              bearingRad));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static double confidence(JsonNode node) {
    if (node == null || !node.isNumber()) {
      return UNKNOWN_CONFIDENCE;
    }
    double c = node.asDouble();
    if (c >= 0 && c <= 1) {
      return c;
    }
    return c > 1 && c <= 100 ? c / 100 : UNKNOWN_CONFIDENCE;
  }

  /**
   * The direction of a normalised image column from the optical axis, radians, left positive: a
   * pinhole camera whose focal length in half-image widths is {@code 1 / tan(fov / 2)}.
   */
  static double bearingRad(double centreX, double horizontalFovRad) {
    return Math.atan((0.5 - centreX) * 2 * Math.tan(horizontalFovRad / 2));
  }

  /** Lower case, trimmed, runs of spaces and underscores as one hyphen: {@code red-ball}. */
  public static String normaliseLabel(String label) {
    return label.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", "-");
  }

  private ChatRequest request(JpegImage image) {
    return ChatRequest.of(
            List.of(ChatMessage.system(SYSTEM_PROMPT), ChatMessage.user(prompt, List.of(image))))
        .withTemperature(0)
        .withMaxTokens(maxTokens)
        .withResponseFormat(format);
  }

  private static String prompt(List<String> labels, Map<String, Double> sizesM) {
    List<String> wanted = new ArrayList<>();
    for (String label : labels) {
      Double size = sizesM.get(label);
      wanted.add(
          size == null
              ? label
              : label
                  + " (about "
                  + BigDecimal.valueOf(size).stripTrailingZeros().toPlainString()
                  + " m across)");
    }
    return "Find these objects in the image: "
        + String.join(", ", wanted)
        + ".\nFor each one you see, give its label exactly as written above; its box as bbox_2d"
        + " [x1, y1, x2, y2] in coordinates relative to the image from 0 to 1000, (0, 0) the"
        + " top-left corner and (1000, 1000) the bottom-right; your confidence from 0 to 1; and"
        + " depth_m, your estimate of its distance from the camera in metres (leave it out if you"
        + " cannot tell). Ignore things that only share a colour or a shape with them.\n"
        + "Reply with JSON only: {\"objects\": [{\"label\": \""
        + labels.get(0)
        + "\", \"bbox_2d\": [x1, y1, x2, y2], \"confidence\": 0.9, \"depth_m\": 1.2}]}, or"
        + " {\"objects\": []} if none of them is in view.";
  }

  private static ObjectNode schema() {
    ObjectNode number = JSON.createObjectNode().put("type", "number");
    ObjectNode bbox = JSON.createObjectNode().put("type", "array");
    bbox.set("items", number.deepCopy().put("minimum", 0).put("maximum", QWEN_RANGE));
    bbox.put("minItems", 4).put("maxItems", 4);
    ObjectNode properties = JSON.createObjectNode();
    properties.set("label", JSON.createObjectNode().put("type", "string"));
    properties.set("bbox_2d", bbox);
    properties.set("confidence", number.deepCopy().put("minimum", 0).put("maximum", 1));
    properties.set("depth_m", number.deepCopy().put("exclusiveMinimum", 0));
    ObjectNode object = JSON.createObjectNode().put("type", "object");
    object.set("properties", properties);
    ArrayNode required = object.putArray("required");
    required.add("label").add("bbox_2d").add("confidence");
    object.put("additionalProperties", false);
    ObjectNode list = JSON.createObjectNode().put("type", "array");
    list.set("items", object);
    ObjectNode root = JSON.createObjectNode().put("type", "object");
    root.putObject("properties").set("objects", list);
    root.putArray("required").add("objects");
    root.put("additionalProperties", false);
    return root;
  }

  private VisionFrame failed(CameraFrame frame, double latencyMs, String reason) {
    return VisionFrame.failed(
        frame.frameId(),
        frame.timeS(),
        frame.width(),
        frame.height(),
        name,
        Math.max(0, latencyMs),
        reason);
  }

  private double elapsedMs(long start) {
    return (nanoTime.getAsLong() - start) / 1e6;
  }

  /** What a failed call says, e.g. {@code model error: http_error (HTTP 503): overloaded}. */
  static String modelError(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof ModelException m) {
      String status = m.status().isPresent() ? " (HTTP " + m.status().getAsInt() + ")" : "";
      return "model error: "
          + m.kind().name().toLowerCase(Locale.ROOT)
          + status
          + ": "
          + m.getMessage();
    }
    if (e instanceof CancellationException) {
      return "model error: the call was cancelled";
    }
    return "model error: " + e;
  }

  private static String cut(String s) {
    return s.length() <= LenientJson.EXCERPT_CHARS
        ? s
        : s.substring(0, LenientJson.EXCERPT_CHARS) + "…";
  }
}
