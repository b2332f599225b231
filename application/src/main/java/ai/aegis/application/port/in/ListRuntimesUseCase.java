package ai.aegis.application.port.in;

import java.util.List;

/**
 * {@code aegis.runtime.list}: the runtimes offered by live nodes that may run the caller's work
 * (a tenant with a dedicated node sees that node's runtimes only), sorted, without duplicates.
 */
public interface ListRuntimesUseCase {

    List<String> list(ListRuntimesQuery query);
}
