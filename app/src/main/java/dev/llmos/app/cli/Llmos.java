package dev.llmos.app.cli;

import dev.llmos.kernel.document.InvalidDocumentException;
import dev.llmos.kernel.document.Problem;
import dev.llmos.kernel.volume.PathEscapeException;
import dev.llmos.kernel.volume.ReadOnlyVolumeException;
import dev.llmos.kernel.volume.VolumeException;
import dev.llmos.kernel.workspace.WorkspaceNotFoundException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Builds the {@code llmos} command line and maps failures to messages and exit codes. */
public final class Llmos {
  private Llmos() {}

  /** Runs {@code llmos} with the process's standard streams. */
  public static int execute(String... args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    return execute(out, err, args);
  }

  /** Runs {@code llmos} writing to the given streams; what tests call. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = commandLine();
    cli.setOut(out);
    cli.setErr(err);
    int code = cli.execute(args);
    // print() does not flush an auto-flushing writer, and the process exits right after this.
    out.flush();
    err.flush();
    return code;
  }

  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new LlmosCommand());
    cli.setExecutionExceptionHandler(new Failures());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }

  /** Turns what went wrong into a message that says what to do, and a meaningful exit code. */
  private static final class Failures implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
      PrintWriter err = cmd.getErr();
      if (e instanceof InvalidDocumentException invalid) {
        for (Problem p : invalid.problems()) {
          err.println("error: " + p);
        }
        return ExitCodes.FAILED;
      }
      if (e instanceof WorkspaceNotFoundException) {
        err.println("error: " + e.getMessage());
        return ExitCodes.NO_WORKSPACE;
      }
      if (e instanceof dev.llmos.llm.anthropic.DevelopmentModelException model) {
        err.println("error: " + e.getMessage());
        return model.kind() == dev.llmos.llm.anthropic.DevelopmentModelException.Kind.NO_KEY
            ? ExitCodes.FAILED
            : ExitCodes.IO;
      }
      if (e instanceof NotFoundException) {
        err.println("error: " + e.getMessage());
        return ExitCodes.NOT_FOUND;
      }
      if (e instanceof ReadOnlyVolumeException
          || e instanceof PathEscapeException
          || e instanceof IllegalArgumentException) {
        err.println("error: " + e.getMessage());
        return ExitCodes.FAILED;
      }
      if (e instanceof VolumeException
          || e instanceof java.io.IOException
          || e instanceof java.io.UncheckedIOException) {
        err.println("error: " + e.getMessage());
        return ExitCodes.IO;
      }
      err.println("internal error: " + e + " (this is a bug in LLMos; please report it)");
      if (System.getenv("LLMOS_DEBUG") != null) {
        e.printStackTrace(err);
      } else {
        err.println("set LLMOS_DEBUG=1 to see the stack trace");
      }
      return ExitCodes.INTERNAL;
    }
  }
}
