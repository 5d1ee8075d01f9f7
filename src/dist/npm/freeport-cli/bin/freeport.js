#!/usr/bin/env node
// freeport for npm: on linux-x64 runs the self-contained runtime from the optional package
// freeport-cli-linux-x64; elsewhere runs lib/freeport.jar with Java 17 or newer (FREEPORT_JAVA,
// $JAVA_HOME/bin/java, or java on PATH), or says in one line what to install. No network, ever.
// freeport's exit code is this process's; Ctrl+C reaches freeport, which says what it had done.
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const args = process.argv.slice(2);
const win = process.platform === 'win32';
// JVM options meant for the user's Java applications would steer freeport's own JVM (e.g. take
// away its IPv6 check of a port) and print "Picked up ..." on stderr: not passed to it.
const env = { ...process.env };
for (const name of ['JAVA_TOOL_OPTIONS', 'JDK_JAVA_OPTIONS', '_JAVA_OPTIONS']) {
  for (const key of Object.keys(env)) {
    if (win ? key.toUpperCase() === name : key === name) delete env[key];
  }
}

function fail(message) {
  process.stderr.write(`freeport: ${message}\n`);
  process.exit(1);
}

function selfContained() {
  if (process.platform !== 'linux' || process.arch !== 'x64') return null;
  try {
    const dir = path.dirname(require.resolve('freeport-cli-linux-x64/package.json'));
    const launcher = path.join(dir, 'bin', 'freeport');
    return fs.existsSync(launcher) ? launcher : null;
  } catch (e) {
    return null;  // optional dependency not installed (e.g. --no-optional): use Java instead
  }
}

function onPath(name) {
  const exts = win ? (process.env.PATHEXT || '.EXE').split(';') : [''];
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    for (const ext of exts) {
      const file = path.join(dir, name + ext);
      try {
        if (fs.statSync(file).isFile()) return file;
      } catch (e) { /* not here */ }
    }
  }
  return null;
}

function installHint() {
  if (process.platform === 'darwin') return 'brew install openjdk@17';
  if (win) return 'winget install EclipseAdoptium.Temurin.17.JRE';
  return "sudo apt install openjdk-17-jre-headless, or your distribution's Java 17+ package";
}

// The major version from the JDK's release file, else from the JVM itself; null if it is not Java.
function javaVersion(java) {
  try {
    const home = path.dirname(path.dirname(fs.realpathSync(java)));
    const m = /^JAVA_VERSION="(\d+)/m.exec(fs.readFileSync(path.join(home, 'release'), 'utf8'));
    if (m) return Number(m[1]);
  } catch (e) { /* no release file: ask the JVM */ }
  const r = spawnSync(java, ['-XshowSettings:properties', '-version'], { encoding: 'utf8', timeout: 30000, env });
  const m = r.status === 0 && /java\.specification\.version = (?:1\.)?(\d+)/.exec(r.stderr || '');
  return m ? Number(m[1]) : null;
}

function javaCommand() {
  const exe = win ? 'java.exe' : 'java';
  let java = process.env.FREEPORT_JAVA;
  if (java && !java.includes(path.sep) && !java.includes('/')) java = onPath(java) || java;
  if (!java && process.env.JAVA_HOME) {
    const candidate = path.join(process.env.JAVA_HOME, 'bin', exe);
    if (fs.existsSync(candidate)) java = candidate;
  }
  if (!java) java = onPath('java');
  const hint = `install Java 17 or newer (e.g. ${installHint()}), or set JAVA_HOME or FREEPORT_JAVA`;
  if (!java || !fs.existsSync(java)) fail(`no java found: ${hint}`);
  const version = javaVersion(java);
  if (version === null) fail(`'${java}' does not run as Java: ${hint}`);
  if (version < 17) fail(`'${java}' is Java ${version}, too old: ${hint}`);
  const jar = path.join(__dirname, '..', 'lib', 'freeport.jar');
  // JDK 24+ warns when JNA calls native code unless allowed (-cp ignores the jar's manifest).
  const access = version >= 24 ? ['--enable-native-access=ALL-UNNAMED'] : [];
  return [java, [...access, '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xss1m', '-Xmn8m', '-cp', jar,
    'dev.freeport.Main', ...args]];
}

const launcher = selfContained();
const [command, commandArgs] = launcher ? [launcher, args] : javaCommand();
const child = spawn(command, commandArgs, { stdio: 'inherit', env });
// The terminal sends Ctrl+C to freeport too; it decides and reports. Termination is passed on.
const ignore = () => {};
process.on('SIGINT', ignore);
for (const signal of ['SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
child.on('error', (e) => fail(`cannot run ${command}: ${e.message}`));
child.on('exit', (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code);
});
