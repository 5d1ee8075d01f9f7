@echo off
rem freeport for Windows, from cmd or PowerShell: runs lib\freeport.jar with Java 17 or newer,
rem found as FREEPORT_JAVA, %%JAVA_HOME%%\bin\java.exe or java.exe on PATH. Arguments go to
rem freeport as they came (%%* once, delayed expansion off, so %%, ^, & and ! inside quoted
rem arguments are not touched); freeport's exit code is this script's.
setlocal EnableExtensions DisableDelayedExpansion
rem JVM options meant for the user's Java applications would steer freeport's own JVM (e.g. take
rem away its IPv6 check of a port) and print "Picked up ..." on stderr: not for this JVM.
set "JAVA_TOOL_OPTIONS="
set "JDK_JAVA_OPTIONS="
set "_JAVA_OPTIONS="
set "FREEPORT_JAR=%~dp0..\lib\freeport.jar"
set "FREEPORT_JAVACMD="
if defined FREEPORT_JAVA goto fromVariable
if not defined JAVA_HOME goto fromPath
set "FREEPORT_JAVACMD=%JAVA_HOME%\bin\java.exe"
if exist "%FREEPORT_JAVACMD%" goto run
>&2 echo freeport: JAVA_HOME is "%JAVA_HOME%", which has no bin\java.exe: point it at Java 17 or newer, or set FREEPORT_JAVA
exit /b 1

:fromVariable
set "FREEPORT_JAVACMD=%FREEPORT_JAVA%"
if exist "%FREEPORT_JAVACMD%" goto run
for %%J in ("%FREEPORT_JAVA%") do set "FREEPORT_JAVACMD=%%~$PATH:J"
if defined FREEPORT_JAVACMD goto run
>&2 echo freeport: FREEPORT_JAVA is "%FREEPORT_JAVA%", which was not found: point it at java.exe of Java 17 or newer
exit /b 1

:fromPath
for %%J in (java.exe) do set "FREEPORT_JAVACMD=%%~$PATH:J"
if defined FREEPORT_JAVACMD goto run
>&2 echo freeport: no java found: install Java 17 or newer (e.g. winget install EclipseAdoptium.Temurin.17.JRE), or set JAVA_HOME or FREEPORT_JAVA
exit /b 1

:run
"%FREEPORT_JAVACMD%" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m -Xmn8m -cp "%FREEPORT_JAR%" dev.freeport.Main %*
exit /b %ERRORLEVEL%
