package dev.llmos.hal.link;

import dev.llmos.core.safety.SafetyLimits;
import dev.llmos.hal.command.CaptureFrame;
import dev.llmos.hal.command.Command;
import dev.llmos.hal.command.Stop;
import dev.llmos.hal.protocol.CommandMessage;
import dev.llmos.hal.protocol.CommandOutcome;
import dev.llmos.hal.protocol.CommandReply;
import dev.llmos.hal.protocol.EventMessage;
import dev.llmos.hal.protocol.Frame;
import dev.llmos.hal.protocol.FrameChunk;
import dev.llmos.hal.protocol.FrameDecoder;
import dev.llmos.hal.protocol.FrameEncoder;
import dev.llmos.hal.protocol.FrameFormat;
import dev.llmos.hal.protocol.FrameListener;
import dev.llmos.hal.protocol.FrameReassembler;
import dev.llmos.hal.protocol.Heartbeat;
import dev.llmos.hal.protocol.Hello;
import dev.llmos.hal.protocol.HelloRequest;
import dev.llmos.hal.protocol.OutstandingCommands;
import dev.llmos.hal.protocol.PendingCommand;
import dev.llmos.hal.protocol.SequenceCounter;
import dev.llmos.hal.protocol.TelemetryMessage;
import dev.llmos.hal.robot.Capabilities;
import dev.llmos.hal.robot.CommandResult;
import dev.llmos.hal.robot.Robot;
import dev.llmos.hal.safety.SafetyValidator;
import dev.llmos.hal.safety.Verdict;
import dev.llmos.hal.telemetry.CameraFrame;
import dev.llmos.hal.telemetry.RobotEvent;
import dev.llmos.hal.telemetry.Telemetry;
import dev.llmos.hal.transport.Transport;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The host's end of a link to one robot over any transport: the hello handshake, heartbeats,
 * numbered commands with acknowledgement and bounded retry, telemetry, events and camera frames.
 * Every command passes the {@link SafetyValidator} first; a refused command never reaches the wire.
 */
public final class RobotLink implements Robot {
  /** The largest camera frame accepted, bytes of JPEG. */
  private static final int MAX_CAMERA_FRAME_BYTES = 4 * 1024 * 1024;

  /** How long a frame request waits for its image. */
  private static final long FRAME_TIMEOUT_S = 5;

  private final Transport transport;
  private final Clock clock;
  private final LinkOptions options;
  private final SafetyLimits limits;
  private final FrameEncoder encoder = new FrameEncoder();
  private final SequenceCounter seqs = new SequenceCounter();
  private final OutstandingCommands outstanding;
  private final FrameDecoder decoder;
  private final FrameReassembler reassembler = new FrameReassembler(MAX_CAMERA_FRAME_BYTES);
  private final Queue<CompletableFuture<CameraFrame>> frameWaiters = new ArrayDeque<>();
  private final List<Consumer<Telemetry>> telemetryListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<RobotEvent>> eventListeners = new CopyOnWriteArrayList<>();
  private final AtomicReference<Telemetry> latest = new AtomicReference<>();
  private final CompletableFuture<Hello> hello = new CompletableFuture<>();
  private final ScheduledExecutorService timer;
  private final Thread reader;

  /**
   * Guards the order of everything written: validation, numbering, encoding and the write itself
   * happen together, so a stop validated after a drive also reaches the robot after it.
   */
  private final Object wire = new Object();

  private volatile SafetyValidator validator;
  private volatile boolean closed;

  private RobotLink(Transport transport, SafetyLimits limits, Clock clock, LinkOptions options) {
    this.transport = transport;
    this.limits = limits;
    this.clock = clock;
    this.options = options;
    this.outstanding = new OutstandingCommands(clock, options.retry(), seqs);
    this.decoder = new FrameDecoder(new Listener());
    String name = transport.address();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "llmos-link-timer " + name);
              t.setDaemon(true);
              return t;
            });
    this.reader = new Thread(this::readLoop, "llmos-link-reader " + name);
    reader.setDaemon(true);
  }

  /**
   * Connects over an open transport: asks for the robot's hello, then keeps the link alive with
   * heartbeats until {@link #close}.
   *
   * @throws IOException when the robot does not say hello within the timeout, or the link fails
   */
  public static RobotLink open(
      Transport transport, SafetyLimits limits, Clock clock, LinkOptions options)
      throws IOException {
    RobotLink link = new RobotLink(transport, limits, clock, options);
    try {
      link.start();
      return link;
    } catch (IOException | RuntimeException e) {
      link.close();
      throw e;
    }
  }

  private void start() throws IOException {
    reader.start();
    long deadline = System.nanoTime() + options.helloTimeout().toNanos();
    Hello answer = null;
    while (answer == null) {
      synchronized (wire) {
        write(encoder.encode(seqs.next(), new HelloRequest()));
      }
      try {
        answer = hello.get(200, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        Optional<Integer> foreign = decoder.lastForeignVersion();
        if (foreign.isPresent()) {
          throw versionMismatch(foreign.get());
        }
        if (System.nanoTime() > deadline) {
          throw new IOException(
              "no hello from a robot at "
                  + transport.address()
                  + " within "
                  + options.helloTimeout().toMillis()
                  + " ms; is it an LLMos robot, powered, and on this port?",
              e);
        }
      } catch (ExecutionException e) {
        throw new IOException(
            "the link to " + transport.address() + " failed: " + e.getCause().getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while connecting to " + transport.address(), e);
      }
    }
    if (answer.protocolVersion() != FrameFormat.VERSION) {
      throw versionMismatch(answer.protocolVersion());
    }
    SafetyValidator v = new SafetyValidator(limits, answer.capabilities(), clock);
    Telemetry early = latest.get();
    if (early != null) {
      v.observe(early);
    }
    validator = v;
    // Five heartbeats per watchdog timeout of whichever is shorter, the kernel's or the robot's.
    long heartbeatMs =
        Math.max(
            1,
            Math.min(
                options.heartbeatInterval().toMillis(),
                Math.round(
                    v.envelope().watchdogTimeoutS() * 1000 / LinkOptions.HEARTBEATS_PER_TIMEOUT)));
    // Resends are checked twice per retry interval, apart from the heartbeat's rhythm.
    long retryTickMs = Math.max(1, options.retry().interval().toMillis() / 2);
    schedule(this::heartbeat, heartbeatMs);
    schedule(this::resend, retryTickMs);
  }

  private void schedule(Runnable task, long periodMs) {
    // The futures are not kept: shutting the timer down ends both tasks.
    var unused = timer.scheduleAtFixedRate(task, 0, periodMs, TimeUnit.MILLISECONDS);
  }

  private IOException versionMismatch(int version) {
    return new IOException(
        "the robot at "
            + transport.address()
            + " speaks protocol version "
            + version
            + " and this host speaks "
            + FrameFormat.VERSION
            + "; update the robot's firmware or LLMos so they match");
  }

  @Override
  public Capabilities capabilities() {
    return hello.join().capabilities();
  }

  @Override
  public CompletableFuture<CommandResult> send(Command command) {
    PendingCommand pending;
    String adjusted;
    synchronized (wire) {
      if (closed) {
        return CompletableFuture.completedFuture(
            new CommandResult(
                command, null, CommandResult.Outcome.NO_ANSWER, "the link is closed"));
      }
      Verdict verdict = validator.check(command);
      if (verdict instanceof Verdict.Refused refused) {
        return CompletableFuture.completedFuture(
            new CommandResult(
                command,
                null,
                CommandResult.Outcome.REFUSED_BY_VALIDATOR,
                refused.rule().name() + ": " + refused.reason()));
      }
      Verdict.Accepted accepted = (Verdict.Accepted) verdict;
      adjusted =
          accepted.adjustments().stream()
              .map(a -> a.rule().name() + ": " + a.reason())
              .collect(Collectors.joining("; "));
      pending = outstanding.send(accepted.command());
      try {
        write(pending.wire());
      } catch (IOException e) {
        // The command stays outstanding: resent by the timer, or settled as unanswered.
      }
    }
    // Callers' continuations run off the link's threads and outside its lock.
    return pending.outcome().thenApplyAsync(outcome -> result(command, outcome, adjusted));
  }

  private CommandResult result(Command requested, CommandOutcome outcome, String adjusted) {
    return switch (outcome.status()) {
      case ACKED ->
          new CommandResult(requested, outcome.command(), CommandResult.Outcome.ACCEPTED, adjusted);
      case NACKED ->
          new CommandResult(
              requested,
              outcome.command(),
              CommandResult.Outcome.REFUSED_BY_ROBOT,
              outcome.nackReason().orElseThrow().name());
      case UNANSWERED ->
          new CommandResult(
              requested,
              outcome.command(),
              CommandResult.Outcome.NO_ANSWER,
              "no acknowledgement after " + outcome.attempts() + " attempts");
    };
  }

  @Override
  public Optional<Telemetry> latest() {
    return Optional.ofNullable(latest.get());
  }

  @Override
  public void onTelemetry(Consumer<Telemetry> listener) {
    telemetryListeners.add(listener);
  }

  @Override
  public void onEvent(Consumer<RobotEvent> listener) {
    eventListeners.add(listener);
  }

  @Override
  public CompletableFuture<CameraFrame> captureFrame() {
    if (capabilities().camera().isEmpty()) {
      return CompletableFuture.failedFuture(
          new IllegalStateException(capabilities().robotId() + " has no camera"));
    }
    CompletableFuture<CameraFrame> frame = new CompletableFuture<>();
    synchronized (frameWaiters) {
      frameWaiters.add(frame);
    }
    // A frame lost on the way must not leave its waiter behind to take a later image.
    var unused =
        frame
            .orTimeout(FRAME_TIMEOUT_S, TimeUnit.SECONDS)
            .whenComplete(
                (f, failure) -> {
                  synchronized (frameWaiters) {
                    frameWaiters.removeIf(waiting -> waiting == frame);
                  }
                });
    return send(new CaptureFrame())
        .thenCompose(
            r -> {
              if (r.accepted()) {
                return frame;
              }
              frame.cancel(false);
              return CompletableFuture.failedFuture(
                  new IllegalStateException("frame request refused: " + r.reason()));
            });
  }

  /** Frames received intact and bytes dropped, for a console or a dashboard. */
  public LinkStats stats() {
    return new LinkStats(decoder.frames(), decoder.totalDrops(), reassembler.completed());
  }

  /** Whether the link is still up. */
  public boolean isOpen() {
    return !closed && transport.isOpen();
  }

  @Override
  public void close() {
    synchronized (wire) {
      if (closed) {
        return;
      }
      closed = true;
      if (validator != null && transport.isOpen()) {
        try {
          // Leave the robot still; its watchdog would stop it anyway, but later.
          write(encoder.encode(seqs.next(), new CommandMessage(new Stop())));
        } catch (IOException | RuntimeException e) {
          // Nothing more to do for a link that is already gone.
        }
      }
    }
    timer.shutdownNow();
    transport.close();
    synchronized (wire) {
      outstanding.abandonAll();
    }
    List<CompletableFuture<CameraFrame>> waiting;
    synchronized (frameWaiters) {
      waiting = List.copyOf(frameWaiters);
      frameWaiters.clear();
    }
    waiting.forEach(f -> f.completeExceptionally(new IllegalStateException("the link is closed")));
  }

  /**
   * Sends a heartbeat now, besides the timer's. A lockstep simulation calls it once per step: its
   * robot's watchdog runs on simulated time, which the wall-clock timer does not follow, so without
   * it whether the watchdog trips would depend on the host's scheduler.
   */
  public void heartbeatNow() {
    heartbeat();
  }

  private void heartbeat() {
    try {
      synchronized (wire) {
        write(encoder.encode(seqs.next(), new Heartbeat(clock.millis() & Heartbeat.MAX_TIME_MS)));
      }
    } catch (IOException | RuntimeException e) {
      // A failed write means the link is going down; the reader notices and closes.
    }
  }

  private void resend() {
    try {
      synchronized (wire) {
        for (byte[] frame : outstanding.due()) {
          write(frame);
        }
      }
    } catch (IOException | RuntimeException e) {
      // As for heartbeats: the reader closes a link that has gone.
    }
  }

  private void write(byte[] bytes) throws IOException {
    transport.write(bytes);
  }

  private void readLoop() {
    byte[] buffer = new byte[FrameFormat.MAX_ENCODED_BYTES];
    try {
      int n;
      while ((n = transport.read(buffer)) >= 0) {
        decoder.accept(buffer, 0, n);
      }
    } catch (IOException | RuntimeException e) {
      // The link is gone (or broken beyond use); close it so nothing keeps the robot alive.
    } finally {
      hello.completeExceptionally(new IOException("the robot closed the link"));
      close();
    }
  }

  /** Runs on the reader thread; must not throw. */
  private final class Listener implements FrameListener {
    @Override
    public void onFrame(Frame frame) {
      // Messages meant for a robot (heartbeats, commands) are ignored if one is echoed back.
      var message = frame.message();
      if (message instanceof Hello h) {
        hello.complete(h);
      } else if (message instanceof CommandReply reply) {
        settle(reply);
      } else if (message instanceof TelemetryMessage t) {
        telemetry(t.telemetry());
      } else if (message instanceof EventMessage e) {
        eventListeners.forEach(l -> deliver(l, e.event()));
      } else if (message instanceof FrameChunk c) {
        chunk(c);
      }
    }
  }

  private void settle(CommandReply reply) {
    synchronized (wire) {
      outstanding.onReply(reply);
    }
  }

  /** A listener that throws loses its sample, not the link. */
  private static <T> void deliver(Consumer<T> listener, T value) {
    try {
      listener.accept(value);
    } catch (RuntimeException e) {
      // The caller's bug; the link goes on.
    }
  }

  private void telemetry(Telemetry t) {
    // The validator sees a sample before anyone else can act on it.
    SafetyValidator v = validator;
    if (v != null) {
      v.observe(t);
    }
    latest.set(t);
    telemetryListeners.forEach(l -> deliver(l, t));
  }

  private void chunk(FrameChunk chunk) {
    reassembler
        .accept(chunk)
        .ifPresent(
            frame -> {
              // Every request waiting now is answered with the newest image.
              List<CompletableFuture<CameraFrame>> waiting;
              synchronized (frameWaiters) {
                waiting = List.copyOf(frameWaiters);
                frameWaiters.clear();
              }
              waiting.forEach(w -> w.complete(frame));
            });
  }
}
