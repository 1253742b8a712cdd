package dev.llmos.app.cli;

import dev.llmos.kernel.catalog.Catalog;
import dev.llmos.kernel.config.KernelConfig;

/** What a browsing command sees: the kernel read from the volumes in view, and their catalog. */
record CatalogView(KernelConfig kernel, Catalog catalog) {}
