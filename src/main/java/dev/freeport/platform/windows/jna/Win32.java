package dev.freeport.platform.windows.jna;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.WinDef;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/** Win32 calls jna-platform does not map (or maps without a result). */
interface Win32 {
  int WM_CLOSE = 0x0010;
  int CTRL_C_EVENT = 0;
  int CTRL_BREAK_EVENT = 1;

  interface User32W extends StdCallLibrary {
    User32W INSTANCE = Native.load("user32", User32W.class, W32APIOptions.DEFAULT_OPTIONS);

    /** Mapped with its result: jna-platform's PostMessage returns void and hides UIPI failures. */
    boolean PostMessageW(WinDef.HWND hwnd, int msg, WinDef.WPARAM w, WinDef.LPARAM l);
  }

  interface Console extends StdCallLibrary {
    Console INSTANCE = Native.load("kernel32", Console.class, W32APIOptions.DEFAULT_OPTIONS);

    boolean FreeConsole();

    boolean AttachConsole(int pid);

    /** A null handler with add=true makes this process ignore Ctrl+C. */
    boolean SetConsoleCtrlHandler(com.sun.jna.Pointer handler, boolean add);

    boolean GenerateConsoleCtrlEvent(int event, int processGroupId);
  }
}
