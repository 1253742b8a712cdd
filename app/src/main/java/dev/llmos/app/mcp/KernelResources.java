package dev.llmos.app.mcp;

import dev.llmos.kernel.config.KernelConfig;
import dev.llmos.kernel.config.KernelFile;
import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The kernel's files as resources, {@code llmos://kernel/<file>}: each read as the kernel resolves
 * it (user over team over system) at the time it is read.
 */
final class KernelResources {
  static final String PREFIX = "llmos://kernel/";
  static final String MIME = "text/markdown";

  private final Supplier<Workspace> workspace;

  KernelResources(Supplier<Workspace> workspace) {
    this.workspace = workspace;
  }

  /** A kernel file offered as a resource, and the URI it has. */
  record Entry(KernelFile file, String uri) {}

  static List<Entry> entries() {
    return Arrays.stream(KernelFile.values())
        .map(f -> new Entry(f, PREFIX + f.documentName()))
        .toList();
  }

  /** The kernel file at this URI, if it names one. */
  static Optional<KernelFile> fileAt(String uri) {
    return entries().stream().filter(e -> e.uri().equals(uri)).map(Entry::file).findFirst();
  }

  /** The file's text as it is in effect, with the volume it comes from. */
  Resolved read(KernelFile file) {
    Workspace ws = workspace.get();
    VolumeKind from = KernelConfig.load(ws.volumes()).sources().get(file);
    byte[] bytes =
        ws.volumes()
            .require(from)
            .read(file.path())
            .orElseThrow(
                () ->
                    new ToolError(
                        file.path() + " disappeared from the " + from.label() + " volume"));
    return new Resolved(from, new String(bytes, StandardCharsets.UTF_8));
  }

  /** A kernel file's text and the volume it came from. */
  record Resolved(VolumeKind volume, String text) {}
}
