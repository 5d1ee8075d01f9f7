package dev.freeport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.ProcessRef;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every record of freeport's whose {@code equals} or {@code hashCode} is written out (javac's own
 * are final; a written-out one is not) compares and hashes every component: two instances that
 * differ in one component only are not equal and hash differently. Adding a component and
 * forgetting it there fails this test.
 */
class WrittenOutRecordMethodsTest {

  @Test
  void everyComponentIsComparedAndHashed() throws Exception {
    List<Class<?>> records = writtenOut();
    assertTrue(records.containsAll(List.of(ProcessRef.class, Endpoint.class)), "the scan found " + records);
    for (Class<?> type : records) {
      RecordComponent[] components = type.getRecordComponents();
      Object base = make(type, -1);
      assertEquals(base, make(type, -1), type.getName() + ": equal components, equal records");
      assertEquals(base.hashCode(), make(type, -1).hashCode(), type.getName() + ": equal records, equal hash codes");
      for (int i = 0; i < components.length; i++) {
        Object other = make(type, i);
        String what = type.getName() + " differing only in " + components[i].getName();
        assertNotEquals(base, other, what + " are equal: equals() does not compare it");
        assertNotEquals(other, base, what + " are equal: equals() does not compare it");
        assertNotEquals(base.hashCode(), other.hashCode(), what + " hash alike: hashCode() leaves it out");
      }
    }
  }

  /** The records under dev.freeport in the main classes with a written-out equals or hashCode. */
  private static List<Class<?>> writtenOut() throws IOException, URISyntaxException, ClassNotFoundException {
    Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes.resolve("dev/freeport"))) {
      files.filter(f -> f.toString().endsWith(".class"))
          .forEach(f -> names.add(classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "")));
    }
    List<Class<?>> out = new ArrayList<>();
    for (String name : names) {
      Class<?> c = Class.forName(name, false, WrittenOutRecordMethodsTest.class.getClassLoader());
      if (c.isRecord() && (writtenOut(c, "equals", Object.class) || writtenOut(c, "hashCode"))) {
        out.add(c);
      }
    }
    return out;
  }

  private static boolean writtenOut(Class<?> c, String name, Class<?>... parameters) {
    try {
      Method m = c.getDeclaredMethod(name, parameters);
      return !Modifier.isFinal(m.getModifiers());
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /** An instance of {@code type} with the first test value in every component but {@code differing}. */
  private static Object make(Class<?> type, int differing) throws ReflectiveOperationException {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      values[i] = values(components[i].getGenericType()).get(i == differing ? 1 : 0);
    }
    Constructor<?> canonical = type.getDeclaredConstructor(types);
    canonical.setAccessible(true);
    return canonical.newInstance(values);
  }

  /** Two different values of {@code type}. */
  private static List<Object> values(Type type) throws ReflectiveOperationException {
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Object one = values(p.getActualTypeArguments()[0]).get(0);
      if (raw == List.class) {
        return List.of(List.of(), List.of(one));
      } else if (raw == Set.class) {
        return List.of(Set.of(), Set.of(one));
      } else if (raw == Optional.class) {
        return List.of(Optional.empty(), Optional.of(one));
      }
      type = raw;
    }
    Class<?> c = (Class<?>) type;
    if (c == int.class || c == Integer.class) {
      return List.of(1, 2);
    } else if (c == long.class || c == Long.class) {
      return List.of(1L, 2L);
    } else if (c == boolean.class || c == Boolean.class) {
      return List.of(false, true);
    } else if (c == double.class || c == Double.class) {
      return List.of(1.0, 2.0);
    } else if (c == String.class) {
      return List.of("a", "b");
    } else if (c == Duration.class) {
      return List.of(Duration.ofSeconds(1), Duration.ofSeconds(2));
    } else if (c == Instant.class) {
      return List.of(Instant.ofEpochSecond(1), Instant.ofEpochSecond(2));
    } else if (c.isEnum() && c.getEnumConstants().length > 1) {
      return List.of(c.getEnumConstants()[0], c.getEnumConstants()[1]);
    } else if (c.isRecord()) {
      return List.of(make(c, -1), make(c, 0));
    }
    throw new AssertionError("no test values for " + type + ": add two in values()");
  }
}
