package dev.llmos.runtime.instinct;

import dev.llmos.kernel.rules.Reading;
import dev.llmos.kernel.rules.ValueType;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The readings of one control tick, each present or absent. Immutable; held in a flat array by
 * {@link Reading} ordinal so that rules read them without boxing (a flag is stored as 1 or 0).
 */
public final class Readings {
  static final int COUNT = Reading.values().length;

  private static final Map<Reading, Integer> SLOTS = new EnumMap<>(Reading.class);

  static {
    if (COUNT > Long.SIZE) {
      throw new AssertionError("presence is one bit per reading in a long");
    }
    for (Reading r : Reading.values()) {
      SLOTS.put(r, SLOTS.size());
    }
  }

  private final double[] values;
  private final long presentMask;

  private Readings(double[] values, long presentMask) {
    this.values = values;
    this.presentMask = presentMask;
  }

  public static Builder builder() {
    return new Builder();
  }

  public boolean has(Reading reading) {
    return (presentMask & bit(reading)) != 0;
  }

  /** A number reading's value. */
  public double number(Reading reading) {
    require(reading, ValueType.NUMBER);
    return values[slot(reading)];
  }

  /** A flag reading's value. */
  public boolean flag(Reading reading) {
    require(reading, ValueType.BOOLEAN);
    return values[slot(reading)] != 0;
  }

  /** The readings present, in declaration order. */
  public Set<Reading> present() {
    return setOf(presentMask);
  }

  double[] values() {
    return values;
  }

  long presentMask() {
    return presentMask;
  }

  private void require(Reading reading, ValueType type) {
    if (reading.type() != type) {
      throw new IllegalArgumentException(
          "reading '" + reading.key() + "' is " + reading.type().label());
    }
    if (!has(reading)) {
      throw new IllegalStateException("reading '" + reading.key() + "' is absent");
    }
  }

  /** Where a reading's value sits in the array, and which bit of the mask marks it present. */
  static int slot(Reading reading) {
    return SLOTS.get(reading);
  }

  static long bit(Reading reading) {
    return 1L << slot(reading);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Readings other) || other.presentMask != presentMask) {
      return false;
    }
    for (Reading r : Reading.values()) {
      if (has(r) && Double.compare(values[slot(r)], other.values[slot(r)]) != 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = Long.hashCode(presentMask);
    for (Reading r : Reading.values()) {
      if (has(r)) {
        h = 31 * h + Double.hashCode(values[slot(r)]);
      }
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("Readings[");
    for (Reading r : Reading.values()) {
      if (has(r)) {
        out.append(out.length() > 9 ? ", " : "").append(r.key()).append('=');
        if (r.type() == ValueType.BOOLEAN) {
          out.append(values[slot(r)] != 0);
        } else {
          out.append(values[slot(r)]);
        }
      }
    }
    return out.append(']').toString();
  }

  /** Collects readings; a later value for the same reading replaces the earlier one. */
  public static final class Builder {
    private final double[] values = new double[COUNT];
    private long presentMask;

    private Builder() {}

    public Builder number(Reading reading, double value) {
      if (reading.type() != ValueType.NUMBER) {
        throw new IllegalArgumentException(
            "reading '" + reading.key() + "' is a boolean; set it with flag()");
      }
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException(
            "reading '" + reading.key() + "' must be finite, got " + value);
      }
      return put(reading, value);
    }

    public Builder flag(Reading reading, boolean value) {
      if (reading.type() != ValueType.BOOLEAN) {
        throw new IllegalArgumentException(
            "reading '" + reading.key() + "' is a number; set it with number()");
      }
      return put(reading, value ? 1 : 0);
    }

    private Builder put(Reading reading, double value) {
      values[slot(reading)] = value;
      presentMask |= bit(reading);
      return this;
    }

    public Readings build() {
      return new Readings(Arrays.copyOf(values, COUNT), presentMask);
    }
  }

  /** The readings whose bits are set in a mask, as an unmodifiable set. */
  static Set<Reading> setOf(long mask) {
    EnumSet<Reading> out = EnumSet.noneOf(Reading.class);
    for (Reading r : Reading.values()) {
      if ((mask & bit(r)) != 0) {
        out.add(r);
      }
    }
    return Collections.unmodifiableSet(out);
  }
}
