package ai.aegis.domain.security;

/** The group a tool belongs to, by the second segment of its name ({@code aegis.agent.*} → AGENT). */
public enum ToolFamily {
    WEB, SCHEMA, AGENT, WORKFLOW, TASK, EXECUTE, TOOLS, RUNTIME, VOLUME, AUDIT, SYSTEM, USER, TENANT, FILESYSTEM, COMMAND
}
