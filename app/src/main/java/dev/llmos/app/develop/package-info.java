/**
 * The SystemAgent workflow on a development model: {@link
 * dev.llmos.app.develop.SystemAgentWorkflow} runs the tool-use loop within the kernel's bounds over
 * a {@link dev.llmos.app.develop.Toolbox}: the MCP server's tools ({@code
 * dev.llmos.app.mcp.McpToolbox}), so the model has what Claude Code has through {@code llmos mcp}.
 */
package dev.llmos.app.develop;
