package dev.llmos.app.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.catalog.Provenance;
import dev.llmos.kernel.catalog.SkillSpec;
import dev.llmos.kernel.document.MarkdownDocument;
import dev.llmos.kernel.usage.Usage;
import dev.llmos.kernel.usage.UsageFile;
import dev.llmos.kernel.usage.UsageKey;
import dev.llmos.kernel.usage.UsageStats;
import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.workspace.Workspace;
import dev.llmos.sim.arena.Arena;
import dev.llmos.sim.arena.ArenaCatalog;
import dev.llmos.sim.arena.Rgb;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.commonmark.renderer.html.HtmlRenderer;

/** The agents, skills and arenas as the dashboard shows them (docs/api.md). */
final class CatalogApi {
  /** Raw HTML in an agent's markdown is shown as text: the page trusts only what this renders. */
  private static final HtmlRenderer HTML =
      HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

  private final Workspace workspace;
  private final Supplier<Optional<Arena>> liveArena;

  /**
   * @param liveArena the live run's arena, which may be a file rather than a shipped one
   */
  CatalogApi(Workspace workspace, Supplier<Optional<Arena>> liveArena) {
    this.workspace = workspace;
    this.liveArena = liveArena;
  }

  /** One agent or skill in a list; a skill has no kind. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ItemSummary(
      String name,
      String volume,
      int version,
      String kind,
      String description,
      int uses,
      int successes) {}

  /** One agent or skill, whole. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ItemDetail(
      String name,
      String volume,
      int version,
      String kind,
      String description,
      int uses,
      int successes,
      Map<String, Object> frontmatter,
      String markdown,
      String html,
      List<Lineage> lineage,
      String path) {}

  /** One promotion in an item's provenance. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Lineage(
      String from,
      String to,
      String at,
      int uses,
      int successes,
      String approvedBy,
      String sourceCommit) {
    static Lineage of(Provenance p) {
      return new Lineage(
          volumeName(p.from()),
          volumeName(p.to()),
          p.at().toString(),
          p.uses(),
          p.successes(),
          p.approvedBy().orElse(null),
          p.sourceCommit().orElse(null));
    }
  }

  List<ItemSummary> agents() {
    Catalog catalog = catalog();
    Map<VolumeKind, UsageFile> usage = Usage.of(workspace).all();
    return catalog.agents().stream().map(a -> summary(a, usage)).toList();
  }

  List<ItemSummary> skills() {
    Catalog catalog = catalog();
    Map<VolumeKind, UsageFile> usage = Usage.of(workspace).all();
    return catalog.skills().stream().map(s -> summary(s, usage)).toList();
  }

  ItemDetail agent(String name) {
    AgentSpec agent =
        catalog()
            .agent(name)
            .orElseThrow(() -> ApiException.notFound("no agent named '" + name + "'"));
    ItemSummary s = summary(agent, Usage.of(workspace).all());
    return detail(s, agent.document(), agent.provenance(), agent.path());
  }

  ItemDetail skill(String name) {
    SkillSpec skill =
        catalog()
            .skill(name)
            .orElseThrow(() -> ApiException.notFound("no skill named '" + name + "'"));
    ItemSummary s = summary(skill, Usage.of(workspace).all());
    return detail(s, skill.document(), skill.provenance(), skill.path());
  }

  /** A shipped arena in a list. */
  record ArenaSummary(String name, String description, double widthM, double heightM) {}

  List<ArenaSummary> arenas() {
    List<ArenaSummary> out = new ArrayList<>();
    for (ArenaCatalog.Entry entry : ArenaCatalog.list()) {
      Arena a = ArenaCatalog.loadPackaged(entry.name());
      out.add(new ArenaSummary(a.name(), a.description(), a.widthM(), a.heightM()));
    }
    return out;
  }

  /**
   * A shipped arena, or the live run's, by name. Only names: a path from a request could read any
   * file on the host.
   */
  Arena arena(String name) {
    Optional<Arena> live = liveArena.get().filter(a -> a.name().equals(name));
    if (live.isPresent()) {
      return live.get();
    }
    if (!ArenaCatalog.PACKAGED.contains(name)) {
      throw ApiException.notFound(
          "no arena named '" + name + "'; the shipped ones are " + ArenaCatalog.PACKAGED);
    }
    return ArenaCatalog.loadPackaged(name);
  }

  /** An arena's geometry for the 3D view. */
  record ArenaView(
      String name,
      String description,
      double widthM,
      double heightM,
      List<Map<String, Object>> walls,
      List<Map<String, Object>> boxes,
      List<Map<String, Object>> cylinders,
      List<Map<String, Object>> objects,
      List<Map<String, Object>> lines,
      List<Map<String, Object>> starts) {
    static ArenaView of(Arena a) {
      return new ArenaView(
          a.name(),
          a.description(),
          a.widthM(),
          a.heightM(),
          a.walls().stream()
              .map(
                  w ->
                      Map.<String, Object>of(
                          "x1", w.from().xM(),
                          "y1", w.from().yM(),
                          "x2", w.to().xM(),
                          "y2", w.to().yM(),
                          "thicknessM", w.thicknessM(),
                          "heightM", w.heightM(),
                          "colour", hex(w.colour())))
              .toList(),
          a.boxes().stream()
              .map(
                  b ->
                      Map.<String, Object>of(
                          "x", b.centre().xM(),
                          "y", b.centre().yM(),
                          "sizeXM", b.sizeXM(),
                          "sizeYM", b.sizeYM(),
                          "yawRad", b.yaw().radians(),
                          "heightM", b.heightM(),
                          "colour", hex(b.colour())))
              .toList(),
          a.cylinders().stream()
              .map(
                  c ->
                      Map.<String, Object>of(
                          "x", c.centre().xM(),
                          "y", c.centre().yM(),
                          "radiusM", c.radiusM(),
                          "heightM", c.heightM(),
                          "colour", hex(c.colour())))
              .toList(),
          a.objects().stream()
              .map(
                  o ->
                      Map.<String, Object>of(
                          "label", o.label(),
                          "shape", o.shape().name().toLowerCase(Locale.ROOT),
                          "x", o.position().xM(),
                          "y", o.position().yM(),
                          "radiusM", o.radiusM(),
                          "colour", hex(o.colour())))
              .toList(),
          a.lines().stream()
              .map(
                  l ->
                      Map.<String, Object>of(
                          "points",
                          l.points().stream().map(p -> List.of(p.xM(), p.yM())).toList(),
                          "widthM",
                          l.widthM(),
                          "colour",
                          hex(l.colour())))
              .toList(),
          a.starts().stream()
              .map(
                  p ->
                      Map.<String, Object>of(
                          "x", p.xM(), "y", p.yM(), "headingRad", p.heading().radians()))
              .toList());
    }
  }

  private Catalog catalog() {
    return Catalog.load(workspace.volumes(), workspace.kernel().settings());
  }

  private static ItemSummary summary(AgentSpec a, Map<VolumeKind, UsageFile> usage) {
    UsageStats stats = stats(usage, a.volume(), UsageKey.agent(a.name()));
    String kind = a.runtime().isPresent() ? "robot" : a.kind().name().toLowerCase(Locale.ROOT);
    return new ItemSummary(
        a.name(),
        volumeName(a.volume()),
        a.version(),
        kind,
        a.description(),
        stats == null ? 0 : stats.uses(),
        stats == null ? 0 : stats.successes());
  }

  private static ItemSummary summary(SkillSpec s, Map<VolumeKind, UsageFile> usage) {
    UsageStats stats = stats(usage, s.volume(), UsageKey.skill(s.name()));
    int version = 1;
    String declared = s.metadata().get("version");
    if (declared != null && declared.matches("\\d{1,9}")) {
      version = Integer.parseInt(declared);
    }
    return new ItemSummary(
        s.name(),
        volumeName(s.volume()),
        version,
        null,
        s.description(),
        stats == null ? 0 : stats.uses(),
        stats == null ? 0 : stats.successes());
  }

  /** Uses of system items are counted in the user volume (see {@code Usage}). */
  private static UsageStats stats(
      Map<VolumeKind, UsageFile> usage, VolumeKind volume, UsageKey key) {
    VolumeKind counting = volume == VolumeKind.SYSTEM ? VolumeKind.USER : volume;
    UsageFile file = usage.get(counting);
    return file == null ? null : file.get(key).orElse(null);
  }

  private static ItemDetail detail(
      ItemSummary s, MarkdownDocument doc, List<Provenance> provenance, String path) {
    return new ItemDetail(
        s.name(),
        s.volume(),
        s.version(),
        s.kind(),
        s.description(),
        s.uses(),
        s.successes(),
        doc.fields().toJava(),
        doc.body(),
        HTML.render(doc.bodyTree()),
        provenance.stream().map(Lineage::of).toList(),
        path);
  }

  private static String volumeName(VolumeKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  static String hex(Rgb c) {
    return String.format(Locale.ROOT, "#%02x%02x%02x", c.red(), c.green(), c.blue());
  }
}
