package dev.llmos.kernel.volume;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A second process writing to a volume, for {@link ConcurrentVolumeWritersTest}. Arguments: the
 * volume's root, a prefix for the file names, and how many files to write. It opens the volume,
 * prints {@code ready}, waits for a line on standard input (the start signal), writes its files one
 * commit each, and prints {@code done}.
 */
public final class ConcurrentWriterMain {
  private ConcurrentWriterMain() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    String prefix = args[1];
    int count = Integer.parseInt(args[2]);
    Volume volume =
        Volume.openGit(
            VolumeKind.USER, root, new CommitAuthor(prefix, prefix + "@test"), Clock.systemUTC());
    System.out.println("ready");
    System.out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    if (in.readLine() == null) {
      throw new IllegalStateException("the start signal never came");
    }
    for (int i = 0; i < count; i++) {
      String path = "memory/short_term/" + prefix + "-" + i + ".md";
      volume.write(
          path,
          (prefix + " " + i + "\n").getBytes(StandardCharsets.UTF_8),
          prefix + " writes " + i);
    }
    System.out.println("done");
  }
}
