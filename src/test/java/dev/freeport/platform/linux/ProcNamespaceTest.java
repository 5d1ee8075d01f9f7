package dev.freeport.platform.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.port.UnusableHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ProcNamespace on /proc/self links and status files as the kernel writes them. */
class ProcNamespaceTest {
  private static final String OWN = "Name:\tjava\nUmask:\t0022\nState:\tR (running)\nTgid:\t4242\nNgid:\t0\n"
      + "Pid:\t4242\nPPid:\t4200\nTracerPid:\t0\nNSpid:\t4242\nNSpgid:\t4242\nNSsid:\t4200\nVmPeak:\t  1000 kB\n";
  /** After unshare -p -f without --mount-proc: PID 15219 outside, 3 inside. */
  private static final String NESTED = "Name:\tjava\nPid:\t15219\nPPid:\t15218\nNSpid:\t15219\t3\nNSpgid:\t15217\t0\n";
  /** A kernel before 4.1: no NSpid line. */
  private static final String OLD_KERNEL = "Name:\tjava\nTgid:\t4242\nPid:\t4242\nPPid:\t1\n";

  /** A real pid that fails the test if it is asked for. */
  private static final class NotAsked implements LongSupplier {
    @Override
    public long getAsLong() {
      throw new AssertionError("NSpid answers; the JDK is not asked");
    }
  }

  private static LongSupplier real(long pid) {
    return new LongSupplier() {
      @Override
      public long getAsLong() {
        return pid;
      }
    };
  }

  @Test
  void nspidIsEveryFieldOfItsLine() {
    assertArrayEquals(new long[] {4242}, ProcNamespace.nspid(OWN));
    assertArrayEquals(new long[] {15219, 3}, ProcNamespace.nspid(NESTED));
    assertArrayEquals(new long[] {7, 1}, ProcNamespace.nspid("NSpid:\t7\t1"));
    assertArrayEquals(new long[0], ProcNamespace.nspid(OLD_KERNEL));
    assertArrayEquals(new long[0], ProcNamespace.nspid("NSpid:\t\n"));
    assertArrayEquals(new long[0], ProcNamespace.nspid("NSpid:\t12\tx\n"));
    assertArrayEquals(new long[0], ProcNamespace.nspid("XNSpid:\t12\n"));
  }

  @Test
  void ownProcPasses() {
    assertEquals(Optional.empty(), ProcNamespace.mismatch("4242", Optional.of(OWN), new NotAsked()));
    assertEquals(Optional.empty(), ProcNamespace.mismatch("4242", Optional.of(OLD_KERNEL), real(4242)));
    assertEquals(Optional.empty(), ProcNamespace.mismatch("4242", Optional.empty(), real(4242)));
  }

  @Test
  void procOfAnOuterNamespaceIsRefusedWithBothPids() {
    Optional<String> why = ProcNamespace.mismatch("15219", Optional.of(NESTED), new NotAsked());
    assertTrue(why.isPresent());
    assertTrue(why.get().contains("PID 3 here, PID 15219 in /proc"), why.get());
    assertTrue(why.get().contains("--mount-proc"), why.get());
    assertFalse(why.get().contains("\n"), why.get());
    // Without NSpid the JDK's pid decides.
    assertTrue(ProcNamespace.mismatch("4242", Optional.of(OLD_KERNEL), real(3)).isPresent());
    // NSpid with one field that is not /proc/self's PID: not this namespace's either.
    assertTrue(ProcNamespace.mismatch("4243", Optional.of(OWN), new NotAsked()).isPresent());
  }

  @Test
  void notAProcfsIsNotJudged() {
    assertEquals(Optional.empty(), ProcNamespace.mismatch("self", Optional.empty(), new NotAsked()));
    assertEquals(Optional.empty(), ProcNamespace.mismatch("", Optional.of(NESTED), new NotAsked()));
  }

  @Test
  void checkReadsTheLinkAndTheStatus(@TempDir Path proc) throws Exception {
    ProcNamespace.check(proc); // empty folder: not a procfs, nothing to judge
    Files.createDirectories(proc.resolve("1"));
    UnusableHostException hidden = assertThrows(UnusableHostException.class, () -> ProcNamespace.check(proc));
    assertTrue(hidden.getMessage().contains("no " + proc + "/self"), hidden.getMessage());

    Files.createDirectories(proc.resolve("15219"));
    Files.writeString(proc.resolve("15219/status"), NESTED);
    Files.createSymbolicLink(proc.resolve("self"), Path.of("15219"));
    UnusableHostException nested = assertThrows(UnusableHostException.class, () -> ProcNamespace.check(proc));
    assertTrue(nested.getMessage().contains("PID 3 here"), nested.getMessage());

    Files.writeString(proc.resolve("15219/status"), NESTED.replace("NSpid:\t15219\t3", "NSpid:\t15219"));
    ProcNamespace.check(proc);
  }

  @Test
  void thisMachinesProcIsThisNamespaces() {
    ProcNamespace.check(Path.of("/proc"));
  }
}
