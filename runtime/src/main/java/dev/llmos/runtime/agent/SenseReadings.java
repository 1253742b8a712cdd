package dev.llmos.runtime.agent;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Rotation2d;
import dev.llmos.hal.robot.Capabilities;
import dev.llmos.hal.robot.RangeSensor;
import dev.llmos.hal.telemetry.Telemetry;
import dev.llmos.kernel.rules.Reading;
import dev.llmos.runtime.instinct.Readings;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns telemetry into the named readings rules are written against: the range in eight directions
 * around the body, the bumper, the battery, how long the robot has been stuck, where home is, and
 * whether a plan is ready. A direction without a sensor within ±22.5° is absent, so a rule that
 * needs it does not match.
 */
final class SenseReadings {
  private static final Map<Reading, Double> DIRECTIONS_DEG = new EnumMap<>(Reading.class);

  static {
    DIRECTIONS_DEG.put(Reading.FRONT_M, 0.0);
    DIRECTIONS_DEG.put(Reading.FRONT_LEFT_M, 45.0);
    DIRECTIONS_DEG.put(Reading.LEFT_M, 90.0);
    DIRECTIONS_DEG.put(Reading.REAR_LEFT_M, 135.0);
    DIRECTIONS_DEG.put(Reading.REAR_M, 180.0);
    DIRECTIONS_DEG.put(Reading.REAR_RIGHT_M, -135.0);
    DIRECTIONS_DEG.put(Reading.RIGHT_M, -90.0);
    DIRECTIONS_DEG.put(Reading.FRONT_RIGHT_M, -45.0);
  }

  private static final double SECTOR_HALF_WIDTH_RAD = Math.toRadians(22.5);

  private final List<RangeSensor> sensors;

  SenseReadings(Capabilities capabilities) {
    this.sensors = capabilities.rangeSensors();
  }

  Readings read(
      Telemetry t,
      Pose2d home,
      double stuckS,
      double elapsedS,
      boolean planReady,
      boolean planDone,
      TargetView target) {
    Readings.Builder b = Readings.builder();
    for (Map.Entry<Reading, Double> direction : DIRECTIONS_DEG.entrySet()) {
      double nearest = Double.POSITIVE_INFINITY;
      double towards = Math.toRadians(direction.getValue());
      for (int i = 0; i < sensors.size() && i < t.rangesM().size(); i++) {
        double off = Rotation2d.wrap(sensors.get(i).angle().radians() - towards);
        if (Math.abs(off) <= SECTOR_HALF_WIDTH_RAD) {
          nearest = Math.min(nearest, t.rangesM().get(i));
        }
      }
      if (nearest < Double.POSITIVE_INFINITY) {
        b.number(direction.getKey(), nearest);
      }
    }
    b.flag(Reading.BUMPER, t.bumper());
    b.number(Reading.BATTERY_PCT, t.battery().charge() * 100);
    b.number(Reading.SPEED_MPS, (t.wheels().leftMps() + t.wheels().rightMps()) / 2);
    b.number(Reading.YAW_RATE_RADPS, t.imu().yawRateRadps());
    b.number(Reading.STUCK_S, stuckS);
    b.number(Reading.ELAPSED_S, elapsedS);
    Pose2d here = t.pose();
    double homeDistance = here.translation().distanceTo(home.translation());
    b.number(Reading.HOME_DISTANCE_M, homeDistance);
    b.number(
        Reading.HOME_BEARING_RAD,
        Rotation2d.wrap(
            home.translation().minus(here.translation()).angle().radians()
                - here.heading().radians()));
    if (t.lineSensors().size() >= 3) {
      b.flag(Reading.LINE_LEFT, t.lineSensors().get(0) > 0.5);
      b.flag(Reading.LINE_CENTER, t.lineSensors().get(1) > 0.5);
      b.flag(Reading.LINE_RIGHT, t.lineSensors().get(2) > 0.5);
    }
    if (target.known()) {
      b.flag(Reading.TARGET_VISIBLE, target.detection().isPresent());
    }
    target
        .detection()
        .ifPresent(
            d -> {
              if (d.depthM() != null) {
                b.number(Reading.TARGET_DISTANCE_M, d.depthM());
              }
              b.number(Reading.TARGET_BEARING_RAD, d.bearingRad());
            });
    b.flag(Reading.PLAN_READY, planReady);
    b.flag(Reading.PLAN_DONE, planDone);
    return b.build();
  }
}
