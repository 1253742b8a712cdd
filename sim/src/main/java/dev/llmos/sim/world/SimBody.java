package dev.llmos.sim.world;

import dev.llmos.core.geometry.Pose2d;
import dev.llmos.core.geometry.Translation2d;
import dev.llmos.core.geometry.Twist2d;
import dev.llmos.core.kinematics.DifferentialDriveKinematics;
import dev.llmos.core.kinematics.WheelSpeeds;
import dev.llmos.hal.robot.RangeSensor;
import dev.llmos.hal.telemetry.Battery;
import dev.llmos.hal.telemetry.Imu;
import dev.llmos.hal.telemetry.RobotStatus;
import dev.llmos.hal.telemetry.Telemetry;
import dev.llmos.sim.geometry.ArenaGeometry;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One simulated robot in a {@link SimWorld}: its true pose, wheels, encoders, bumper and battery,
 * and noisy sensor readings on request.
 *
 * <p>Motion per step: each wheel follows its target through the {@link MotorModel}; the wheels'
 * distances over the step (trapezoidal, exact for the ramp) give a constant-curvature arc that is
 * applied with {@link Pose2d#exp(Twist2d)}. The robot collides as a disc ({@link
 * RobotSpec#collisionRadiusM()}) and moves along the arc by conservative advancement: never further
 * than the free distance around it, so no wall is thin enough to pass through at any speed or step.
 *
 * <p>Contact: a robot that would move into a solid or another robot stops touching it (within
 * {@value #CONTACT_M} m, never inside), its wheels stop and its targets are cleared. The bumper is
 * pressed from that moment until the robot is more than {@value #RELEASE_M} m from everything; one
 * collision is counted each time the bumper goes from released to pressed, however often the robot
 * pushes against the same obstacle meanwhile. In a robot–robot contact both robots stop and both
 * bumpers press.
 */
public final class SimBody {
  /** The gap under which two surfaces touch. */
  static final double CONTACT_M = 1e-4;

  /** The gap over which a pressed bumper releases. */
  static final double RELEASE_M = 0.002;

  // How far a touching robot tries to move at a time to learn whether it is moving away or along.
  private static final double PROBE_M = 1e-3;
  // Float noise allowed when sliding along a surface at a constant gap.
  private static final double SLIDE_TOLERANCE_M = 1e-9;
  // Bounds the work per step in tight corners; stopping short is always safe.
  private static final int MAX_ADVANCES = 64;

  private final SimWorld world;
  private final int index;
  private final String id;
  private final RobotSpec spec;
  private final DifferentialDriveKinematics kinematics;
  private final double radiusM;
  private final double metresPerTick;
  private final SplittableRandom motionNoise;
  private final SplittableRandom sensorNoise;

  // Range sensors and line sensors, unpacked for the sampling loop.
  private final double[] sensorCos;
  private final double[] sensorSin;
  private final double[] sensorMountM;
  private final double[] sensorMinM;
  private final double[] sensorMaxM;
  private final double[] lineX;
  private final double[] lineY;

  private Pose2d pose;
  private double targetLeftMps;
  private double targetRightMps;
  private double leftMps;
  private double rightMps;
  private double leftEncoderM;
  private double rightEncoderM;
  private boolean bumper;
  private int collisions;
  private double yawRateRadps;
  private double accelXMps2;
  // The forward speed at the end of the last step: a stop forced by another robot's contact in
  // between still shows as a jolt.
  private double forwardMps;
  private double accelYMps2;
  private double charge = 1;
  private double currentA;
  // Set by advance for the step in progress.
  private boolean blocked;
  private SimBody blockedBy;

  SimBody(
      SimWorld world,
      int index,
      String id,
      RobotSpec spec,
      Pose2d start,
      SplittableRandom noiseRoot) {
    this.world = world;
    this.index = index;
    this.id = id;
    this.spec = spec;
    this.kinematics = spec.kinematics();
    this.radiusM = spec.collisionRadiusM();
    this.metresPerTick = spec.metresPerTick();
    this.motionNoise = noiseRoot.split();
    this.sensorNoise = noiseRoot.split();
    this.pose = start;
    List<RangeSensor> sensors = spec.rangeSensors();
    int n = sensors.size();
    sensorCos = new double[n];
    sensorSin = new double[n];
    sensorMountM = new double[n];
    sensorMinM = new double[n];
    sensorMaxM = new double[n];
    for (int i = 0; i < n; i++) {
      RangeSensor s = sensors.get(i);
      sensorCos[i] = s.angle().cos();
      sensorSin[i] = s.angle().sin();
      sensorMountM[i] = spec.mountDistanceM(s.angle());
      sensorMinM[i] = s.minRangeM();
      sensorMaxM[i] = s.maxRangeM();
    }
    List<Translation2d> lines = spec.lineSensorOffsets();
    lineX = new double[lines.size()];
    lineY = new double[lines.size()];
    for (int i = 0; i < lines.size(); i++) {
      lineX[i] = lines.get(i).xM();
      lineY[i] = lines.get(i).yM();
    }
  }

  public String id() {
    return id;
  }

  public RobotSpec spec() {
    return spec;
  }

  /** The true pose. */
  public Pose2d pose() {
    return pose;
  }

  /** What the motor controller is asked for; speeds beyond the motors' reach saturate. */
  public void setWheelTargets(WheelSpeeds targets) {
    targetLeftMps = targets.leftMps();
    targetRightMps = targets.rightMps();
  }

  public WheelSpeeds wheelTargets() {
    return new WheelSpeeds(targetLeftMps, targetRightMps);
  }

  /** The wheels' actual rim speeds. */
  public WheelSpeeds wheelSpeeds() {
    return new WheelSpeeds(leftMps, rightMps);
  }

  /** The left encoder's count since the robot was placed (rounded towards negative infinity). */
  public long leftTicks() {
    return (long) Math.floor(leftEncoderM / metresPerTick);
  }

  public long rightTicks() {
    return (long) Math.floor(rightEncoderM / metresPerTick);
  }

  public boolean bumper() {
    return bumper;
  }

  /** Collisions counted since the robot was placed. */
  public int collisions() {
    return collisions;
  }

  /** The true inertial state over the last step, without noise. */
  public Imu imu() {
    return new Imu(yawRateRadps, accelXMps2, accelYMps2);
  }

  /** The battery's true state: open-circuit voltage less the sag of the last step's current. */
  public Battery battery() {
    return new Battery(spec.battery().voltageV(charge, currentA), charge);
  }

  /**
   * Samples every sensor, with noise from this robot's own seeded stream, at the world's time.
   * Distance sensors cast from the body's edge and see the arena and the other robots' discs; a
   * reading is clamped to the sensor's range and nothing seen reads its maximum. Line sensors read
   * 1 over tape and 0 over floor, plus noise, clamped to 0–1.
   *
   * @param status what the firmware holds (its collision count is normally {@link #collisions()})
   */
  public Telemetry telemetry(RobotStatus status) {
    SensorNoise noise = spec.noise();
    ArenaGeometry geometry = world.geometry();
    double x = pose.xM();
    double y = pose.yM();
    double cos = pose.rotation().cos();
    double sin = pose.rotation().sin();
    // Arrays wrapped by List.of once: Telemetry's own copy of an immutable list is free.
    Double[] ranges = new Double[sensorCos.length];
    for (int i = 0; i < sensorCos.length; i++) {
      double dirX = cos * sensorCos[i] - sin * sensorSin[i];
      double dirY = sin * sensorCos[i] + cos * sensorSin[i];
      double ox = x + sensorMountM[i] * dirX;
      double oy = y + sensorMountM[i] * dirY;
      double maxM = sensorMaxM[i];
      double d = geometry.castRay(ox, oy, dirX, dirY, maxM);
      // Robots only matter nearer than the arena's surface.
      d = Math.min(d, world.castRayAtRobots(this, ox, oy, dirX, dirY, Math.min(d, maxM)));
      ranges[i] = d > maxM ? maxM : clamp(d + gaussian(noise.rangeSigmaM()), sensorMinM[i], maxM);
    }
    Double[] lines = new Double[lineX.length];
    for (int i = 0; i < lineX.length; i++) {
      double lx = x + lineX[i] * cos - lineY[i] * sin;
      double ly = y + lineX[i] * sin + lineY[i] * cos;
      double truth = geometry.onLine(lx, ly) ? 1 : 0;
      lines[i] = clamp(truth + gaussian(noise.lineSigma()), 0, 1);
    }
    Imu imu =
        new Imu(
            yawRateRadps + gaussian(noise.yawRateSigmaRadps()),
            accelXMps2 + gaussian(noise.accelSigmaMps2()),
            accelYMps2 + gaussian(noise.accelSigmaMps2()));
    return new Telemetry(
        world.timeS(),
        pose,
        wheelSpeeds(),
        leftTicks(),
        rightTicks(),
        List.of(ranges),
        imu,
        bumper,
        List.of(lines),
        battery(),
        status);
  }

  /** This robot's place in its world's order. */
  int index() {
    return index;
  }

  double radiusM() {
    return radiusM;
  }

  void step(double stepS) {
    MotorModel motor = spec.motor();
    boolean powered = charge > 0;
    double newLeft = motor.next(leftMps, powered ? targetLeftMps : 0, stepS);
    double newRight = motor.next(rightMps, powered ? targetRightMps : 0, stepS);
    double leftM = (leftMps + newLeft) / 2 * stepS;
    double rightM = (rightMps + newRight) / 2 * stepS;
    Twist2d twist = kinematics.toTwist(leftM, rightM);

    double fraction = advance(twist);
    Twist2d moved = fraction == 1 ? twist : twist.times(fraction);
    pose = pose.exp(moved);
    leftEncoderM += leftM * fraction * slipFactor();
    rightEncoderM += rightM * fraction * slipFactor();

    // Both wheels' mean speeds over the step; each motor draws in proportion to its speed.
    double wheelsMps = (Math.abs(leftMps + newLeft) + Math.abs(rightMps + newRight)) / 2;
    BatteryModel battery = spec.battery();
    currentA =
        battery.idleCurrentA()
            + battery.motorCurrentAtMaxSpeedA() * wheelsMps / motor.maxSpeedMps();
    charge = Math.max(0, charge - battery.chargeUsed(currentA, stepS));

    leftMps = newLeft;
    rightMps = newRight;
    if (blocked) {
      contact();
      if (blockedBy != null) {
        blockedBy.contact();
      }
    } else if (bumper
        && world.gapM(this, radiusM, pose.xM(), pose.yM(), 2 * RELEASE_M) > RELEASE_M) {
      bumper = false;
    }
    yawRateRadps = moved.dThetaRad() / stepS;
    double newForwardMps = (leftMps + rightMps) / 2;
    accelXMps2 = (newForwardMps - forwardMps) / stepS;
    forwardMps = newForwardMps;
    accelYMps2 = moved.dxM() / stepS * yawRateRadps;
  }

  /**
   * How much of the step's arc, 0 to 1, the robot can drive, by conservative advancement: each move
   * is no longer than the free gap (the disc's centre travels at most the arc's length), stopping
   * {@code CONTACT_M / 2} short of touching. Sets {@link #blocked} when the robot touches something
   * and would move closer, and {@link #blockedBy} to the robot it touches, if any.
   */
  private double advance(Twist2d twist) {
    blocked = false;
    blockedBy = null;
    double travelM = Math.abs(twist.dxM());
    if (travelM == 0) {
      return 1;
    }
    double capM = travelM + CONTACT_M;
    double s = 0;
    double gap = world.gapM(this, radiusM, pose.xM(), pose.yM(), capM);
    for (int i = 0; i < MAX_ADVANCES; i++) {
      double next;
      if (gap > CONTACT_M) {
        next = s + (gap - CONTACT_M / 2) / travelM;
        if (next >= 1) {
          return 1;
        }
        Pose2d p = pose.exp(twist.times(next));
        gap = world.gapM(this, radiusM, p.xM(), p.yM(), capM);
      } else {
        // Touching: move on only if a short probe keeps clear and does not close the gap.
        next = Math.min(1, s + PROBE_M / travelM);
        Pose2d p = pose.exp(twist.times(next));
        double probeGap = world.gapM(this, radiusM, p.xM(), p.yM(), capM);
        boolean closing = probeGap <= CONTACT_M && probeGap < gap - SLIDE_TOLERANCE_M;
        if (probeGap <= 0 || closing) {
          blocked = true;
          blockedBy = world.nearestBody();
          return s;
        }
        gap = probeGap;
        if (next == 1) {
          return 1;
        }
      }
      s = next;
    }
    return s;
  }

  /** Stops the robot against an obstacle; a newly pressed bumper counts a collision. */
  private void contact() {
    leftMps = 0;
    rightMps = 0;
    targetLeftMps = 0;
    targetRightMps = 0;
    if (!bumper) {
      bumper = true;
      collisions++;
    }
  }

  private double slipFactor() {
    double sigma = spec.noise().encoderSlipSigma();
    return sigma == 0 ? 1 : 1 + Math.abs(motionNoise.nextGaussian() * sigma);
  }

  private double gaussian(double sigma) {
    return sigma == 0 ? 0 : sensorNoise.nextGaussian() * sigma;
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
