package dev.llmos.app.develop;

import dev.llmos.kernel.catalog.AgentKind;
import dev.llmos.kernel.volume.VolumeKind;
import java.util.Objects;

/** An agent a tool call wrote and committed. */
public record WrittenAgent(String name, AgentKind kind, VolumeKind volume) {
  public WrittenAgent {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(volume, "volume");
  }

  @Override
  public String toString() {
    return volume.label() + ":agents/" + name + ".md (" + kind.label() + ")";
  }
}
