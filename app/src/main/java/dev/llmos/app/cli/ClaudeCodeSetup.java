package dev.llmos.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The files that let Claude Code work in a workspace: the {@code /llmos} command (the SystemAgent
 * workflow in terms of the MCP tools), {@code .mcp.json} registering {@code llmos mcp}, and a
 * {@code CLAUDE.md} describing the workspace. What a person has changed is kept.
 */
final class ClaudeCodeSetup {
  static final String COMMAND = ".claude/commands/llmos.md";
  static final String MCP_CONFIG = ".mcp.json";
  static final String GUIDE = "CLAUDE.md";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ClaudeCodeSetup() {}

  /** What happened to one file. */
  record Outcome(String path, String what) {}

  /**
   * Writes what is missing.
   *
   * @param launcher the command that starts llmos, as Claude Code should run it
   */
  static List<Outcome> write(Path workspace, String launcher) {
    List<Outcome> out = new ArrayList<>();
    out.add(writeIfMissing(workspace, COMMAND, resource("llmos-command.md")));
    out.add(writeIfMissing(workspace, GUIDE, resource("CLAUDE.md")));
    out.add(registerServer(workspace, launcher));
    return out;
  }

  /**
   * The launcher to register: {@code bin/llmos} says where it is ({@code LLMOS_LAUNCHER}); else
   * {@code llmos} on the PATH.
   */
  static String launcher(Map<String, String> env) {
    String own = env.get("LLMOS_LAUNCHER");
    return own != null && Files.isExecutable(Path.of(own)) ? own : "llmos";
  }

  private static Outcome writeIfMissing(Path workspace, String path, String text) {
    Path file = workspace.resolve(path);
    if (Files.exists(file)) {
      return new Outcome(path, "kept (it exists)");
    }
    atomicWrite(file, text);
    return new Outcome(path, "written");
  }

  /** Adds an {@code llmos} server to {@code .mcp.json}, keeping any other servers there. */
  private static Outcome registerServer(Path workspace, String launcher) {
    Path file = workspace.resolve(MCP_CONFIG);
    ObjectNode root;
    boolean existed = Files.exists(file);
    if (existed) {
      JsonNode read;
      try {
        read = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new IllegalArgumentException(
            file
                + " is not valid JSON ("
                + e.getMessage()
                + "); fix or remove it, then run"
                + " `llmos init` again",
            e);
      }
      if (!(read instanceof ObjectNode object)
          || (object.has("mcpServers") && !object.get("mcpServers").isObject())) {
        throw new IllegalArgumentException(
            file + ": expected an object with an \"mcpServers\" object; fix or remove it");
      }
      root = object;
      if (root.path("mcpServers").has("llmos")) {
        return new Outcome(MCP_CONFIG, "kept (it registers llmos already)");
      }
    } else {
      root = JSON.createObjectNode();
    }
    ObjectNode servers =
        root.has("mcpServers") ? (ObjectNode) root.get("mcpServers") : root.putObject("mcpServers");
    ObjectNode llmos = servers.putObject("llmos");
    llmos.put("type", "stdio");
    llmos.put("command", launcher);
    llmos.putArray("args").add("mcp");
    llmos
        .putObject("env")
        .put("LLMOS_WORKSPACE", workspace.toAbsolutePath().normalize().toString());
    try {
      atomicWrite(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Outcome(MCP_CONFIG, existed ? "llmos added to its servers" : "written");
  }

  private static String resource(String name) {
    try (InputStream in = ClaudeCodeSetup.class.getResourceAsStream("/llmos/claude/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing from the build: /llmos/claude/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whole or not at all: a temporary file beside it, then a rename. */
  private static void atomicWrite(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), ".llmos-", ".tmp");
      try {
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
    }
  }
}
