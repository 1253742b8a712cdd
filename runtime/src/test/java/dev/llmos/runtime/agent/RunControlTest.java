package dev.llmos.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RunControlTest {
  private static final long AN_HOUR = TimeUnit.HOURS.toNanos(1);

  @Test
  void aSlowPaceStillAnswersAStopAPauseAndANewSpeed() throws Exception {
    for (java.util.function.Consumer<RunControl> order :
        java.util.List.<java.util.function.Consumer<RunControl>>of(
            RunControl::stop, RunControl::pause, c -> c.setSpeed(2))) {
      RunControl control = new RunControl(0.001);
      CompletableFuture<Void> sleeping =
          CompletableFuture.runAsync(
              () -> {
                try {
                  control.sleepUntil(System.nanoTime() + AN_HOUR);
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      Thread.sleep(50);
      assertThat(sleeping).isNotDone();
      order.accept(control);
      sleeping.get(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aPausedRunWaitsUntilItIsResumedOrStopped() throws Exception {
    RunControl control = new RunControl(1);
    control.pause();
    assertThat(control.isPaused()).isTrue();
    CompletableFuture<Void> waiting =
        CompletableFuture.runAsync(
            () -> {
              try {
                control.awaitRunning();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(50);
    assertThat(waiting).isNotDone();
    control.resume();
    waiting.get(5, TimeUnit.SECONDS);

    control.pause();
    control.stop();
    assertThat(control.isPaused()).as("a stopped run is not paused").isFalse();
    control.awaitRunning();
    assertThat(control.isStopped()).isTrue();
  }

  @Test
  void speedsOutsideZeroToAThousandAreRefused() {
    assertThatThrownBy(() -> new RunControl(-1)).hasMessageContaining("[0, 1000]");
    assertThatThrownBy(() -> new RunControl(Double.NaN)).hasMessageContaining("speed");
    RunControl control = new RunControl(0);
    assertThatThrownBy(() -> control.setSpeed(1001)).hasMessageContaining("1001");
    control.setSpeed(1000);
    assertThat(control.speed()).isEqualTo(1000);
  }
}
