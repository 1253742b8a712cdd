package dev.llmos.core.archfixture;

import dev.llmos.app.cli.NotFoundException;

/** A core class that wrongly reaches up into the app: the architecture test must catch it. */
public final class UpwardDependency {
  private UpwardDependency() {}

  public static RuntimeException missing(String what) {
    return new NotFoundException(what);
  }
}
