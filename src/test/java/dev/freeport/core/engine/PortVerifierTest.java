package dev.freeport.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.freeport.core.model.BindCheck;
import dev.freeport.core.model.BindSemantics;
import dev.freeport.core.model.Endpoint;
import dev.freeport.core.model.ListeningSocket;
import dev.freeport.core.model.Protocol;
import dev.freeport.core.port.BindProbe.Failure;
import dev.freeport.testing.ScriptedHost;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Promise 3's rules against scripted binds: which endpoints, and what each failure means, in any language. */
class PortVerifierTest {
  static final Set<Protocol> TCP = EnumSet.of(Protocol.TCP);
  static final Set<Protocol> BOTH = EnumSet.allOf(Protocol.class);
  final ScriptedHost host = new ScriptedHost();
  final PortVerifier linux = new PortVerifier(host, BindSemantics.WILDCARD_COVERS_ALL);

  static Endpoint tcp(String address, int port) {
    return new Endpoint(Protocol.TCP, address, port);
  }

  static Failure bindFailure(String message) {
    return new Failure("java.net.BindException", message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Address already in use", "Die Adresse wird bereits verwendet",
      "주소가 이미 사용 중입니다", "アドレスは既に使用中です", "Adresse déjà utilisée", "Address already in use: bind"})
  void inUseIsRecognisedInEveryLanguageByProvokingIt(String message) {
    host.inUseMessage = message;
    host.blockWithoutHolder(tcp("0.0.0.0", 8080));
    BindCheck c = linux.check(8080, TCP);
    assertEquals(new BindCheck.InUse(tcp("0.0.0.0", 8080)), c);
    assertTrue(!c.free());
  }

  @Test
  void wordsInAMessageDecideNothing() {
    host.inUseMessage = "Die Adresse wird bereits verwendet";
    host.failures.put(tcp("0.0.0.0", 8080), bindFailure("Address already in use"));
    BindCheck c = linux.check(8080, TCP);
    assertInstanceOf(BindCheck.Unverified.class, c, "an English 'in use' under a German C library is not the in-use failure");
  }

  @Test
  void thePortIsFreeOnlyWhenEveryEndpointAServerBindsWasBound() {
    assertEquals(new BindCheck.Bound(), linux.check(8080, BOTH));
    assertEquals(List.of(tcp("0.0.0.0", 8080), tcp("::", 8080), new Endpoint(Protocol.UDP, "0.0.0.0", 8080),
        new Endpoint(Protocol.UDP, "::", 8080)), host.binds);
  }

  @Test
  void socketsInTheTablesHoldThePortWithoutABind() {
    BindCheck c = linux.check(8080, TCP, List.of(new ListeningSocket(tcp("127.0.0.1", 8080), List.of(7L))), List.of());
    assertEquals(new BindCheck.Held(), c);
    assertEquals(List.of(), host.binds);
  }

  @Test
  void theEndpointsAPortWasFoundOnAreBoundAgainFirst() {
    assertEquals(List.of(tcp("10.1.2.3", 8080), tcp("0.0.0.0", 8080), tcp("::", 8080)),
        linux.endpoints(8080, TCP, List.of(tcp("10.1.2.3", 8080))));
  }

  @Test
  void thePlatformsInUseFailureIsLearnedOnceOnLoopback() {
    host.blockWithoutHolder(tcp("0.0.0.0", 8080));
    host.blockWithoutHolder(tcp("0.0.0.0", 8081));
    linux.check(8080, TCP);
    linux.check(8081, TCP);
    assertEquals(1, host.binds.stream().filter(e -> e.address().equals("127.0.0.1") && e.port() != 0).count(),
        "one provoking bind per protocol, none per port: " + host.binds);
  }

  @Test
  void aPortBelow1024ThatOnlyRootMayBindIsUnverifiedNeverFree() {
    host.failures.put(tcp("0.0.0.0", 80), bindFailure("Permission denied"));
    BindCheck c = linux.check(80, TCP);
    BindCheck.Unverified u = assertInstanceOf(BindCheck.Unverified.class, c);
    assertTrue(u.why().contains("below 1024") && u.why().contains("Permission denied"), u.why());
  }

  @Test
  void aJvmThatCannotBindIpv6CannotSayAPortIsFree() {
    host.restrictIpv6 = true;
    BindCheck.Unverified u = assertInstanceOf(BindCheck.Unverified.class, linux.check(8080, TCP));
    assertEquals(tcp("::", 8080), u.endpoint());
    assertTrue(u.why().contains("preferIPv4Stack"), u.why());
  }

  @Test
  void inUseWinsOverUnverified() {
    host.restrictIpv6 = true;
    host.failures.put(tcp("0.0.0.0", 8080), bindFailure(host.inUseMessage));
    assertEquals(new BindCheck.InUse(tcp("0.0.0.0", 8080)), linux.check(8080, TCP));
  }

  @Test
  void aFamilyTheHostHasTurnedOffHoldsNothing() {
    host.failures.put(tcp("::", -1), new Failure("java.net.SocketException", "Address family not supported by protocol"));
    assertEquals(new BindCheck.Bound(), linux.check(8080, TCP), "no IPv6 on this host: nothing can hold [::]:8080");
  }

  @Test
  void anAddressNoLongerOnThisHostHoldsNothing() {
    host.failures.put(tcp("10.9.9.9", -1), bindFailure("Cannot assign requested address"));
    assertEquals(new BindCheck.Bound(), linux.check(8080, TCP, List.of(), List.of(tcp("10.9.9.9", 8080))));
  }

  @Test
  void whenNothingCanBeBoundAtAllThePortIsUnverified() {
    Failure emfile = new Failure("java.net.SocketException", "Too many open files");
    for (String a : List.of("0.0.0.0", "::", "127.0.0.1", "::1")) {
      host.failures.put(tcp(a, -1), emfile);
    }
    BindCheck.Unverified u = assertInstanceOf(BindCheck.Unverified.class, linux.check(8080, TCP));
    assertTrue(u.why().contains("cannot bind any socket"), u.why());
  }

  @Test
  void whenInUseCannotBeProvokedNoFailureCountsAsFree() {
    host.failures.put(tcp("127.0.0.1", -1), bindFailure("Cannot assign requested address"));
    host.failures.put(tcp("::1", -1), bindFailure("Cannot assign requested address"));
    host.blockWithoutHolder(tcp("0.0.0.0", 8080));
    assertInstanceOf(BindCheck.Unverified.class, linux.check(8080, TCP));
  }

  /** macOS: with SO_REUSEADDR, 0.0.0.0:P binds beside another user's listener on 127.0.0.1:P. */
  @Test
  void onMacOsTheLoopbackAddressesAreBoundToo() {
    host.failures.put(tcp("127.0.0.1", 5000), bindFailure(host.inUseMessage));
    assertEquals(new BindCheck.Bound(), linux.check(5000, TCP), "Linux refuses the wildcard itself; no loopback bind");
    PortVerifier mac = new PortVerifier(host, BindSemantics.SPECIFIC_MAY_HIDE);
    assertEquals(new BindCheck.InUse(tcp("127.0.0.1", 5000)), mac.check(5000, TCP));
    assertEquals(List.of(tcp("0.0.0.0", 5000), tcp("::", 5000), tcp("127.0.0.1", 5000), tcp("::1", 5000)),
        mac.endpoints(5000, TCP, List.of()));
  }
}
