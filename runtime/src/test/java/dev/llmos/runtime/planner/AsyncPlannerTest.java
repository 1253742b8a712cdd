package dev.llmos.runtime.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmos.core.geometry.Translation2d;
import dev.llmos.kernel.rules.ActionKind;
import dev.llmos.runtime.world.GridGeometry;
import dev.llmos.runtime.world.WorldModel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// The timeouts only keep a broken planner thread from hanging the build; nothing here is timed.
@Timeout(30)
class AsyncPlannerTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(1);

  /** A planner that never answers fails its request, and the next one is not stuck behind it. */
  @Test
  void aPlannerThatNeverAnswersFailsItsRequestAndTheNextOneRuns() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    Planner hung =
        request -> {
          if (calls.incrementAndGet() == 1) {
            try {
              never.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return Optional.of(List.of(request.robot()));
        };
    try (AsyncPlanner planning =
        new AsyncPlanner(hung, OptionalInt.of(1), Duration.ofMillis(200))) {
      assertThat(planning.submit(request(1, 0))).isTrue();
      Plan first = planning.poll(1).orElseThrow();
      assertThat(first.failed()).isTrue();
      assertThat(first.error()).hasValueSatisfying(m -> assertThat(m).contains("no answer within"));
      assertThat(planning.busy()).isFalse();
      assertThat(planning.submit(request(2, 1))).isTrue();
      assertThat(planning.poll(2).orElseThrow().waypoints()).isPresent();
    }
  }

  private static final WorldModel WORLD =
      new WorldModel("a", new GridGeometry(0, 0, 0.1, 10, 10), 0.1);
  private static final List<Translation2d> PATH =
      List.of(new Translation2d(0.1, 0.1), new Translation2d(0.5, 0.5));

  private static PlanRequest request(long id, long tick) {
    return new PlanRequest(
        id,
        tick,
        ActionKind.PLAN_TO_FRONTIER,
        Escalation.GOAL_NEEDS_PLAN,
        WORLD.copy(),
        new Translation2d(0.1, 0.1),
        Translation2d.ZERO,
        Optional.empty());
  }

  /** A planner that says when it has started and answers only once released. */
  private static final class Gated implements Planner {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicReference<Thread> thread = new AtomicReference<>();

    @Override
    public Optional<List<Translation2d>> plan(PlanRequest request) {
      thread.set(Thread.currentThread());
      started.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      return Optional.of(PATH);
    }
  }

  private static Plan pollUntilDelivered(AsyncPlanner planning, long fromTick)
      throws InterruptedException {
    for (long tick = fromTick; ; tick++) {
      Optional<Plan> plan = planning.poll(tick);
      if (plan.isPresent()) {
        return plan.get();
      }
      Thread.sleep(1);
    }
  }

  @Test
  void submitReturnsAtOnceAndPollIsEmptyWhileThePlannerWorks() throws Exception {
    Gated gated = new Gated();
    try (AsyncPlanner planning = new AsyncPlanner(gated, OptionalInt.empty(), TIMEOUT)) {
      assertThat(planning.busy()).isFalse();
      assertThat(planning.poll(0)).isEmpty();

      assertThat(planning.submit(request(1, 0))).isTrue();
      gated.started.await();
      assertThat(planning.busy()).isTrue();
      for (long tick = 1; tick <= 5; tick++) {
        assertThat(planning.poll(tick)).isEmpty();
        assertThat(planning.lastWaitMs()).isZero();
      }

      gated.release.countDown();
      Plan plan = pollUntilDelivered(planning, 6);
      assertThat(plan.request().id()).isEqualTo(1);
      assertThat(plan.waypoints()).contains(PATH);
      assertThat(plan.failed()).isFalse();
      assertThat(plan.latencyMs()).isNotNegative();
      assertThat(planning.busy()).isFalse();
      assertThat(planning.poll(100)).isEmpty();
    }
  }

  @Test
  void aSecondRequestWhileOneIsOutIsRefused() throws Exception {
    Gated gated = new Gated();
    try (AsyncPlanner planning = new AsyncPlanner(gated, OptionalInt.empty(), TIMEOUT)) {
      assertThat(planning.submit(request(1, 0))).isTrue();
      gated.started.await();
      assertThat(planning.submit(request(2, 1))).isFalse();

      gated.release.countDown();
      assertThat(pollUntilDelivered(planning, 2).request().id()).isEqualTo(1);
      // Once the answer is in, the loop may ask again.
      assertThat(planning.submit(request(3, 10))).isTrue();
      assertThat(pollUntilDelivered(planning, 11).request().id()).isEqualTo(3);
    }
  }

  @Test
  void lockstepHoldsAFinishedPlanUntilItsTick() throws Exception {
    CountDownLatch returning = new CountDownLatch(1);
    Planner quick =
        request -> {
          returning.countDown();
          return Optional.of(PATH);
        };
    try (AsyncPlanner planning = new AsyncPlanner(quick, OptionalInt.of(3), TIMEOUT)) {
      assertThat(planning.submit(request(1, 10))).isTrue();
      returning.await();
      assertThat(planning.poll(10)).isEmpty();
      assertThat(planning.poll(11)).isEmpty();
      assertThat(planning.poll(12)).isEmpty();
      assertThat(planning.busy()).isTrue();
      Optional<Plan> plan = planning.poll(13);
      assertThat(plan).isPresent();
      assertThat(plan.get().request().id()).isEqualTo(1);
      assertThat(planning.lastWaitMs()).isNotNegative();
      assertThat(planning.busy()).isFalse();
    }
  }

  @Test
  void lockstepWaitsAtItsTickForAPlanNotYetDone() throws Exception {
    Gated gated = new Gated();
    try (AsyncPlanner planning = new AsyncPlanner(gated, OptionalInt.of(2), TIMEOUT)) {
      planning.submit(request(1, 4));
      gated.started.await();
      assertThat(planning.poll(5)).isEmpty();

      CompletableFuture<Optional<Plan>> delivery = new CompletableFuture<>();
      Thread loop =
          new Thread(
              () -> {
                try {
                  delivery.complete(planning.poll(6));
                } catch (InterruptedException | RuntimeException e) {
                  delivery.completeExceptionally(e);
                }
              });
      loop.start();
      // The planner cannot answer before it is released, so the delivery tick is still waiting.
      assertThat(delivery).isNotDone();
      gated.release.countDown();
      assertThat(delivery.get()).hasValueSatisfying(p -> assertThat(p.waypoints()).contains(PATH));
      loop.join();
    }
  }

  @Test
  void aThrowingPlannerComesBackAsAFailedPlan() throws Exception {
    Planner broken =
        request -> {
          throw new IllegalStateException("no map to plan on");
        };
    try (AsyncPlanner planning = new AsyncPlanner(broken, OptionalInt.of(1), TIMEOUT)) {
      planning.submit(request(7, 0));
      Plan plan = planning.poll(1).orElseThrow();
      assertThat(plan.failed()).isTrue();
      assertThat(plan.error()).contains("IllegalStateException: no map to plan on");
      assertThat(plan.waypoints()).isEmpty();
      assertThat(plan.request().id()).isEqualTo(7);
      assertThat(planning.busy()).isFalse();
    }
  }

  @Test
  void aPlannerThatThrowsWithoutAMessageIsNamedByItsClass() throws Exception {
    Planner broken =
        request -> {
          throw new UnsupportedOperationException();
        };
    try (AsyncPlanner planning = new AsyncPlanner(broken, OptionalInt.of(1), TIMEOUT)) {
      planning.submit(request(1, 0));
      assertThat(planning.poll(1).orElseThrow().error()).contains("UnsupportedOperationException");
    }
  }

  @Test
  void closeStopsThePlannerThreadEvenMidPlan() throws Exception {
    Gated gated = new Gated();
    AsyncPlanner planning = new AsyncPlanner(gated, OptionalInt.empty(), TIMEOUT);
    planning.submit(request(1, 0));
    gated.started.await();
    Thread thread = gated.thread.get();
    assertThat(thread.isDaemon()).isTrue();
    assertThat(thread.getName()).isEqualTo("llmos-planner");

    planning.close();
    thread.join();
    assertThat(thread.isAlive()).isFalse();
  }

  @Test
  void aRequestRefusedAfterCloseLeavesNothingOut() {
    AsyncPlanner planning =
        new AsyncPlanner(request -> Optional.of(PATH), OptionalInt.of(1), TIMEOUT);
    planning.close();
    assertThatThrownBy(() -> planning.submit(request(1, 0)))
        .isInstanceOf(RejectedExecutionException.class);
    assertThat(planning.busy()).isFalse();
  }

  @Test
  void deliveryIsAtLeastOneTickAfterTheRequest() {
    assertThatThrownBy(
            () -> new AsyncPlanner(request -> Optional.empty(), OptionalInt.of(0), TIMEOUT))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
