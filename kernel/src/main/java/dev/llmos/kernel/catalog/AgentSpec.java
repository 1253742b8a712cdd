package dev.llmos.kernel.catalog;

import dev.llmos.kernel.document.MarkdownDocument;
import dev.llmos.kernel.volume.VolumeKind;
import java.util.List;
import java.util.Optional;

/**
 * A validated agent: its frontmatter as typed fields, where it was found, and the document itself
 * (whose body is the agent's system prompt).
 *
 * @param parent {@code name@version} of the agent it was copied or evolved from
 */
public record AgentSpec(
    String name,
    String description,
    AgentKind kind,
    int version,
    Origin origin,
    Optional<String> parent,
    List<String> skills,
    List<String> tools,
    Optional<RobotRuntime> runtime,
    List<Provenance> provenance,
    VolumeKind volume,
    String path,
    MarkdownDocument document) {

  public AgentSpec {
    skills = List.copyOf(skills);
    tools = List.copyOf(tools);
    provenance = List.copyOf(provenance);
  }

  /** The volume-relative path of an agent's file. */
  public static String pathOf(String name) {
    return "agents/" + name + ".md";
  }

  /** {@code name@version}, the form a child's {@code parent} field uses. */
  public String reference() {
    return name + "@" + version;
  }
}
