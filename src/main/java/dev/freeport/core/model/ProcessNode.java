package dev.freeport.core.model;

import dev.freeport.core.safety.Verdict;
import java.util.List;
import java.util.stream.Stream;

/**
 * A process, whether it may be stopped, and the processes below it.
 *
 * @param info facts about the process
 * @param verdict whether the safety policy lets freeport stop it
 * @param children the processes it started, each with its own subtree
 */
public record ProcessNode(ProcessInfo info, Verdict verdict, List<ProcessNode> children) {

  public ProcessNode {
    children = List.copyOf(children);
  }

  /** This node and everything below it, parents first. */
  public Stream<ProcessNode> flatten() {
    return Stream.concat(Stream.of(this), children.stream().flatMap(ProcessNode::flatten));
  }
}
