package dev.llmos.kernel.workspace;

import dev.llmos.kernel.volume.VolumeException;

/** There is no workspace where one was expected. */
public final class WorkspaceNotFoundException extends VolumeException {
  private static final long serialVersionUID = 1L;

  public WorkspaceNotFoundException(String message) {
    super(message);
  }
}
