package ai.aegis.domain.execution;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one operation on an {@link ExecutionTree}: the tree afterwards and exactly the
 * executions the operation created or changed, the targeted execution first (when it changed),
 * then affected descendants in tree order. A repository persists {@code changed} atomically.
 */
public record TreeChange(ExecutionTree tree, List<Execution> changed) {

    public TreeChange {
        Objects.requireNonNull(tree, "tree");
        changed = List.copyOf(changed);
    }

    /** The changed execution with that id, if the operation changed it. */
    public Optional<Execution> find(ExecutionId id) {
        return changed.stream().filter(execution -> execution.id().equals(id)).findFirst();
    }

    public boolean isEmpty() {
        return changed.isEmpty();
    }
}
