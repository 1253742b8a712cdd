package dev.llmos.kernel.workspace;

import dev.llmos.kernel.volume.Volume;
import dev.llmos.kernel.volume.VolumeException;
import dev.llmos.kernel.volume.VolumeKind;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Finds the system volume: the one shipped inside the distribution, or a directory given. */
public final class SystemVolumes {
  /** Environment variable naming a system volume directory to use instead of the shipped one. */
  public static final String ENVIRONMENT = "LLMOS_SYSTEM_VOLUME";

  private static final String RESOURCE = "/llmos/system-volume";

  private SystemVolumes() {}

  /** The system volume packaged in the kernel jar (or its classes directory), read-only. */
  public static Volume packaged() {
    URL marker = SystemVolumes.class.getResource(RESOURCE + "/kernel/config.md");
    if (marker == null) {
      throw new VolumeException(
          "the shipped system volume is missing from the distribution; rebuild LLMos with `mvn"
              + " package`");
    }
    try {
      URI uri = marker.toURI();
      Path config;
      if ("jar".equals(uri.getScheme())) {
        FileSystem fs;
        try {
          fs = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
          fs = FileSystems.getFileSystem(uri);
        }
        config = fs.getPath(RESOURCE, "kernel", "config.md");
      } else {
        config = Path.of(uri);
      }
      return Volume.readOnly(VolumeKind.SYSTEM, config.getParent().getParent());
    } catch (URISyntaxException | IOException e) {
      throw new VolumeException("could not open the shipped system volume", e);
    }
  }

  /** A system volume directory (for example a checkout of {@code volumes/system}), read-only. */
  public static Volume at(Path directory) {
    if (!Files.isDirectory(directory.resolve("kernel"))) {
      throw new VolumeException(
          "'" + directory + "' is not a system volume: it has no kernel/ directory");
    }
    return Volume.readOnly(VolumeKind.SYSTEM, directory);
  }
}
