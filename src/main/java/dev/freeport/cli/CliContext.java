package dev.freeport.cli;

import dev.freeport.core.Freeport;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Everything a command reads from or writes to the outside world, passed in so that every CLI
 * test is an in-process call.
 *
 * @param out results
 * @param err prompts, progress, hints and errors
 * @param in answers to the prompt
 * @param env environment variables (NO_COLOR, COLUMNS, TERM)
 * @param stdinTerminal whether stdin is a terminal (a person can answer)
 * @param stdoutTerminal whether stdout is a terminal (colour, width)
 * @param stderrTerminal whether stderr is a terminal (the live status line)
 * @param freeport the engine on this operating system, created when a command needs it
 */
public record CliContext(
    PrintStream out,
    PrintStream err,
    InputStream in,
    Map<String, String> env,
    boolean stdinTerminal,
    boolean stdoutTerminal,
    boolean stderrTerminal,
    Supplier<Freeport> freeport) {}
