package dev.llmos.kernel.catalog;

import dev.llmos.kernel.config.KernelSettings;
import dev.llmos.kernel.document.InvalidDocumentException;
import dev.llmos.kernel.document.MarkdownDocument;
import dev.llmos.kernel.document.Problem;
import dev.llmos.kernel.document.SourceLocation;
import dev.llmos.kernel.volume.FileTooLargeException;
import dev.llmos.kernel.volume.Names;
import dev.llmos.kernel.volume.Volume;
import dev.llmos.kernel.volume.VolumeException;
import dev.llmos.kernel.volume.VolumeFile;
import dev.llmos.kernel.volume.VolumeSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The agents and skills a workspace sees. A name found in several volumes resolves user, then team,
 * then system. A damaged file is reported in {@link #problems()} and skipped; the others still
 * load.
 */
public final class Catalog {
  private final Map<String, SkillSpec> skills;
  private final Map<String, AgentSpec> agents;
  private final List<SkillSpec> allSkills;
  private final List<AgentSpec> allAgents;
  private final List<Problem> problems;

  private Catalog(
      Map<String, SkillSpec> skills,
      Map<String, AgentSpec> agents,
      List<SkillSpec> allSkills,
      List<AgentSpec> allAgents,
      List<Problem> problems) {
    this.skills = Collections.unmodifiableMap(skills);
    this.agents = Collections.unmodifiableMap(agents);
    this.allSkills = List.copyOf(allSkills);
    this.allAgents = List.copyOf(allAgents);
    this.problems = List.copyOf(problems);
  }

  /** Loads every agent and skill of every volume. */
  public static Catalog load(VolumeSet volumes, KernelSettings settings) {
    List<Problem> problems = new ArrayList<>();
    List<SkillSpec> allSkills = new ArrayList<>();
    Map<String, SkillSpec> skills = new TreeMap<>();
    for (Volume volume : volumes.inLookupOrder()) {
      // One walk per directory: every file found is read once, and never through a link out.
      Map<String, List<VolumeFile>> folders = new TreeMap<>();
      for (VolumeFile file : volume.files("skills")) {
        String[] parts = file.path().split("/", 3);
        if (parts.length == 3) {
          folders.computeIfAbsent(parts[1], k -> new ArrayList<>()).add(file);
        }
      }
      folders.forEach(
          (name, files) ->
              guard(
                      volume,
                      SkillSpec.pathOf(name),
                      problems,
                      () -> skill(volume, name, files, settings))
                  .ifPresent(
                      s -> {
                        allSkills.add(s);
                        skills.putIfAbsent(s.name(), s);
                      }));
    }
    List<AgentSpec> allAgents = new ArrayList<>();
    Map<String, AgentSpec> agents = new TreeMap<>();
    for (Volume volume : volumes.inLookupOrder()) {
      for (VolumeFile file : volume.files("agents")) {
        if (!file.path().endsWith(".md") || file.path().indexOf('/') != "agents".length()) {
          continue;
        }
        String name = file.name().substring(0, file.name().length() - ".md".length());
        guard(
                volume,
                file.path(),
                problems,
                () -> agent(volume, name, file, skills.keySet(), settings))
            .ifPresent(
                a -> {
                  allAgents.add(a);
                  agents.putIfAbsent(a.name(), a);
                });
      }
    }
    return new Catalog(skills, agents, allSkills, allAgents, problems);
  }

  /** The skills in effect, one per name, sorted by name. */
  public List<SkillSpec> skills() {
    return List.copyOf(skills.values());
  }

  /** The agents in effect, one per name, sorted by name. */
  public List<AgentSpec> agents() {
    return List.copyOf(agents.values());
  }

  /** Every valid skill of every volume, including those hidden by a higher volume. */
  public List<SkillSpec> allSkills() {
    return allSkills;
  }

  /** Every valid agent of every volume, including those hidden by a higher volume. */
  public List<AgentSpec> allAgents() {
    return allAgents;
  }

  public Optional<SkillSpec> skill(String name) {
    return Optional.ofNullable(skills.get(name));
  }

  public Optional<AgentSpec> agent(String name) {
    return Optional.ofNullable(agents.get(name));
  }

  public Set<String> skillNames() {
    return skills.keySet();
  }

  /** The damaged or invalid files that were skipped, each with where and why. */
  public List<Problem> problems() {
    return problems;
  }

  /** The name errors use for a file of a volume, such as {@code user:agents/x.md}. */
  public static String sourceName(Volume volume, String path) {
    return volume.kind().label() + ":" + path;
  }

  private static SkillSpec skill(
      Volume volume, String name, List<VolumeFile> files, KernelSettings settings) {
    String path = SkillSpec.pathOf(name);
    String source = sourceName(volume, path);
    Names.problem(name)
        .ifPresent(
            p -> {
              throw new InvalidDocumentException(SourceLocation.of(source), "skill folder: " + p);
            });
    VolumeFile skillMd =
        files.stream()
            .filter(f -> f.path().equals(path))
            .findFirst()
            .orElseThrow(
                () ->
                    new InvalidDocumentException(
                        SourceLocation.of(source),
                        "the skill folder has no SKILL.md; every skill needs one"));
    List<String> resources =
        files.stream().map(VolumeFile::path).filter(p -> !p.equals(path)).toList();
    return SkillSchema.read(
        document(volume, skillMd, settings), name, volume.kind(), resources, settings);
  }

  private static AgentSpec agent(
      Volume volume,
      String name,
      VolumeFile file,
      Set<String> knownSkills,
      KernelSettings settings) {
    AgentSchema.checkFileName(sourceName(volume, file.path()), name);
    return AgentSchema.read(
        document(volume, file, settings), name, volume.kind(), knownSkills, settings);
  }

  /** Reads a markdown file of a volume, refusing files over the kernel's size limit. */
  public static MarkdownDocument readDocument(Volume volume, String path, KernelSettings settings) {
    String source = sourceName(volume, path);
    try {
      byte[] bytes =
          volume
              .read(path, settings.maxDocumentBytes())
              .orElseThrow(
                  () -> new InvalidDocumentException(SourceLocation.of(source), "file is missing"));
      return MarkdownDocument.parse(source, bytes);
    } catch (FileTooLargeException e) {
      throw tooLarge(source, e);
    }
  }

  private static MarkdownDocument document(
      Volume volume, VolumeFile file, KernelSettings settings) {
    String source = sourceName(volume, file.path());
    try {
      return MarkdownDocument.parse(source, volume.read(file, settings.maxDocumentBytes()));
    } catch (FileTooLargeException e) {
      throw tooLarge(source, e);
    }
  }

  private static InvalidDocumentException tooLarge(String source, FileTooLargeException e) {
    return new InvalidDocumentException(
        SourceLocation.of(source),
        "file is "
            + e.size()
            + " bytes; documents may be at most "
            + e.limit()
            + " (kernel config documents.max_document_bytes)");
  }

  /** Runs one load; a refusal becomes a reported problem and the file is skipped. */
  private static <T> Optional<T> guard(
      Volume volume, String path, List<Problem> problems, Supplier<T> load) {
    try {
      return Optional.of(load.get());
    } catch (InvalidDocumentException e) {
      problems.addAll(e.problems());
    } catch (VolumeException e) {
      problems.add(new Problem(SourceLocation.of(sourceName(volume, path)), e.getMessage()));
    }
    return Optional.empty();
  }
}
