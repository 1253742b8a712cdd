package dev.llmos.kernel.usage;

import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.config.KernelSettings;
import dev.llmos.kernel.volume.Volume;
import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.volume.VolumeSet;
import dev.llmos.kernel.workspace.Workspace;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Counts the uses of agents and skills, with their outcomes, in each volume's {@code
 * .llmos/usage.json}. A use is counted in the volume the item resolves to; uses of system items are
 * counted in the user volume, since the system volume holds only what LLMos ships. Each record is a
 * read-modify-write inside one volume transaction, so concurrent recorders never lose a count, and
 * becomes one commit.
 */
public final class Usage {
  private final VolumeSet volumes;
  private final KernelSettings settings;
  private final Clock clock;

  public Usage(VolumeSet volumes, KernelSettings settings, Clock clock) {
    this.volumes = volumes;
    this.settings = settings;
    this.clock = clock;
  }

  /** The usage counter of a workspace, timed by the workspace's clock. */
  public static Usage of(Workspace workspace) {
    return new Usage(workspace.volumes(), workspace.kernel().settings(), workspace.clock());
  }

  /**
   * The item a bare name means: the agent or skill of that name, or the one of {@code kind}; none
   * when there is no such item.
   *
   * @throws IllegalArgumentException when both an agent and a skill have the name
   */
  public Optional<UsageKey> resolve(String name, Optional<ItemKind> kind) {
    Catalog catalog = Catalog.load(volumes, settings);
    boolean skill =
        catalog.skill(name).isPresent() && kind.orElse(ItemKind.SKILL) == ItemKind.SKILL;
    boolean agent =
        catalog.agent(name).isPresent() && kind.orElse(ItemKind.AGENT) == ItemKind.AGENT;
    if (skill && agent) {
      throw new IllegalArgumentException(
          "both an agent and a skill are named '" + name + "'; say which with --kind");
    }
    if (!skill && !agent) {
      return Optional.empty();
    }
    return Optional.of(skill ? UsageKey.skill(name) : UsageKey.agent(name));
  }

  /** Records one use as one commit. */
  public UsageRecord record(UsageKey key, boolean success) {
    return recordAll(List.of(new UsageEvent(key, success))).get(0);
  }

  /**
   * Records several uses, in order, with one commit per volume touched (one commit when all the
   * items count in the same volume). Every item is resolved before anything is written. The records
   * come back in the order of the events.
   */
  public List<UsageRecord> recordAll(List<UsageEvent> events) {
    if (events.isEmpty()) {
      throw new IllegalArgumentException("there are no uses to record");
    }
    Catalog catalog = Catalog.load(volumes, settings);
    Map<VolumeKind, List<UsageEvent>> byVolume = new EnumMap<>(VolumeKind.class);
    for (UsageEvent event : events) {
      byVolume
          .computeIfAbsent(countingVolume(catalog, event.key()), k -> new ArrayList<>())
          .add(event);
    }
    Map<VolumeKind, Iterator<UsageRecord>> recorded = new EnumMap<>(VolumeKind.class);
    byVolume.forEach(
        (kind, batch) -> recorded.put(kind, recordIn(volumes.require(kind), batch).iterator()));
    List<UsageRecord> out = new ArrayList<>();
    for (UsageEvent event : events) {
      out.add(recorded.get(countingVolume(catalog, event.key())).next());
    }
    return List.copyOf(out);
  }

  /** The volume in which uses of an item are counted. */
  public VolumeKind countingVolume(UsageKey key) {
    return countingVolume(Catalog.load(volumes, settings), key);
  }

  /** An item's record in one volume, if it has one. */
  public Optional<UsageStats> stats(VolumeKind volume, UsageKey key) {
    return read(volumes.require(volume)).get(key);
  }

  /** Every volume's usage file, in lookup order; volumes without one are left out. */
  public Map<VolumeKind, UsageFile> all() {
    Map<VolumeKind, UsageFile> out = new LinkedHashMap<>();
    for (Volume volume : volumes.inLookupOrder()) {
      if (volume.exists(UsageFile.PATH)) {
        out.put(volume.kind(), read(volume));
      }
    }
    return out;
  }

  /** A volume's usage file; none yet reads as empty. A damaged one is refused with the reason. */
  public static UsageFile read(Volume volume) {
    return volume
        .read(UsageFile.PATH)
        .map(bytes -> UsageFile.parse(source(volume), bytes))
        .orElse(UsageFile.EMPTY);
  }

  /** The name errors use for a volume's usage file, such as {@code user:.llmos/usage.json}. */
  public static String source(Volume volume) {
    return volume.kind().label() + ":" + UsageFile.PATH;
  }

  private List<UsageRecord> recordIn(Volume volume, List<UsageEvent> events) {
    Instant now = clock.instant();
    List<UsageRecord> staged = new ArrayList<>();
    Optional<String> commit =
        volume.transactDescribing(
            tx -> {
              // Read under the volume's write lock, so no other recorder's count is lost between
              // this read and the write below.
              UsageFile file =
                  tx.read(UsageFile.PATH)
                      .map(bytes -> UsageFile.parse(source(volume), bytes))
                      .orElse(UsageFile.EMPTY);
              for (UsageEvent event : events) {
                UsageStats stats =
                    file.get(event.key())
                        .map(s -> s.plus(event.success(), now))
                        .orElseGet(() -> UsageStats.first(event.success(), now));
                file = file.with(event.key(), stats);
                staged.add(new UsageRecord(event, volume.kind(), stats, Optional.empty()));
              }
              tx.put(UsageFile.PATH, file.toBytes());
              return message(staged);
            });
    return staged.stream()
        .map(r -> new UsageRecord(r.event(), r.volume(), r.stats(), commit))
        .toList();
  }

  /** One record: its summary as the subject; a batch: a count, then one line per use. */
  private static String message(List<UsageRecord> records) {
    if (records.size() == 1) {
      return "usage: " + records.get(0).describe();
    }
    long succeeded = records.stream().filter(r -> r.event().success()).count();
    StringBuilder m =
        new StringBuilder("usage: record ")
            .append(records.size())
            .append(" uses (")
            .append(succeeded)
            .append(" succeeded, ")
            .append(records.size() - succeeded)
            .append(" failed)\n\n");
    records.forEach(r -> m.append("- ").append(r.describe()).append('\n'));
    return m.toString();
  }

  private static VolumeKind countingVolume(Catalog catalog, UsageKey key) {
    Optional<VolumeKind> where =
        switch (key.kind()) {
          case SKILL -> catalog.skill(key.name()).map(s -> s.volume());
          case AGENT -> catalog.agent(key.name()).map(a -> a.volume());
        };
    VolumeKind found =
        where.orElseThrow(
            () ->
                new IllegalArgumentException(
                    "there is no "
                        + key.describe()
                        + " in the user, team or system volume; check the name with `llmos "
                        + key.kind().label()
                        + "s list`"));
    return found == VolumeKind.SYSTEM ? VolumeKind.USER : found;
  }
}
