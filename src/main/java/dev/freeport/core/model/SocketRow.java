package dev.freeport.core.model;

import java.util.Optional;

/**
 * One row of a listing: a socket and one process that holds it.
 *
 * @param endpoint where the socket listens
 * @param process the holder; empty when the owner cannot be seen
 */
public record SocketRow(Endpoint endpoint, Optional<ProcessInfo> process) {}
