/**
 * The SystemAgent workflow on a development model: {@link
 * dev.llmos.app.develop.SystemAgentWorkflow} runs the tool-use loop within the kernel's bounds,
 * {@link dev.llmos.app.develop.WorkspaceToolbox} gives the model the workspace's agents, skills and
 * memory and writes validated agents into the user volume.
 */
package dev.llmos.app.develop;
