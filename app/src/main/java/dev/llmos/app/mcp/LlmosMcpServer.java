package dev.llmos.app.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.llmos.kernel.document.InvalidDocumentException;
import dev.llmos.kernel.document.Problem;
import dev.llmos.kernel.promotion.PromotionRefusedException;
import dev.llmos.kernel.volume.PathEscapeException;
import dev.llmos.kernel.volume.ReadOnlyVolumeException;
import dev.llmos.kernel.volume.VolumeException;
import dev.llmos.kernel.workspace.WorkspaceNotFoundException;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LLMos as an MCP server over a pair of streams, on the MCP Java SDK: the tools of {@link
 * LlmosTools} and the kernel files as resources. A failing call answers with an error result that
 * says what to fix; it never ends the session.
 */
public final class LlmosMcpServer {
  private static final Logger LOG = LoggerFactory.getLogger(LlmosMcpServer.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final List<Tool> tools;
  private final KernelResources resources;

  public LlmosMcpServer(
      Supplier<dev.llmos.kernel.workspace.Workspace> workspace,
      AgentCreator creator,
      SimulationLauncher launcher) {
    this.tools = new LlmosTools(workspace, creator, launcher).all();
    this.resources = new KernelResources(workspace);
  }

  /**
   * Serves one client on these streams until its input ends.
   *
   * @param version the server version the client is told
   */
  public void serve(String version, InputStream in, OutputStream out) throws InterruptedException {
    CountDownLatch ended = new CountDownLatch(1);
    InputStream watched =
        new FilterInputStream(in) {
          @Override
          public int read() throws IOException {
            return seen(super.read());
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            return seen(super.read(b, off, len));
          }

          private int seen(int n) {
            if (n < 0) {
              ended.countDown();
            }
            return n;
          }
        };
    JacksonMcpJsonMapper mapper = new JacksonMcpJsonMapper(new ObjectMapper());
    McpSyncServer server =
        McpServer.sync(new StdioServerTransportProvider(mapper, watched, out))
            .serverInfo("llmos", version)
            // Arguments are checked by the tools against the same schema, with messages that name
            // the argument and say what is allowed (and why the system volume is not).
            .validateToolInputs(false)
            .instructions(
                "LLMos: agents, skills, memory and kernel rules are markdown files in volumes"
                    + " (user > team > system). Validate before you write; robot agents run in"
                    + " simulation with run_simulation and are read back with read_run.")
            .capabilities(
                McpSchema.ServerCapabilities.builder().tools(false).resources(false, false).build())
            .tools(tools.stream().map(this::specification).toList())
            .resources(KernelResources.entries().stream().map(this::resource).toList())
            .build();
    try {
      ended.await();
    } finally {
      server.closeGracefully();
    }
  }

  private SyncToolSpecification specification(Tool tool) {
    return SyncToolSpecification.builder()
        .tool(
            McpSchema.Tool.builder(tool.name(), tool.inputSchema())
                .description(tool.description())
                .build())
        .callHandler((exchange, request) -> call(tool, request.arguments()))
        .build();
  }

  /** Calls a tool; whatever goes wrong becomes an error result the client can read. */
  CallToolResult call(Tool tool, Map<String, Object> arguments) {
    try {
      Map<String, Object> result = tool.call(arguments);
      return CallToolResult.builder()
          .addTextContent(JSON.writeValueAsString(result))
          .structuredContent(result)
          .isError(false)
          .build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return error(tool.name() + " was interrupted");
    } catch (InvalidDocumentException e) {
      StringBuilder text = new StringBuilder("invalid document:");
      for (Problem p : e.problems()) {
        text.append("\n  ").append(p);
      }
      return error(text.toString());
    } catch (ToolError
        | IllegalArgumentException
        | IllegalStateException
        | ReadOnlyVolumeException
        | PathEscapeException
        | PromotionRefusedException
        | WorkspaceNotFoundException e) {
      return error(e.getMessage());
    } catch (VolumeException | IOException | UncheckedIOException e) {
      LOG.warn("{} failed", tool.name(), e);
      return error("storage failed: " + e.getMessage());
    } catch (Exception e) {
      LOG.error("{} failed", tool.name(), e);
      return error(
          "internal error in " + tool.name() + ": " + e + " (a bug in LLMos; please report it)");
    }
  }

  private static CallToolResult error(String message) {
    return CallToolResult.builder().addTextContent(message).isError(true).build();
  }

  private SyncResourceSpecification resource(KernelResources.Entry entry) {
    McpSchema.Resource resource =
        McpSchema.Resource.builder(entry.uri(), entry.file().documentName())
            .title(entry.file().path())
            .description(
                "The kernel file " + entry.file().path() + " in effect (user > team > system).")
            .mimeType(KernelResources.MIME)
            .build();
    return new SyncResourceSpecification(
        resource,
        (exchange, request) -> {
          try {
            KernelResources.Resolved r = resources.read(entry.file());
            return McpSchema.ReadResourceResult.builder(
                    List.of(
                        McpSchema.TextResourceContents.builder(entry.uri(), r.text())
                            .mimeType(KernelResources.MIME)
                            .build()))
                .build();
          } catch (RuntimeException e) {
            throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
                .message("cannot read " + entry.file().path() + ": " + e.getMessage())
                .build();
          }
        });
  }

  /** The tools, for tests. */
  List<Tool> tools() {
    return tools;
  }
}
