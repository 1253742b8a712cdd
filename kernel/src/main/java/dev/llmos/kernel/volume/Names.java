package dev.llmos.kernel.volume;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The naming rule for agents and skills (the Agent Skills rule): 1 to 64 characters of lower-case
 * letters, digits and hyphens, with no leading, trailing or double hyphen.
 */
public final class Names {
  public static final int MAX_LENGTH = 64;
  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  private Names() {}

  /** What is wrong with a name, or nothing when it is valid. */
  public static Optional<String> problem(String name) {
    if (name == null || name.isEmpty()) {
      return Optional.of("a name must not be empty");
    }
    if (name.length() > MAX_LENGTH) {
      return Optional.of(
          "name '" + name + "' is " + name.length() + " characters; at most 64 are allowed");
    }
    if (!NAME.matcher(name).matches()) {
      return Optional.of(
          "name '"
              + name
              + "' must be lower-case letters, digits and single hyphens"
              + " (no leading, trailing or double hyphen)");
    }
    return Optional.empty();
  }

  /** Returns the name, or throws with the reason it is refused. */
  public static String require(String name) {
    problem(name)
        .ifPresent(
            p -> {
              throw new IllegalArgumentException(p);
            });
    return name;
  }
}
