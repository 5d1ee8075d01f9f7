package dev.freeport.core.model;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A process, whether it may be stopped, and the processes below it.
 *
 * @param info facts about the process
 * @param verdict whether the safety policy lets freeport stop it
 * @param children the processes it started, each with its own subtree
 * @param advice for a holder, why stopping it may not free the port and what will
 */
public record ProcessNode(ProcessInfo info, Verdict verdict, List<ProcessNode> children, Optional<Advice> advice) {

  public ProcessNode {
    children = List.copyOf(children);
  }

  public ProcessNode(ProcessInfo info, Verdict verdict, List<ProcessNode> children) {
    this(info, verdict, children, Optional.empty());
  }

  /** This node and everything below it, parents first. */
  public Stream<ProcessNode> flatten() {
    return Stream.concat(Stream.of(this), children.stream().flatMap(ProcessNode::flatten));
  }
}
