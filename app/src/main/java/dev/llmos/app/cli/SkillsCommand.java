package dev.llmos.app.cli;

import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.catalog.SkillSchema;
import dev.llmos.kernel.catalog.SkillSpec;
import dev.llmos.kernel.config.KernelConfig;
import dev.llmos.kernel.document.InvalidDocumentException;
import dev.llmos.kernel.document.MarkdownDocument;
import dev.llmos.kernel.document.Problem;
import dev.llmos.kernel.search.SkillHit;
import dev.llmos.kernel.search.SkillSearch;
import dev.llmos.kernel.volume.VolumeException;
import dev.llmos.kernel.volume.VolumeKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llmos skills}: list, show, search and validate skills. */
@Command(
    name = "skills",
    mixinStandardHelpOptions = true,
    description = "Skills: skills/<name>/SKILL.md in each volume (the Agent Skills layout).",
    subcommands = {
      SkillsCommand.ListSkills.class,
      SkillsCommand.Show.class,
      SkillsCommand.Search.class,
      SkillsCommand.Validate.class
    })
final class SkillsCommand {

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the skills in effect (a user skill hides a team or system one).")
  static final class ListSkills implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Mixin private ListFilter filter;

    @Override
    public Integer call() {
      Catalog catalog = WorkspaceOptions.of(spec).catalogView().catalog();
      Table table = new Table("NAME", "VOLUME", "DESCRIPTION");
      for (SkillSpec s : filter.select(catalog.skills(), catalog.allSkills(), SkillSpec::volume)) {
        table.row(s.name(), s.volume().label(), s.description());
      }
      PrintWriter out = spec.commandLine().getOut();
      table.print(out);
      out.println();
      out.println(table.size() + " skills");
      Output.reportSkipped(spec, catalog.problems(), "llmos skills validate");
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Print a skill: where it is, its fields, its files and its instructions.")
  static final class Show implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The skill's name.")
    private String name;

    @Option(names = "--raw", description = "Print SKILL.md exactly as stored.")
    private boolean raw;

    @Override
    public Integer call() {
      Catalog catalog = WorkspaceOptions.of(spec).catalogView().catalog();
      SkillSpec s = Output.skill(catalog, name);
      PrintWriter out = spec.commandLine().getOut();
      if (raw) {
        out.print(s.document().text());
        out.flush();
        return ExitCodes.OK;
      }
      out.println(s.name() + "  (" + s.volume().label() + ":" + s.path() + ")");
      s.license().ifPresent(l -> out.println("  license:       " + l));
      s.compatibility().ifPresent(c -> out.println("  compatibility: " + c));
      s.allowedTools().ifPresent(t -> out.println("  allowed-tools: " + t));
      s.metadata().forEach((k, v) -> out.println("  " + k + ": " + v));
      s.resources().forEach(r -> out.println("  file:          " + r));
      out.println("  " + s.description());
      out.println();
      out.print(s.document().body());
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "search",
      mixinStandardHelpOptions = true,
      description = {
        "Find skills from a plain-English request, best match first.",
        "Example: llmos skills search don't bump into things"
      })
  static final class Search implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(
        paramLabel = "QUERY",
        arity = "1..*",
        description = "What the robot should do, in plain words (quotes are optional).")
    private List<String> words = new ArrayList<>();

    @Option(
        names = "--limit",
        paramLabel = "N",
        defaultValue = "5",
        description = "Show at most N skills (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Override
    public Integer call() {
      Catalog catalog = WorkspaceOptions.of(spec).catalogView().catalog();
      List<SkillHit> hits;
      try (SkillSearch search = SkillSearch.of(catalog)) {
        hits = search.search(String.join(" ", words), limit);
      }
      Table table = new Table("NAME", "VOLUME", "SCORE", "DESCRIPTION");
      for (SkillHit h : hits) {
        table.row(
            h.name(),
            h.volume().label(),
            String.format(Locale.ROOT, "%.2f", h.score()),
            h.description());
      }
      PrintWriter out = spec.commandLine().getOut();
      table.print(out);
      out.println();
      out.println(table.size() + " skills");
      Output.reportSkipped(spec, catalog.problems(), "llmos skills validate");
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = {
        "Check skills against the schema. With no argument, every skill of every volume;",
        "otherwise the named skills or SKILL.md files."
      })
  static final class Validate implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(
        paramLabel = "NAME|FILE",
        arity = "0..*",
        description = "Skill names, or paths of SKILL.md files.")
    private List<String> targets = new ArrayList<>();

    @Override
    public Integer call() {
      CatalogView view = WorkspaceOptions.of(spec).catalogView();
      KernelConfig kernel = view.kernel();
      Catalog catalog = view.catalog();
      List<Problem> skillProblems =
          catalog.problems().stream().filter(p -> p.where().source().contains(":skills/")).toList();
      List<Problem> problems = new ArrayList<>();
      int checked = 0;
      if (targets.isEmpty()) {
        problems.addAll(skillProblems);
        checked =
            catalog.allSkills().size()
                + (int) skillProblems.stream().map(p -> p.where().source()).distinct().count();
      }
      for (String target : targets) {
        checked++;
        Path file = Path.of(target);
        if (Files.isRegularFile(file)) {
          problems.addAll(validateFile(file, kernel));
        } else if (catalog.skill(target).isEmpty()) {
          List<Problem> own =
              skillProblems.stream()
                  .filter(p -> p.where().source().contains(":skills/" + target + "/"))
                  .toList();
          if (own.isEmpty()) {
            throw new NotFoundException(
                "no skill or file named '" + target + "'; see `llmos skills list`");
          }
          problems.addAll(own);
        }
      }
      return Output.verdict(spec, problems, checked, "skill");
    }

    private static List<Problem> validateFile(Path file, KernelConfig kernel) {
      Path folder = file.toAbsolutePath().getParent();
      String name = folder == null ? "" : folder.getFileName().toString();
      try {
        MarkdownDocument doc = MarkdownDocument.parse(file.toString(), Files.readAllBytes(file));
        SkillSchema.read(doc, name, VolumeKind.USER, List.of(), kernel.settings());
        return List.of();
      } catch (InvalidDocumentException e) {
        return e.problems();
      } catch (IOException e) {
        throw new VolumeException("could not read " + file, e);
      }
    }
  }
}
