package dev.llmos.hal.robot;

import dev.llmos.hal.command.Command;
import dev.llmos.hal.telemetry.CameraFrame;
import dev.llmos.hal.telemetry.RobotEvent;
import dev.llmos.hal.telemetry.Telemetry;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A robot as the host sees it, whatever carries its messages and whether or not it is simulated.
 * Every command goes through the safety validator before it reaches the transport.
 */
public interface Robot extends AutoCloseable {
  /** What the robot said about itself when it connected. */
  Capabilities capabilities();

  /** Validates the command, sends it, and completes when the robot acknowledges or refuses it. */
  CompletableFuture<CommandResult> send(Command command);

  /** The most recent telemetry sample, if any has arrived. */
  Optional<Telemetry> latest();

  /** Called on every telemetry sample, on the link's reader thread; keep it short. */
  void onTelemetry(Consumer<Telemetry> listener);

  /** Called on every event the robot reports. */
  void onEvent(Consumer<RobotEvent> listener);

  /** Asks for a camera frame and completes when all its chunks have arrived. */
  CompletableFuture<CameraFrame> captureFrame();

  /** Stops the robot (best effort) and closes the link. */
  @Override
  void close();
}
