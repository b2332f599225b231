package ai.aegis.application.port.in;

/**
 * Removes a finished execution tree's records (every member and its iteration history) from its
 * tenant; refused while any member is Pending or Running. Needs the operator role; audited.
 */
public interface RemoveExecutionUseCase {

    RemovedExecutionTree remove(RemoveExecutionCommand command);
}
