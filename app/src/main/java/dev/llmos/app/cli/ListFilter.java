package dev.llmos.app.cli;

import dev.llmos.kernel.volume.VolumeKind;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** The {@code --volume} and {@code --all} options of the list commands. */
final class ListFilter {
  @Option(
      names = "--volume",
      paramLabel = "VOLUME",
      description = "Only items of this volume: user, team or system.")
  private String volume;

  @Option(names = "--all", description = "Also list items hidden by a higher volume.")
  private boolean all;

  /**
   * The items to list: those in effect, or every one with {@code --all}, of one volume with {@code
   * --volume}.
   */
  <T> List<T> select(List<T> inEffect, List<T> everyOne, Function<T, VolumeKind> volumeOf) {
    Optional<VolumeKind> only = Optional.ofNullable(volume).map(VolumeKind::parse);
    return (all ? everyOne : inEffect)
        .stream().filter(item -> only.isEmpty() || only.get() == volumeOf.apply(item)).toList();
  }
}
