package dev.llmos.kernel.volume;

import static dev.llmos.kernel.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmos.kernel.Fixtures;
import dev.llmos.kernel.workspace.SystemVolumes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadOnlyVolumeTest {
  @TempDir Path tmp;

  @Test
  void theSystemVolumeRefusesWritesDeletesAndTransactionsAndNothingChanges() throws IOException {
    Path root = Fixtures.copyShippedSystemVolume(tmp.resolve("system"));
    Volume system = SystemVolumes.at(root);
    Map<String, String> before = snapshot(root);

    assertThat(system.isWritable()).isFalse();
    assertThatThrownBy(() -> system.write("agents/new.md", utf8("x"), "add"))
        .isInstanceOf(ReadOnlyVolumeException.class)
        .hasMessageContaining("system volume is read-only");
    assertThatThrownBy(() -> system.write("agents/wall-avoider.md", utf8("x"), "overwrite"))
        .isInstanceOf(ReadOnlyVolumeException.class);
    assertThatThrownBy(() -> system.delete("agents/wall-avoider.md", "remove"))
        .isInstanceOf(ReadOnlyVolumeException.class);
    assertThatThrownBy(() -> system.delete("skills", "remove all skills"))
        .isInstanceOf(ReadOnlyVolumeException.class);
    assertThatThrownBy(
            () -> system.transact("many", tx -> tx.put("kernel/config.md", utf8("broken"))))
        .isInstanceOf(ReadOnlyVolumeException.class);

    assertThat(snapshot(root)).isEqualTo(before);
  }

  @Test
  void theWorkOfATransactionOnTheSystemVolumeNeverRuns() {
    Volume system = SystemVolumes.at(Fixtures.copyShippedSystemVolume(tmp.resolve("system")));
    boolean[] ran = {false};

    assertThatThrownBy(() -> system.transact("try", tx -> ran[0] = true))
        .isInstanceOf(ReadOnlyVolumeException.class);

    assertThat(ran[0]).isFalse();
  }

  @Test
  void thePackagedSystemVolumeIsReadOnlyAndReadable() {
    Volume system = SystemVolumes.packaged();

    assertThat(system.kind()).isEqualTo(VolumeKind.SYSTEM);
    assertThat(system.read("kernel/config.md")).isPresent();
    assertThatThrownBy(() -> system.write("kernel/config.md", utf8("x"), "overwrite"))
        .isInstanceOf(ReadOnlyVolumeException.class);
  }

  @Test
  void aDirectoryWithoutKernelIsNotASystemVolume() {
    assertThatThrownBy(() -> SystemVolumes.at(tmp))
        .isInstanceOf(VolumeException.class)
        .hasMessageContaining("no kernel/ directory");
  }

  private static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), Files.readString(p));
      }
    }
    return files;
  }
}
