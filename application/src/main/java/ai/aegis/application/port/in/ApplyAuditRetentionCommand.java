package ai.aegis.application.port.in;

/** Asks for one retention run over every tenant; the time comes from the service's clock. */
public record ApplyAuditRetentionCommand() {
}
