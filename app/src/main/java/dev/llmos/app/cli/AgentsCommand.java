package dev.llmos.app.cli;

import dev.llmos.kernel.catalog.AgentKind;
import dev.llmos.kernel.catalog.AgentSchema;
import dev.llmos.kernel.catalog.AgentSpec;
import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.catalog.CatalogWriter;
import dev.llmos.kernel.catalog.Origin;
import dev.llmos.kernel.catalog.RobotRuntime;
import dev.llmos.kernel.config.KernelConfig;
import dev.llmos.kernel.document.InvalidDocumentException;
import dev.llmos.kernel.document.MarkdownDocument;
import dev.llmos.kernel.document.Problem;
import dev.llmos.kernel.volume.VolumeKind;
import dev.llmos.kernel.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llmos agents}: list, show, validate, create and copy agents. */
@Command(
    name = "agents",
    mixinStandardHelpOptions = true,
    description = "Agents: markdown files with YAML frontmatter in agents/ of each volume.",
    subcommands = {
      AgentsCommand.ListAgents.class,
      AgentsCommand.Show.class,
      AgentsCommand.Validate.class,
      AgentsCommand.Create.class,
      AgentsCommand.Copy.class
    })
final class AgentsCommand {

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the agents in effect (a user agent hides a team or system one).")
  static final class ListAgents implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Mixin private ListFilter filter;

    @Override
    public Integer call() {
      Catalog catalog = WorkspaceOptions.of(spec).catalogView().catalog();
      Table table = new Table("NAME", "KIND", "VERSION", "VOLUME", "DESCRIPTION");
      for (AgentSpec a : filter.select(catalog.agents(), catalog.allAgents(), AgentSpec::volume)) {
        table.row(a.name(), a.kind().label(), a.version(), a.volume().label(), a.description());
      }
      PrintWriter out = spec.commandLine().getOut();
      table.print(out);
      out.println();
      out.println(table.size() + " agents");
      Output.reportSkipped(spec, catalog.problems(), "llmos agents validate");
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Print an agent: where it is, its fields and its prompt.")
  static final class Show implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The agent's name.")
    private String name;

    @Option(names = "--raw", description = "Print the file exactly as stored.")
    private boolean raw;

    @Override
    public Integer call() {
      Catalog catalog = WorkspaceOptions.of(spec).catalogView().catalog();
      AgentSpec a = Output.agent(catalog, name);
      PrintWriter out = spec.commandLine().getOut();
      if (raw) {
        out.print(a.document().text());
        out.flush();
        return ExitCodes.OK;
      }
      out.println(a.name() + "  (" + a.volume().label() + ":" + a.path() + ")");
      out.println("  kind:     " + a.kind().label());
      out.println("  version:  " + a.version());
      out.println(
          "  origin:   " + a.origin().label() + a.parent().map(p -> " from " + p).orElse(""));
      if (!a.skills().isEmpty()) {
        out.println("  skills:   " + String.join(", ", a.skills()));
      }
      if (!a.tools().isEmpty()) {
        out.println("  tools:    " + String.join(", ", a.tools()));
      }
      a.runtime()
          .ifPresent(
              r -> {
                out.println(
                    "  runtime:  goal "
                        + r.goal()
                        + r.target().map(t -> " (" + t + ")").orElse("")
                        + ", instinct "
                        + r.instinctMode()
                        + ", planner "
                        + r.plannerMode()
                        + r.plannerPreset().map(p -> "/" + p).orElse(""));
                r.params().forEach((k, v) -> out.println("            " + k + " = " + v));
                r.rules().forEach(rule -> out.println("            " + rule));
              });
      a.provenance()
          .forEach(
              p ->
                  out.println(
                      "  promoted: "
                          + p.from().label()
                          + " -> "
                          + p.to().label()
                          + " at "
                          + p.at()
                          + " on "
                          + p.uses()
                          + " uses"));
      out.println("  " + a.description());
      out.println();
      out.print(a.document().body());
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = {
        "Check agents against the schema. With no argument, every agent of every volume;",
        "otherwise the named agents or agent files (a path to a .md file)."
      })
  static final class Validate implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(
        paramLabel = "NAME|FILE",
        arity = "0..*",
        description = "Agent names, or paths of agent files.")
    private List<String> targets = new ArrayList<>();

    @Override
    public Integer call() {
      CatalogView view = WorkspaceOptions.of(spec).catalogView();
      KernelConfig kernel = view.kernel();
      Catalog catalog = view.catalog();
      List<Problem> problems = new ArrayList<>();
      int checked = 0;
      if (targets.isEmpty()) {
        problems.addAll(catalog.problems());
        checked = catalog.allAgents().size() + (int) agentProblemsFiles(catalog.problems());
      }
      for (String target : targets) {
        checked++;
        Path file = Path.of(target);
        if (target.endsWith(".md") || Files.isRegularFile(file)) {
          problems.addAll(validateFile(file, catalog, kernel));
        } else if (catalog.agent(target).isEmpty()) {
          problems.addAll(
              catalog.problems().stream()
                  .filter(p -> p.where().source().endsWith("agents/" + target + ".md"))
                  .toList());
          if (problems.isEmpty()) {
            throw new NotFoundException(
                "no agent named '" + target + "' in any volume; see `llmos agents list`");
          }
        }
      }
      return Output.verdict(spec, problems, checked, "agent");
    }

    private static long agentProblemsFiles(List<Problem> problems) {
      return problems.stream()
          .map(p -> p.where().source())
          .filter(s -> s.contains(":agents/"))
          .distinct()
          .count();
    }

    private static List<Problem> validateFile(Path file, Catalog catalog, KernelConfig kernel) {
      String fileName = file.getFileName().toString();
      String name =
          fileName.endsWith(".md") ? fileName.substring(0, fileName.length() - 3) : fileName;
      try {
        byte[] bytes = Files.readAllBytes(file);
        MarkdownDocument doc = MarkdownDocument.parse(file.toString(), bytes);
        AgentSchema.read(doc, name, VolumeKind.USER, catalog.skillNames(), kernel.settings());
        return List.of();
      } catch (InvalidDocumentException e) {
        return e.problems();
      } catch (NoSuchFileException e) {
        throw new NotFoundException("no such file: " + file);
      } catch (IOException e) {
        throw new dev.llmos.kernel.volume.VolumeException("could not read " + file, e);
      }
    }
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Create an agent in the user (or team) volume and commit it.",
        "Either from a file you wrote (--from-file), or from options: a valid agent to edit."
      })
  static final class Create implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "Lower-case letters, digits and hyphens.")
    private String name;

    @Option(names = "--from-file", paramLabel = "FILE", description = "An agent file to add.")
    private Path fromFile;

    @Option(
        names = "--kind",
        paramLabel = "KIND",
        defaultValue = "robot",
        description = "robot, orchestrator or specialist (default: ${DEFAULT-VALUE}).")
    private String kind;

    @Option(names = "--description", paramLabel = "TEXT", description = "What it does and when.")
    private String description;

    @Option(
        names = "--goal",
        paramLabel = "GOAL",
        defaultValue = "avoid_obstacles",
        description = "For robot agents, one of: ${COMPLETION-CANDIDATES}.",
        completionCandidates = Goals.class)
    private String goal;

    @Option(names = "--skill", paramLabel = "SKILL", description = "A skill it uses (repeat).")
    private List<String> skills = new ArrayList<>();

    @Option(
        names = "--volume",
        paramLabel = "VOLUME",
        defaultValue = "user",
        description = "user or team (default: ${DEFAULT-VALUE}).")
    private String volume;

    @Override
    public Integer call() throws IOException {
      Workspace ws = WorkspaceOptions.of(spec).open();
      MarkdownDocument doc;
      String why;
      if (fromFile != null) {
        if (!Files.isRegularFile(fromFile)) {
          throw new NotFoundException("no such file: " + fromFile);
        }
        doc = MarkdownDocument.parse(fromFile.toString(), Files.readAllBytes(fromFile));
        String declared = doc.fields().string("name");
        if (!declared.equals(name)) {
          throw new IllegalArgumentException(
              fromFile + ": its name is '" + declared + "', not '" + name + "'");
        }
        why = "Create agent " + name + " from " + fromFile.getFileName();
      } else {
        if (description == null || description.isBlank()) {
          throw new IllegalArgumentException(
              "say what the agent does and when to use it: --description \"...\"");
        }
        doc = template();
        why = "Create agent " + name + "\n\n" + description;
      }
      VolumeKind target = VolumeKind.parse(volume);
      // A new agent never hides one of another volume: its name would stand for something else.
      Catalog.load(ws.volumes(), ws.kernel().settings())
          .agent(name)
          .ifPresent(
              existing -> {
                throw new IllegalArgumentException(
                    "an agent named '"
                        + name
                        + "' already exists in the "
                        + existing.volume().label()
                        + " volume; choose another name, or `llmos agents copy "
                        + name
                        + " NEW-NAME` to start from it");
              });
      AgentSpec spec =
          new CatalogWriter(ws.volumes(), ws.kernel().settings()).writeAgent(target, doc, why);
      this.spec
          .commandLine()
          .getOut()
          .println("Created " + spec.volume().label() + ":" + spec.path() + " (committed)");
      return ExitCodes.OK;
    }

    private MarkdownDocument template() {
      AgentKind k = AgentKind.valueOf(kind.toUpperCase(Locale.ROOT));
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("name", name);
      f.put("description", description);
      f.put("kind", k.label());
      f.put("version", 1);
      f.put("origin", Origin.CREATED.label());
      if (!skills.isEmpty()) {
        f.put("skills", skills);
      }
      if (k == AgentKind.ROBOT) {
        Map<String, Object> runtime = new LinkedHashMap<>();
        runtime.put("goal", goal);
        runtime.put("instinct", Map.of("mode", "rules"));
        runtime.put("planner", Map.of("mode", "classical"));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("cruise_mps", 0.15);
        params.put("safe_distance_m", 0.2);
        runtime.put("params", params);
        runtime.put(
            "rules",
            List.of(
                "if bumper == true then backward(0.1)",
                "if front_m < safe_distance_m then rotate(1.57)",
                "if always then forward(cruise_mps)"));
        f.put("runtime", runtime);
      }
      String body =
          "# "
              + name
              + "\n\n"
              + description
              + "\n\n"
              + (k == AgentKind.ROBOT
                  ? "You drive a small differential-drive robot. Each turn you receive its"
                      + " range readings (metres), bumper state and, with a camera, a frame."
                      + " Answer with one JSON action such as"
                      + " {\"action\": \"forward\", \"args\": [0.15], \"reason\": \"path clear\"}."
                      + " Never drive forward when something is closer than safe_distance_m;"
                      + " when unsure, stop.\n"
                  : "Work step by step with the LLMos tools, validate what you write, and say"
                      + " what you did and why.\n");
      return MarkdownDocument.of(name + ".md", f, body);
    }
  }

  @Command(
      name = "copy",
      mixinStandardHelpOptions = true,
      description = "Copy an agent under a new name (origin: copied, parent: SOURCE@version).")
  static final class Copy implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "The agent to copy.")
    private String source;

    @Parameters(index = "1", paramLabel = "NAME", description = "The new agent's name.")
    private String name;

    @Option(
        names = "--volume",
        paramLabel = "VOLUME",
        defaultValue = "user",
        description = "user or team (default: ${DEFAULT-VALUE}).")
    private String volume;

    @Override
    public Integer call() {
      Workspace ws = WorkspaceOptions.of(spec).open();
      Catalog catalog = Catalog.load(ws.volumes(), ws.kernel().settings());
      AgentSpec original = Output.agent(catalog, source);
      if (catalog.agent(name).isPresent()) {
        throw new IllegalArgumentException(
            "an agent named '" + name + "' already exists; choose another name");
      }
      MarkdownDocument copy =
          original
              .document()
              .withField("name", name)
              .withField("version", 1)
              .withField("origin", Origin.COPIED.label())
              .withField("parent", original.reference());
      if (!original.provenance().isEmpty()) {
        copy = copy.withField("provenance", List.of());
      }
      AgentSpec written =
          new CatalogWriter(ws.volumes(), ws.kernel().settings())
              .writeAgent(
                  VolumeKind.parse(volume),
                  copy,
                  "Copy agent " + original.reference() + " as " + name);
      spec.commandLine()
          .getOut()
          .println(
              "Copied "
                  + original.reference()
                  + " to "
                  + written.volume().label()
                  + ":"
                  + written.path()
                  + " (committed)");
      return ExitCodes.OK;
    }
  }

  /** The goals a robot agent may have, for help and completion. */
  static final class Goals extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    Goals() {
      super(RobotRuntime.GOALS);
    }
  }
}
