package dev.freeport.cli;

import dev.freeport.core.Freeport;
import dev.freeport.core.model.PortSet;
import dev.freeport.core.model.Protocol;
import dev.freeport.render.PickList;
import dev.freeport.render.Terminal;
import dev.freeport.render.Terminal.Key;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * {@code freeport} with no PORT on a terminal: a full-screen list of listening ports to pick
 * from. Type to filter, Up/Down to move, Space to mark several, Enter to go on with the marked
 * ports (or the current one), Esc or Ctrl+C to leave with nothing touched. The list is read
 * again every second, so listeners that come and go show.
 */
final class Picker {
  private static final long REFRESH_MILLIS = 1000;
  private final Freeport freeport;
  private final Set<Protocol> protocols;
  private final Terminal style;

  Picker(Freeport freeport, Set<Protocol> protocols, Terminal style) {
    this.freeport = freeport;
    this.protocols = protocols;
    this.style = style;
  }

  /** The ports picked, or empty when the user left without picking. */
  Optional<PortSet> pick() throws IOException {
    Terminal.Screen opened;
    try {
      opened = Terminal.openScreen();
    } catch (IOException | IllegalStateException e) {
      throw new CliException(ExitCode.USAGE, "this terminal cannot run the picker (" + e.getMessage()
          + "); give a PORT, e.g. 'freeport 8080', or use 'freeport list'");
    }
    try (Terminal.Screen screen = opened) {
      PickList list = new PickList(read());
      long refreshed = System.nanoTime();
      while (true) {
        screen.show(list.render(screen.width(), screen.height(), style));
        long left = REFRESH_MILLIS - (System.nanoTime() - refreshed) / 1_000_000;
        Key key = left <= 0 ? Key.Special.TIMEOUT : screen.read(left);
        if (key instanceof Key.Text t) {
          list.type(t.c());
        } else if (key == Key.Special.TIMEOUT) {
          list.refresh(read());
          refreshed = System.nanoTime();
        } else if (key == Key.Special.UP) {
          list.move(-1);
        } else if (key == Key.Special.DOWN) {
          list.move(1);
        } else if (key == Key.Special.PAGE_UP) {
          list.move(-Math.max(1, screen.height() - 4));
        } else if (key == Key.Special.PAGE_DOWN) {
          list.move(Math.max(1, screen.height() - 4));
        } else if (key == Key.Special.BACKSPACE) {
          list.backspace();
        } else if (key == Key.Special.SPACE) {
          list.toggle();
          list.move(1);
        } else if (key == Key.Special.ENTER && !list.chosen().isEmpty()) {
          return Optional.of(list.chosen());
        } else if (key == Key.Special.ESCAPE || key == Key.Special.INTERRUPT || key == Key.Special.CLOSED) {
          return Optional.empty();
        }
      }
    }
  }

  private java.util.List<PickList.Row> read() {
    return PickList.rows(freeport.list(protocols, PortSet.all()), Instant.now());
  }
}
