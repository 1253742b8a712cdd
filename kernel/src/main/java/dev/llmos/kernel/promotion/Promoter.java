package dev.llmos.kernel.promotion;

import dev.llmos.kernel.catalog.AgentSchema;
import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.catalog.Provenance;
import dev.llmos.kernel.catalog.SkillSchema;
import dev.llmos.kernel.catalog.SkillSpec;
import dev.llmos.kernel.config.KernelSettings;
import dev.llmos.kernel.config.PromotionPolicy;
import dev.llmos.kernel.document.MarkdownDocument;
import dev.llmos.kernel.usage.ItemKind;
import dev.llmos.kernel.usage.Usage;
import dev.llmos.kernel.usage.UsageFile;
import dev.llmos.kernel.usage.UsageKey;
import dev.llmos.kernel.volume.Volume;
import dev.llmos.kernel.volume.VolumeException;
import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.workspace.Workspace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moves agents and skills up a volume when their use record justifies it: user to team, then team
 * to system, with the thresholds of {@code kernel/evolution-rules.md}. A promotion copies the item
 * into the target volume with a {@code provenance} entry naming the evidence (one commit there),
 * then removes it from the source volume (one commit there, saying where it went).
 */
public final class Promoter {
  /** An item is "close" with at least this fraction of the uses needed... */
  private static final double CLOSE_USE_FRACTION = 0.5;

  /** ...and a success rate at most this far (0 to 1) below the one needed. */
  private static final double CLOSE_RATE_MARGIN = 0.10;

  /** Rates are ratios of small integers; this absorbs floating-point error at the threshold. */
  private static final double RATE_TOLERANCE = 1e-9;

  private final Workspace workspace;

  public Promoter(Workspace workspace) {
    this.workspace = workspace;
  }

  /**
   * Whether an item may take its next step now.
   *
   * @param approver the person approving, for steps that need approval
   * @throws PromotionRefusedException when the item is already in the system volume
   */
  public PromotionCheck check(UsageKey key, Optional<String> approver) {
    Catalog catalog = catalog();
    return check(catalog, key, nextStep(catalog, key), approver);
  }

  /** Every agent and skill whose evidence qualifies for its next step, and those close to it. */
  public Candidates candidates() {
    Catalog catalog = catalog();
    List<UsageKey> items = new ArrayList<>();
    catalog.agents().stream()
        .filter(a -> a.volume() != VolumeKind.SYSTEM)
        .forEach(a -> items.add(UsageKey.agent(a.name())));
    catalog.skills().stream()
        .filter(s -> s.volume() != VolumeKind.SYSTEM)
        .forEach(s -> items.add(UsageKey.skill(s.name())));
    List<PromotionCheck> qualifying = new ArrayList<>();
    List<PromotionCheck> close = new ArrayList<>();
    for (UsageKey key : items) {
      PromotionCheck c = check(catalog, key, nextStep(catalog, key), Optional.empty());
      if (c.qualifies()) {
        qualifying.add(c);
      } else if (isClose(c)) {
        close.add(c);
      }
    }
    return new Candidates(qualifying, close);
  }

  /**
   * Promotes an item one step: user to team, or team to system.
   *
   * @param approver who approves it; needed into the system volume when the kernel says so
   * @throws PromotionRefusedException with every reason, when it may not happen; nothing changes
   */
  public Promotion promote(UsageKey key, Optional<String> approver) {
    Catalog catalog = catalog();
    Step step = nextStep(catalog, key);
    PromotionCheck c = check(catalog, key, step, approver);
    if (!c.allowed()) {
      throw new PromotionRefusedException(describe(key, step), c.reasons());
    }
    KernelSettings settings = workspace.kernel().settings();
    Volume source = workspace.volume(step.from());
    Volume target = targetVolume(step);
    String sourceCommit = source.history(1).get(0).id();
    Provenance provenance =
        new Provenance(
            step.from(),
            step.to(),
            workspace.clock().instant(),
            c.evidence().uses(),
            c.evidence().successes(),
            approver(approver),
            Optional.of(sourceCommit));

    String mainPath = key.kind().pathOf(key.name());
    MarkdownDocument doc = Catalog.readDocument(source, mainPath, settings);
    List<Object> entries = new ArrayList<>();
    Provenance.readAll(doc.fields()).forEach(p -> entries.add(p.toYaml()));
    entries.add(provenance.toYaml());
    MarkdownDocument promoted =
        doc.withField("provenance", entries).withSource(Catalog.sourceName(target, mainPath));

    Map<String, byte[]> files = new LinkedHashMap<>();
    String itemPath;
    if (key.kind() == ItemKind.SKILL) {
      itemPath = SkillSpec.directoryOf(key.name());
      List<String> resources = new ArrayList<>(source.listFiles(itemPath));
      resources.remove(mainPath);
      // The promoted copy must still be a valid skill before anything is written.
      SkillSchema.read(promoted, key.name(), step.to(), resources, settings);
      resources.forEach(r -> files.put(r, source.read(r).orElseThrow()));
    } else {
      itemPath = mainPath;
      AgentSchema.read(promoted, key.name(), step.to(), catalog.skillNames(), settings);
    }
    files.put(mainPath, promoted.bytes());

    String targetCommit =
        target
            .transact(
                promotionMessage(key, step, c, sourceCommit, approver),
                tx -> files.forEach(tx::put))
            .orElseThrow(() -> new VolumeException("the promotion changed nothing in " + target));
    // The two volumes are separate repositories, so the move is two commits; if this second one
    // fails, the promoted copy stays and the source copy still hides it until removed by hand.
    String removalCommit =
        source
            .transact(
                removalMessage(key, step, c, targetCommit),
                tx -> {
                  tx.delete(itemPath);
                  Optional<byte[]> usage = tx.read(UsageFile.PATH);
                  if (usage.isPresent()) {
                    UsageFile file = UsageFile.parse(Usage.source(source), usage.get());
                    tx.put(UsageFile.PATH, file.without(key).toBytes());
                  }
                })
            .orElseThrow(() -> new VolumeException("the promotion changed nothing in " + source));
    return new Promotion(key, step, provenance, targetCommit, removalCommit);
  }

  private PromotionCheck check(
      Catalog catalog, UsageKey key, Step step, Optional<String> approver) {
    PromotionPolicy policy = workspace.kernel().promotion();
    PromotionPolicy.Threshold t = step.threshold(policy);
    Evidence e = Evidence.of(Usage.read(workspace.volume(step.from())).get(key));

    List<String> shortfalls = new ArrayList<>();
    if (e.uses() < t.minUses()) {
      shortfalls.add(
          "needs "
              + t.minUses()
              + " uses, has "
              + e.uses()
              + " ("
              + (t.minUses() - e.uses())
              + " short)");
    }
    if (e.uses() > 0 && !meetsRate(e, t.minSuccessRate())) {
      shortfalls.add(
          "needs "
              + Percent.of(t.minSuccessRate())
              + " success, has "
              + Percent.shortOf(e.successRate(), t.minSuccessRate())
              + " ("
              + Percent.pointsShort(e.successRate(), t.minSuccessRate())
              + " short)");
    }

    List<String> blockers = new ArrayList<>();
    if (step.needsApproval(policy) && approver(approver).isEmpty()) {
      blockers.add(
          "needs --approve: a person must approve promotion into the system volume"
              + " (promotion.team_to_system.requires_approval)");
    }
    try {
      Volume target = targetVolume(step);
      if (target.exists(key.kind().pathOf(key.name()))) {
        blockers.add(
            "the "
                + step.to().label()
                + " volume already has "
                + key.describe()
                + "; rename one of them or remove the "
                + step.to().label()
                + " copy first");
      }
    } catch (VolumeException unwritable) {
      blockers.add(unwritable.getMessage());
    }
    if (key.kind() == ItemKind.AGENT) {
      blockers.addAll(missingSkills(catalog, catalog.agent(key.name()).orElseThrow(), step));
    }
    return new PromotionCheck(key, step, e, t, shortfalls, blockers);
  }

  /** An agent may not reach a volume whose readers cannot see the skills it uses. */
  private static List<String> missingSkills(Catalog catalog, AgentSpec agent, Step step) {
    List<String> out = new ArrayList<>();
    for (String skill : agent.skills()) {
      boolean visible =
          catalog.allSkills().stream()
              .anyMatch(s -> s.name().equals(skill) && s.volume().compareTo(step.to()) >= 0);
      if (!visible) {
        out.add(
            "it uses skill "
                + skill
                + ", which is not in the "
                + step.to().label()
                + (step.to() == VolumeKind.SYSTEM ? "" : " or system")
                + " volume; promote the skill first");
      }
    }
    return out;
  }

  private static boolean meetsRate(Evidence e, double minRate) {
    return e.successes() + RATE_TOLERANCE >= minRate * e.uses();
  }

  private static boolean isClose(PromotionCheck c) {
    Evidence e = c.evidence();
    return e.uses() > 0
        && e.uses() >= Math.ceil(c.threshold().minUses() * CLOSE_USE_FRACTION)
        && e.successRate() + CLOSE_RATE_MARGIN + RATE_TOLERANCE >= c.threshold().minSuccessRate();
  }

  private Volume targetVolume(Step step) {
    return step.to() == VolumeKind.SYSTEM
        ? workspace.writableSystemVolume()
        : workspace.volume(step.to());
  }

  private Step nextStep(Catalog catalog, UsageKey key) {
    VolumeKind from = volumeOf(catalog, key);
    return Step.from(from)
        .orElseThrow(
            () ->
                new PromotionRefusedException(
                    key.describe(), List.of("it is already in the system volume, the top one")));
  }

  private static VolumeKind volumeOf(Catalog catalog, UsageKey key) {
    Optional<VolumeKind> where =
        key.kind() == ItemKind.SKILL
            ? catalog.skill(key.name()).map(SkillSpec::volume)
            : catalog.agent(key.name()).map(AgentSpec::volume);
    return where.orElseThrow(
        () ->
            new IllegalArgumentException(
                "there is no " + key.describe() + " in the user, team or system volume"));
  }

  private Catalog catalog() {
    return Catalog.load(workspace.volumes(), workspace.kernel().settings());
  }

  private static Optional<String> approver(Optional<String> approver) {
    return approver.map(String::strip).filter(a -> !a.isEmpty());
  }

  private static String describe(UsageKey key, Step step) {
    return key.describe()
        + " from the "
        + step.from().label()
        + " volume to the "
        + step.to().label()
        + " volume";
  }

  private String promotionMessage(
      UsageKey key, Step step, PromotionCheck c, String sourceCommit, Optional<String> approver) {
    PromotionPolicy.Threshold t = c.threshold();
    StringBuilder m =
        new StringBuilder("Promote ")
            .append(describe(key, step))
            .append("\n\nEvidence: ")
            .append(c.evidence().summary())
            .append(" in the ")
            .append(step.from().label())
            .append(" volume, meeting promotion.")
            .append(step.kernelKey())
            .append(" (at least ")
            .append(t.minUses())
            .append(" uses at ")
            .append(Percent.of(t.minSuccessRate()))
            .append(" success).\nTaken from ")
            .append(step.from().label())
            .append(" volume commit ")
            .append(sourceCommit)
            .append(".\n");
    approver(approver).ifPresent(a -> m.append("Approved by ").append(a).append(".\n"));
    return m.toString();
  }

  private static String removalMessage(
      UsageKey key, Step step, PromotionCheck c, String targetCommit) {
    return "Move "
        + key.describe()
        + " to the "
        + step.to().label()
        + " volume\n\nPromoted to the "
        + step.to().label()
        + " volume in its commit "
        + targetCommit
        + ". The use record here ("
        + c.evidence().summary()
        + ") is kept in the provenance of the promoted copy.\n";
  }
}
