package ai.aegis.application.port.in;

/**
 * Records a refusal that an edge decided itself (for example an MCP session used by an identity
 * that did not open it), so that every denied call is in the audit trail, wherever it was denied.
 */
public interface RecordRefusalUseCase {

    void record(RecordRefusalCommand command);
}
