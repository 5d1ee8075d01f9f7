package dev.freeport.core.model;

/**
 * Why stopping a holder may not free its port, and what will.
 *
 * @param why one sentence, e.g. "it runs as the systemd service nginx.service"
 * @param instead the command or action that frees the port for good
 */
public record Advice(String why, String instead) {}
