package dev.llmos.app;

import dev.llmos.app.cli.Llmos;

/** The {@code llmos} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(Llmos.execute(args));
  }
}
