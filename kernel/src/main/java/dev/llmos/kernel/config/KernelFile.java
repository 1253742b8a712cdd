package dev.llmos.kernel.config;

/** The kernel's markdown files, each under {@code kernel/} in a volume. */
public enum KernelFile {
  CONFIG("config"),
  ORCHESTRATION_RULES("orchestration-rules"),
  EVOLUTION_RULES("evolution-rules"),
  SAFETY_RULES("safety-rules"),
  MEMORY_RULES("memory-rules"),
  RUNTIME_RULES("runtime-rules");

  private final String name;

  KernelFile(String name) {
    this.name = name;
  }

  /** The document name, which is also the file name without {@code .md}. */
  public String documentName() {
    return name;
  }

  /** The volume-relative path. */
  public String path() {
    return "kernel/" + name + ".md";
  }
}
