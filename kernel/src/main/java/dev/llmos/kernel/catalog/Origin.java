package dev.llmos.kernel.catalog;

import java.util.Locale;

/** How an agent came to be; a copied or evolved agent names its parent. */
public enum Origin {
  CREATED,
  COPIED,
  EVOLVED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
