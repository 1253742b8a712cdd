package dev.llmos.app.cli;

import dev.llmos.hal.protocol.ProtocolBenchmark;
import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.config.KernelConfig;
import dev.llmos.kernel.config.KernelSettings;
import dev.llmos.kernel.volume.Volume;
import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.volume.VolumeSet;
import dev.llmos.kernel.workspace.SystemVolumes;
import dev.llmos.runtime.instinct.InstinctBenchmark;
import dev.llmos.runtime.nav.NavBenchmark;
import dev.llmos.runtime.world.WorldBenchmark;
import dev.llmos.sim.arena.ArenaCatalog;
import dev.llmos.sim.camera.CameraBenchmark;
import dev.llmos.sim.robot.LinkBenchmark;
import dev.llmos.sim.world.SimBenchmark;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code llmos bench}: benchmarks that print ratios measured side by side in one run. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks; each prints a ratio measured in one run against a baseline.",
    subcommands = {
      BenchCommand.VolumeLoad.class,
      BenchCommand.Sim.class,
      BenchCommand.Camera.class,
      BenchCommand.Protocol.class,
      BenchCommand.Link.class,
      BenchCommand.World.class,
      BenchCommand.Nav.class,
      BenchCommand.Instinct.class,
      BenchCommand.Tick.class,
      BenchCommand.Rsa.class,
      BenchCommand.VlmInstinct.class,
      BenchCommand.Dashboard.class
    })
final class BenchCommand {

  @Command(
      name = "world",
      mixinStandardHelpOptions = true,
      description = {
        "World model: scan integration time (8 beams of 2 m, 5 cm cells) against the 10 ms control",
        "period, and merging two 512x512 maps against a plain array add measured in the same run."
      })
  static final class World implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Override
    public Integer call() {
      WorldBenchmark.Result r = WorldBenchmark.run();
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "world: %d scans, scan integration p50 %.2f us, p99 %.2f us = %.5f of a control period%n",
          r.scans(), r.scanP50Us(), r.scanP99Us(), r.scanP99FractionOfControlPeriod());
      out.printf(
          "  merge of two 512x512 maps: median %.3f ms = %.2f x a plain array add (%.3f ms)%n",
          r.mergeMedianMs(), r.mergeToPlainAddRatio(), r.plainAddMedianMs());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "nav",
      mixinStandardHelpOptions = true,
      description =
          "A* against plain Dijkstra on the MovingAI maze512 map, the same hardest scenarios in"
              + " one run.")
  static final class Nav implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(
        names = "--movingai",
        paramLabel = "DIR",
        defaultValue = "../shared/benchmarks/movingai",
        description = "Directory with maze512-32-9.map and .scen (default: ${DEFAULT-VALUE}).")
    private Path directory;

    @Override
    public Integer call() {
      if (!Files.isRegularFile(directory.resolve("maze512-32-9.map.scen"))) {
        throw new NotFoundException(
            "no maze512-32-9.map.scen in "
                + directory.toAbsolutePath()
                + "; point --movingai at the MovingAI benchmark files");
      }
      spec.commandLine().getOut().println(NavBenchmark.run(directory).summary());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "instinct",
      mixinStandardHelpOptions = true,
      description = "Rule evaluation time of the wall-avoider's rules against the control period.")
  static final class Instinct implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().println(InstinctBenchmark.run(1_000_000, 1));
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "tick",
      mixinStandardHelpOptions = true,
      description = {
        "Control-tick overhead excluding models: the shipped explorer maps the office on a lockstep",
        "simulated robot; p50/p99 of the tick's own work against the 1 ms goal (planner apart)."
      })
  static final class Tick implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(
        names = "--runs",
        defaultValue = "3",
        description = "Measured runs, seeds 1..N (default: ${DEFAULT-VALUE}).")
    private int runs;

    @Option(
        names = "--seconds",
        defaultValue = "300",
        description = "Simulated seconds per run (default: ${DEFAULT-VALUE}).")
    private double seconds;

    @Override
    public Integer call() throws IOException, InterruptedException {
      if (runs < 1 || !(seconds > 0)) {
        throw new IllegalArgumentException("--runs must be >= 1 and --seconds > 0");
      }
      TickBenchmark.Result r = TickBenchmark.run("explorer", "office", runs, seconds);
      spec.commandLine().getOut().println(r.summary("explorer", "office", runs, seconds));
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "dashboard",
      mixinStandardHelpOptions = true,
      description = {
        "Control-tick time with dashboard WebSocket clients attached against none: the same",
        "explorer run repeated with 0 and N clients reading the live feed; the ratio of median",
        "tick times against the 1.05 goal."
      })
  static final class Dashboard implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(
        names = "--clients",
        defaultValue = "50",
        description = "WebSocket clients attached (default: ${DEFAULT-VALUE}).")
    private int clients;

    @Option(
        names = "--runs",
        defaultValue = "3",
        description = "Runs with and runs without clients (default: ${DEFAULT-VALUE}).")
    private int runs;

    @Option(
        names = "--seconds",
        defaultValue = "60",
        description = "Simulated seconds per run, at 8x real time (default: ${DEFAULT-VALUE}).")
    private double seconds;

    @Override
    public Integer call() throws IOException, InterruptedException {
      if (clients < 1 || clients > 1000 || runs < 1 || !(seconds > 0) || seconds > 3600) {
        throw new IllegalArgumentException(
            "--clients must be 1..1000, --runs >= 1 and --seconds within (0, 3600]");
      }
      DashboardBenchmark.Result r;
      try (ProgressBar bar = bar("Runs", 2L * runs)) {
        r = DashboardBenchmark.run(clients, runs, seconds, done -> bar.stepTo(done));
      }
      spec.commandLine().getOut().println(r.summary());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "rsa",
      mixinStandardHelpOptions = true,
      description = {
        "RSA planner wall time against its bound (T+1)L, with a stand-in model server on this host",
        "answering every request after a fixed latency L (goal: <= 1.10 x the bound)."
      })
  static final class Rsa implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(
        names = "--preset",
        defaultValue = "quick",
        description = "quick, standard or deep (default: ${DEFAULT-VALUE}).")
    private String preset;

    @Option(
        names = "--latency-ms",
        defaultValue = "200",
        description = "The stand-in's latency per request (default: ${DEFAULT-VALUE}).")
    private long latencyMs;

    @Option(
        names = "--runs",
        defaultValue = "9",
        description = "Plans measured (default: ${DEFAULT-VALUE}).")
    private int runs;

    @Override
    public Integer call() throws IOException, InterruptedException {
      if (runs < 1 || latencyMs < 1) {
        throw new IllegalArgumentException("--runs and --latency-ms must be at least 1");
      }
      ModelBenchmark.RsaResult r =
          ModelBenchmark.rsa(preset, java.time.Duration.ofMillis(latencyMs), runs);
      spec.commandLine().getOut().println(r.summary());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "vlm-instinct",
      mixinStandardHelpOptions = true,
      description = {
        "The VLM instinct's own overhead per frame (JPEG, request, HTTP, parse, validate) with a",
        "stand-in model server on this host answering at once (goal: p99 <= 20 ms)."
      })
  static final class VlmInstinct implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(
        names = "--frames",
        defaultValue = "500",
        description = "Frames measured (default: ${DEFAULT-VALUE}).")
    private int frames;

    @Override
    public Integer call() throws IOException {
      if (frames < 1) {
        throw new IllegalArgumentException("--frames must be at least 1");
      }
      spec.commandLine().getOut().println(ModelBenchmark.instinct(frames).summary());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "sim",
      mixinStandardHelpOptions = true,
      description = {
        "Real-time factor of the simulator: simulated seconds per wall second for 1 robot and for",
        "20 robots (8 distance sensors each, sensed every 10 ms, camera off). Goal: >= 1000x for one."
      })
  static final class Sim implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(
        names = "--rounds",
        defaultValue = "5",
        description =
            "Measured rounds per case; the median is reported (default: ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(
        names = "--seconds",
        defaultValue = "60",
        description = "Simulated seconds per round (default: ${DEFAULT-VALUE}).")
    private double seconds;

    @Override
    public Integer call() {
      SimBenchmark.Result r = SimBenchmark.run(rounds, seconds);
      PrintWriter out = spec.commandLine().getOut();
      out.println(r.summary());
      out.printf(
          "  real-time factor, 1 robot = %.0f (goal >= 1000); 20 robots = %.0f%n",
          r.oneRobotRealTimeFactor(), r.twentyRobotsRealTimeFactor());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "camera",
      mixinStandardHelpOptions = true,
      description =
          "Camera frames rendered per second (320x240, office arena), with and without JPEG,"
              + " as a multiple of a live 30 fps camera.")
  static final class Camera implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Override
    public Integer call() {
      CameraBenchmark.Result r = CameraBenchmark.run();
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "camera: %dx%d in %s, %d frames x %d rounds (median)%n",
          r.width(), r.height(), r.arena(), r.framesPerRound(), r.rounds());
      out.printf(
          "  render          %8.0f frames/s  = %.1f x a 30 fps camera%n",
          r.renderFps(), r.renderRatioToLive());
      out.printf(
          "  render + JPEG   %8.0f frames/s  = %.1f x a 30 fps camera (%.0f bytes a frame)%n",
          r.renderJpegFps(), r.renderJpegRatioToLive(), r.meanJpegBytes());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "protocol",
      mixinStandardHelpOptions = true,
      description =
          "Wire-protocol frames encoded and decoded per second (telemetry, commands, acks,"
              + " heartbeats), as a multiple of what 20 robots need.")
  static final class Protocol implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(
        names = "--frames",
        defaultValue = "200000",
        description = "Frames per round (default: ${DEFAULT-VALUE}).")
    private int frames;

    @Override
    public Integer call() {
      ProtocolBenchmark.Result r = ProtocolBenchmark.run(frames, 1);
      spec.commandLine().getOut().println(r);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "link",
      mixinStandardHelpOptions = true,
      description =
          "Command-to-acknowledgement round trip over TCP to a simulated robot at real time,"
              + " against one 10 ms control period.")
  static final class Link implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(
        names = "--commands",
        defaultValue = "500",
        description = "Commands to time (default: ${DEFAULT-VALUE}).")
    private int commands;

    @Override
    public Integer call() throws Exception {
      var limits = KernelConfig.load(WorkspaceOptions.of(spec).volumesOrSystem()).safety();
      LinkBenchmark.Result r =
          LinkBenchmark.run(ArenaCatalog.loadPackaged("empty-room"), limits, commands);
      spec.commandLine().getOut().println(r);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "volume-load",
      mixinStandardHelpOptions = true,
      description = {
        "Generate a volume of agents and skills, then compare loading it (parse and validate)",
        "with reading the same files raw. Prints the load rate as a fraction of the raw rate."
      })
  static final class VolumeLoad implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(
        names = "--documents",
        defaultValue = "10000",
        description =
            "Documents to generate, half agents and half skills (default: ${DEFAULT-VALUE}).")
    private int documents;

    @Option(
        names = "--rounds",
        defaultValue = "7",
        description =
            "Measured rounds of each; the median is reported (default: ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(
        names = "--seed",
        defaultValue = "1",
        description = "Seed of the generated content (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call() throws IOException {
      if (documents < 2 || rounds < 1) {
        throw new IllegalArgumentException(
            "--documents must be at least 2 and --rounds at least 1");
      }
      PrintWriter out = spec.commandLine().getOut();
      Path dir = Files.createTempDirectory("llmos-bench-");
      try {
        KernelSettings settings =
            KernelConfig.load(VolumeSet.of(SystemVolumes.packaged())).settings();
        VolumeDocuments.generate(dir, documents, seed);
        VolumeSet volumes = VolumeSet.of(Volume.readOnly(VolumeKind.USER, dir));
        int loaded = Catalog.load(volumes, settings).allAgents().size();
        loaded += Catalog.load(volumes, settings).allSkills().size();
        if (loaded != documents) {
          throw new IllegalStateException("generated " + documents + " but loaded " + loaded);
        }
        long[] raw = new long[rounds];
        long[] load = new long[rounds];
        try (ProgressBar bar = bar("Measuring", 2L * (rounds + 2))) {
          for (int i = -2; i < rounds; i++) { // two warm-up rounds first
            long r = timeRaw(dir);
            bar.step();
            long l = timeLoad(volumes, settings);
            bar.step();
            if (i >= 0) {
              raw[i] = r;
              load[i] = l;
            }
          }
        }
        double rawS = median(raw) / 1e9;
        double loadS = median(load) / 1e9;
        out.printf("volume-load: %d documents, %d rounds (median)%n", documents, rounds);
        out.printf(
            "  raw read        %8.1f ms  %10.0f documents/s%n", rawS * 1e3, documents / rawS);
        out.printf(
            "  parse+validate  %8.1f ms  %10.0f documents/s%n", loadS * 1e3, documents / loadS);
        out.printf("  load rate / raw rate = %.3f (goal >= 0.25)%n", rawS / loadS);
        return ExitCodes.OK;
      } finally {
        try (Stream<Path> s = Files.walk(dir)) {
          s.sorted(Comparator.reverseOrder()).forEach(VolumeLoad::deleteQuietly);
        }
      }
    }

    private static long timeRaw(Path dir) throws IOException {
      long start = System.nanoTime();
      long bytes = 0;
      for (String top : new String[] {"agents", "skills"}) {
        try (Stream<Path> s = Files.walk(dir.resolve(top))) {
          for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
            bytes += Files.readAllBytes(p).length;
          }
        }
      }
      long t = System.nanoTime() - start;
      if (bytes == 0) {
        throw new IllegalStateException("nothing was read");
      }
      return t;
    }

    private static long timeLoad(VolumeSet volumes, KernelSettings settings) {
      long start = System.nanoTime();
      Catalog c = Catalog.load(volumes, settings);
      long t = System.nanoTime() - start;
      if (!c.problems().isEmpty()) {
        throw new IllegalStateException("generated documents are invalid: " + c.problems().get(0));
      }
      return t;
    }

    private static double median(long[] values) {
      long[] v = values.clone();
      Arrays.sort(v);
      return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }

    private static void deleteQuietly(Path p) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** A progress bar on standard error, plain ASCII so it reads well in logs too. */
  static ProgressBar bar(String task, long max) {
    return new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(max)
        .setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
        .build();
  }

  /** Realistic generated agents and skills, deterministic for a seed. */
  static final class VolumeDocuments {
    private static final String[] GOALS = {
      "avoid_obstacles", "explore", "follow_wall", "seek_object", "patrol", "return_home"
    };
    private static final String[] WORDS = {
      "robot", "wall", "distance", "sensor", "turn", "slowly", "corner", "camera", "map", "grid",
      "frontier", "battery", "dock", "line", "tape", "speed", "stop", "heading", "left", "right"
    };

    private VolumeDocuments() {}

    static void generate(Path dir, int count, long seed) throws IOException {
      Random random = new Random(seed);
      int skills = count / 2;
      int agents = count - skills;
      try (ProgressBar bar = bar("Generating", count)) {
        for (int i = 0; i < skills; i++) {
          Path file = dir.resolve("skills/skill-" + i + "/SKILL.md");
          Files.createDirectories(file.getParent());
          Files.writeString(file, skill(i, random), StandardCharsets.UTF_8);
          bar.step();
        }
        Files.createDirectories(dir.resolve("agents"));
        for (int i = 0; i < agents; i++) {
          Files.writeString(
              dir.resolve("agents/agent-" + i + ".md"),
              agent(i, skills, random),
              StandardCharsets.UTF_8);
          bar.step();
        }
      }
    }

    private static String sentence(Random random, int words) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < words; i++) {
        b.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
      }
      return b.append('.').toString();
    }

    private static String body(Random random) {
      StringBuilder b = new StringBuilder("\n# Instructions\n\n");
      for (int p = 0; p < 6; p++) {
        b.append(sentence(random, 30)).append("\n\n");
      }
      b.append("1. ").append(sentence(random, 8)).append("\n2. ").append(sentence(random, 8));
      return b.append('\n').toString();
    }

    private static String skill(int i, Random random) {
      return "---\nname: skill-"
          + i
          + "\ndescription: "
          + sentence(random, 25)
          + "\nlicense: Apache-2.0\nmetadata:\n  category: navigation\n  version: \"1\"\n---\n"
          + body(random);
    }

    private static String agent(int i, int skills, Random random) {
      return "---\nname: agent-"
          + i
          + "\ndescription: "
          + sentence(random, 25)
          + "\nkind: robot\nversion: "
          + (1 + random.nextInt(9))
          + "\norigin: created\nskills: [skill-"
          + random.nextInt(skills)
          + ", skill-"
          + random.nextInt(skills)
          + "]\nruntime:\n  goal: "
          + GOALS[random.nextInt(GOALS.length)]
          + "\n  instinct: {mode: rules}\n  planner: {mode: classical}\n"
          + "  params:\n    cruise_mps: 0.2\n    safe_distance_m: 0.2\n"
          + "  rules:\n    - \"if front_m < safe_distance_m then rotate(1.57)\"\n"
          + "    - \"if always then forward(cruise_mps)\"\n---\n"
          + body(random);
    }
  }
}
