package dev.freeport.platform.windows;

import java.util.List;

/**
 * The running Windows services and the processes they run in, from the service manager
 * ({@code EnumServicesStatusEx} with {@code SERVICE_STATUS_PROCESS}); a scripted implementation
 * stands in for it in tests.
 */
public interface WindowsServices {
  /** Asks nothing: no service is known. */
  WindowsServices NONE = List::of;

  /**
   * A running service.
   *
   * @param name its key name, what {@code sc stop} takes ({@code WinRM})
   * @param displayName its display name ({@code Windows Remote Management (WS-Management)})
   * @param pid the process it runs in; several services may share one svchost
   */
  record Service(String name, String displayName, long pid) {}

  /** Every running Win32 service; empty when the service manager cannot be asked. */
  List<Service> running();
}
