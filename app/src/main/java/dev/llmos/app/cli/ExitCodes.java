package dev.llmos.app.cli;

/**
 * What {@code llmos} exits with. Scripts can rely on these; they are listed in the README and in
 * {@code llmos --help}.
 */
public final class ExitCodes {
  /** Done. */
  public static final int OK = 0;

  /** The input was invalid or the request was refused (validation errors, a failed promotion). */
  public static final int FAILED = 1;

  /** The command line itself was wrong. */
  public static final int USAGE = 2;

  /** A named agent, skill, trace or file does not exist. */
  public static final int NOT_FOUND = 3;

  /** There is no workspace where one was expected; {@code llmos init} makes one. */
  public static final int NO_WORKSPACE = 4;

  /** Reading or writing storage failed (disk, git), or a robot could not be reached. */
  public static final int IO = 5;

  /** A bug in LLMos. */
  public static final int INTERNAL = 70;

  /** The list shown in {@code --help}. */
  static final String HELP =
      "Exit codes:%n"
          + "  0  done%n"
          + "  1  invalid input or request refused%n"
          + "  2  wrong command line%n"
          + "  3  not found%n"
          + "  4  no workspace (run `llmos init`)%n"
          + "  5  storage, git or robot link failure%n"
          + "  70 internal error (please report it)";

  private ExitCodes() {}
}
