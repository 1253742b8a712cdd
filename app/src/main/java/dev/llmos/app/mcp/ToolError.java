package dev.llmos.app.mcp;

/** A tool call refused or failed for a reason the caller can act on; its message says which. */
final class ToolError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ToolError(String message) {
    super(message);
  }
}
