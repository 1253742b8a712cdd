package dev.llmos.runtime.blackbox;

import java.lang.reflect.RecordComponent;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Builds trace records by component name, defaulting the rest, so that tests keep compiling when a
 * record such as {@link TickRecord} gains a field.
 */
final class Records {
  private Records() {}

  static <R extends Record> R of(Class<R> type, Map<String, ?> values) {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] args = new Object[components.length];
    Set<String> unused = new HashSet<>(values.keySet());
    for (int i = 0; i < components.length; i++) {
      String name = components[i].getName();
      types[i] = components[i].getType();
      args[i] = values.containsKey(name) ? values.get(name) : defaultFor(types[i], type, name);
      unused.remove(name);
    }
    if (!unused.isEmpty()) {
      throw new IllegalArgumentException(type.getSimpleName() + " has no components " + unused);
    }
    try {
      return type.getDeclaredConstructor(types).newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build a " + type.getSimpleName(), e);
    }
  }

  private static Object defaultFor(Class<?> component, Class<?> owner, String name) {
    if (component == double.class) {
      return 0.0;
    } else if (component == long.class) {
      return 0L;
    } else if (component == int.class) {
      return 0;
    } else if (component == boolean.class) {
      return false;
    } else if (component == String.class) {
      return "";
    } else if (component == Map.class) {
      return Map.of();
    }
    throw new IllegalArgumentException(
        "no default for " + owner.getSimpleName() + "." + name + " (" + component + ")");
  }
}
