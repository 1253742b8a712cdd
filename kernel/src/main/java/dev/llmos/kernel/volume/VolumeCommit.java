package dev.llmos.kernel.volume;

import java.time.Instant;
import java.util.Objects;

/** One commit in a volume's history. */
public record VolumeCommit(String id, String message, String author, Instant time) {
  public VolumeCommit {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(time, "time");
  }

  /** The first line of the message. */
  public String subject() {
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
