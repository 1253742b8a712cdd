package dev.llmos.runtime.rsa;

import dev.llmos.core.geometry.Translation2d;
import java.util.List;
import java.util.Locale;

/**
 * A plan as the RSA planner's model proposes it: waypoints and why.
 *
 * @param waypoints world metres, in driving order, at least one
 * @param reason the model's one-line reason (may be empty)
 */
public record PlanCandidate(List<Translation2d> waypoints, String reason) {
  public PlanCandidate {
    waypoints = List.copyOf(waypoints);
    if (waypoints.isEmpty()) {
      throw new IllegalArgumentException("a plan needs at least one waypoint");
    }
    reason = reason == null ? "" : reason;
  }

  /** Where the plan ends: what RSA compares when it asks whether two plans agree. */
  public Translation2d end() {
    return waypoints.get(waypoints.size() - 1);
  }

  /** The JSON shape the model is asked for, with centimetre precision. */
  public String toJson() {
    StringBuilder out = new StringBuilder("{\"waypoints\":[");
    for (int i = 0; i < waypoints.size(); i++) {
      Translation2d w = waypoints.get(i);
      out.append(i == 0 ? "" : ",")
          .append(String.format(Locale.ROOT, "{\"x_m\":%.2f,\"y_m\":%.2f}", w.xM(), w.yM()));
    }
    return out.append("],\"reason\":").append(quote(reason)).append('}').toString();
  }

  /** A line for histories: how many waypoints, where to, why. */
  public String summary() {
    String text =
        String.format(
            Locale.ROOT,
            "%d waypoint%s to (%.2f, %.2f)%s",
            waypoints.size(),
            waypoints.size() == 1 ? "" : "s",
            end().xM(),
            end().yM(),
            reason.isBlank() ? "" : ": " + reason.strip());
    return PlanChecks.shorten(text);
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
