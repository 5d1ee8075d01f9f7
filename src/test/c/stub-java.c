/*
 * A stand-in java.exe for testing bin\freeport.cmd under Wine: appends its arguments, as the C
 * runtime split them (the rules java.exe follows), to the file named by STUB_LOG, one per line
 * in UTF-8 after a line EXE <its own path> and a line ENV <name>=<value> for each of the JVM's
 * option variables that is set, and exits with STUB_EXIT (default 0).
 * Built by WindowsLauncherIT with x86_64-w64-mingw32-gcc -municode.
 */
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>
#include <windows.h>

int wmain(int argc, wchar_t **argv) {
  const wchar_t *log = _wgetenv(L"STUB_LOG");
  const wchar_t *code = _wgetenv(L"STUB_EXIT");
  FILE *out = log ? _wfopen(log, L"wb") : NULL;
  if (out) {
    wchar_t self[1024];
    char buf[8192];
    GetModuleFileNameW(NULL, self, 1024);
    WideCharToMultiByte(65001, 0, self, -1, buf, sizeof buf, NULL, NULL);
    fprintf(out, "EXE %s\n", buf);
    const wchar_t *jvm_options[] = {L"JAVA_TOOL_OPTIONS", L"JDK_JAVA_OPTIONS", L"_JAVA_OPTIONS"};
    for (int i = 0; i < 3; i++) {
      const wchar_t *value = _wgetenv(jvm_options[i]);
      if (value) {
        char name[64];
        WideCharToMultiByte(65001, 0, jvm_options[i], -1, name, sizeof name, NULL, NULL);
        WideCharToMultiByte(65001, 0, value, -1, buf, sizeof buf, NULL, NULL);
        fprintf(out, "ENV %s=%s\n", name, buf);
      }
    }
    for (int i = 1; i < argc; i++) {
      int n = WideCharToMultiByte(65001, 0, argv[i], -1, buf, sizeof buf, NULL, NULL);
      if (n > 0) fputs(buf, out);
      fputs("\n", out);
    }
    fclose(out);
  }
  return code ? _wtoi(code) : 0;
}
