package dev.freeport.platform.windows.jna;

import com.sun.jna.platform.win32.W32ServiceManager;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.Winsvc;
import com.sun.jna.platform.win32.WinNT;
import dev.freeport.platform.windows.WindowsServices;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link WindowsServices} through the service manager: {@code EnumServicesStatusEx} at level
 * {@code SC_ENUM_PROCESS_INFO}, which gives each running service's process ID. Enumerating needs
 * only {@code SC_MANAGER_ENUMERATE_SERVICE}, which every user has. Loaded only on Windows.
 */
public final class JnaWindowsServices implements WindowsServices {

  @Override
  public List<Service> running() {
    List<Service> out = new ArrayList<>();
    try (W32ServiceManager scm = new W32ServiceManager(Winsvc.SC_MANAGER_ENUMERATE_SERVICE)) {
      for (Winsvc.ENUM_SERVICE_STATUS_PROCESS s
          : scm.enumServicesStatusExProcess(WinNT.SERVICE_WIN32, Winsvc.SERVICE_ACTIVE, null)) {
        int pid = s.ServiceStatusProcess.dwProcessId;
        if (pid > 0 && s.lpServiceName != null) {
          out.add(new Service(s.lpServiceName, s.lpDisplayName == null ? "" : s.lpDisplayName, pid));
        }
      }
    } catch (Win32Exception | UnsatisfiedLinkError e) {
      return List.of();
    }
    return out;
  }
}
