package ai.aegis.domain.security;

import static ai.aegis.domain.conversation.ConversationMode.AGENTIC;
import static ai.aegis.domain.conversation.ConversationMode.ARCHITECT;
import static ai.aegis.domain.identity.AegisRole.ADMIN;
import static ai.aegis.domain.identity.AegisRole.OPERATOR;
import static ai.aegis.domain.identity.AegisRole.READONLY;
import static ai.aegis.domain.security.ToolAccess.AGENT_RUNTIME_ONLY;
import static ai.aegis.domain.security.ToolAccess.ALL_CONSUMER_TIERS;
import static ai.aegis.domain.security.ToolAccess.OPERATOR_ONLY;
import static ai.aegis.domain.security.ToolAccess.PAID_CONSUMER_TIERS;
import static ai.aegis.domain.security.ToolNature.DESTRUCTIVE;
import static ai.aegis.domain.security.ToolNature.EXECUTE;
import static ai.aegis.domain.security.ToolNature.MUTATE;
import static ai.aegis.domain.security.ToolNature.READ;

import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.identity.AegisRole;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every tool AEGIS knows, in one table (DESIGN.md §4). Each row says, for one tool:
 * <ul>
 *   <li>its family and nature (read / execute / mutate / destructive);</li>
 *   <li>which built-in contexts include it: all consumer tiers, paid tiers only (not Free), operator
 *       only, or agent runtime only ({@code access}); the operator context includes every consumer
 *       and operator-only tool; the {@code runtime} column marks the tools of
 *       {@code aegis-system-agent-runtime};</li>
 *   <li>the least operator role that may call it (readonly: read, list, stream; operator: deploy,
 *       manage, start/cancel, volumes; admin: configuration and user management);</li>
 *   <li>the conversation modes that admit it. Chat admits nothing; Operator mode admits every tool
 *       the operator context holds (so it is not repeated per row); Agentic: agents, tasks, tool
 *       discovery, volumes; Architect: workflows, schemas, agent discovery (list/search); Execute:
 *       {@code aegis.execute.*}, task status/wait/cancel/logs, volume list/quota.</li>
 * </ul>
 * Consequence of the literal §4 narrowing: {@code web.*}, {@code aegis.runtime.list} and
 * {@code aegis.audit.list} are in every consumer context but in no consumer mode, so only Operator
 * mode shows them.
 *
 * <p>The agent runtime's file-system tools are granted by the pattern {@code fs.*} limited to
 * {@code /workspace}; the {@code fs.*} rows list the concrete tools a node implements.
 */
public final class ToolCatalog {

    private static final boolean RUNTIME = true;
    private static final boolean NOT_RUNTIME = false;

    private static final Map<String, ToolDescriptor> TOOLS = new LinkedHashMap<>();

    static {
        // name                        nature       access               role      runtime      modes
        add("web.search",              READ,        ALL_CONSUMER_TIERS,  READONLY, RUNTIME);
        add("web.fetch",               READ,        ALL_CONSUMER_TIERS,  READONLY, RUNTIME);
        add("aegis.schema.get",        READ,        ALL_CONSUMER_TIERS,  READONLY, RUNTIME,     ARCHITECT);
        add("aegis.schema.validate",   READ,        ALL_CONSUMER_TIERS,  READONLY, RUNTIME,     ARCHITECT);
        add("aegis.agent.list",        READ,        ALL_CONSUMER_TIERS,  READONLY, RUNTIME,     AGENTIC, ARCHITECT);
        add("aegis.agent.search",      READ,        ALL_CONSUMER_TIERS,  READONLY, RUNTIME,     AGENTIC, ARCHITECT);
        add("aegis.agent.export",      READ,        ALL_CONSUMER_TIERS,  READONLY, RUNTIME,     AGENTIC);
        add("aegis.agent.generate",    MUTATE,      ALL_CONSUMER_TIERS,  OPERATOR, NOT_RUNTIME, AGENTIC);
        add("aegis.agent.logs",        READ,        ALL_CONSUMER_TIERS,  READONLY, RUNTIME,     AGENTIC);
        add("aegis.agent.wait",        READ,        ALL_CONSUMER_TIERS,  READONLY, RUNTIME,     AGENTIC);
        add("aegis.agent.create",      MUTATE,      OPERATOR_ONLY,       OPERATOR, NOT_RUNTIME, AGENTIC);
        add("aegis.agent.update",      MUTATE,      OPERATOR_ONLY,       OPERATOR, NOT_RUNTIME, AGENTIC);
        add("aegis.agent.delete",      DESTRUCTIVE, OPERATOR_ONLY,       OPERATOR, NOT_RUNTIME, AGENTIC);
        add("aegis.workflow.list",     READ,        ALL_CONSUMER_TIERS,  READONLY, RUNTIME,     ARCHITECT);
        add("aegis.workflow.search",   READ,        ALL_CONSUMER_TIERS,  READONLY, RUNTIME,     ARCHITECT);
        add("aegis.workflow.export",   READ,        ALL_CONSUMER_TIERS,  READONLY, RUNTIME,     ARCHITECT);
        add("aegis.workflow.run",      EXECUTE,     ALL_CONSUMER_TIERS,  OPERATOR, NOT_RUNTIME, ARCHITECT);
        add("aegis.workflow.generate", MUTATE,      ALL_CONSUMER_TIERS,  OPERATOR, NOT_RUNTIME, ARCHITECT);
        add("aegis.workflow.logs",     READ,        ALL_CONSUMER_TIERS,  READONLY, RUNTIME,     ARCHITECT);
        add("aegis.workflow.cancel",   EXECUTE,     ALL_CONSUMER_TIERS,  OPERATOR, NOT_RUNTIME, ARCHITECT);
        add("aegis.workflow.wait",     READ,        ALL_CONSUMER_TIERS,  READONLY, RUNTIME,     ARCHITECT);
        add("aegis.workflow.signal",   EXECUTE,     PAID_CONSUMER_TIERS, OPERATOR, NOT_RUNTIME, ARCHITECT);
        add("aegis.workflow.create",   MUTATE,      OPERATOR_ONLY,       OPERATOR, NOT_RUNTIME, ARCHITECT);
        add("aegis.workflow.update",   MUTATE,      OPERATOR_ONLY,       OPERATOR, NOT_RUNTIME, ARCHITECT);
        add("aegis.workflow.delete",   DESTRUCTIVE, OPERATOR_ONLY,       OPERATOR, NOT_RUNTIME, ARCHITECT);
        add("aegis.task.execute",      EXECUTE,     ALL_CONSUMER_TIERS,  OPERATOR, RUNTIME,     AGENTIC);
        add("aegis.task.status",       READ,        ALL_CONSUMER_TIERS,  READONLY, RUNTIME,     AGENTIC, ConversationMode.EXECUTE);
        add("aegis.task.list",         READ,        ALL_CONSUMER_TIERS,  READONLY, RUNTIME,     AGENTIC);
        add("aegis.task.wait",         READ,        ALL_CONSUMER_TIERS,  READONLY, RUNTIME,     AGENTIC, ConversationMode.EXECUTE);
        add("aegis.task.cancel",       EXECUTE,     ALL_CONSUMER_TIERS,  OPERATOR, NOT_RUNTIME, AGENTIC, ConversationMode.EXECUTE);
        add("aegis.task.logs",         READ,        ALL_CONSUMER_TIERS,  READONLY, RUNTIME,     AGENTIC, ConversationMode.EXECUTE);
        add("aegis.task.remove",       DESTRUCTIVE, OPERATOR_ONLY,       OPERATOR, NOT_RUNTIME, AGENTIC);
        add("aegis.execute.intent",    EXECUTE,     ALL_CONSUMER_TIERS,  OPERATOR, RUNTIME,     ConversationMode.EXECUTE);
        add("aegis.execute.status",    READ,        ALL_CONSUMER_TIERS,  READONLY, RUNTIME,     ConversationMode.EXECUTE);
        add("aegis.tools.list",        READ,        ALL_CONSUMER_TIERS,  READONLY, RUNTIME,     AGENTIC);
        add("aegis.tools.search",      READ,        ALL_CONSUMER_TIERS,  READONLY, RUNTIME,     AGENTIC);
        add("aegis.runtime.list",      READ,        ALL_CONSUMER_TIERS,  READONLY, RUNTIME);
        add("aegis.volume.create",     MUTATE,      ALL_CONSUMER_TIERS,  OPERATOR, NOT_RUNTIME, AGENTIC);
        add("aegis.volume.list",       READ,        ALL_CONSUMER_TIERS,  READONLY, RUNTIME,     AGENTIC, ConversationMode.EXECUTE);
        add("aegis.volume.delete",     DESTRUCTIVE, ALL_CONSUMER_TIERS,  OPERATOR, NOT_RUNTIME, AGENTIC);
        add("aegis.volume.quota",      READ,        ALL_CONSUMER_TIERS,  READONLY, NOT_RUNTIME, AGENTIC, ConversationMode.EXECUTE);
        add("aegis.volume.list_all",   READ,        OPERATOR_ONLY,       READONLY, NOT_RUNTIME);
        add("aegis.volume.purge",      DESTRUCTIVE, OPERATOR_ONLY,       OPERATOR, NOT_RUNTIME);
        add("aegis.audit.list",        READ,        ALL_CONSUMER_TIERS,  READONLY, NOT_RUNTIME);
        add("aegis.system.info",       READ,        OPERATOR_ONLY,       READONLY, NOT_RUNTIME);
        add("aegis.system.config",     MUTATE,      OPERATOR_ONLY,       ADMIN,    NOT_RUNTIME);
        add("aegis.user.list",         READ,        OPERATOR_ONLY,       READONLY, NOT_RUNTIME);
        add("aegis.user.get",          READ,        OPERATOR_ONLY,       READONLY, NOT_RUNTIME);
        add("aegis.user.update",       MUTATE,      OPERATOR_ONLY,       ADMIN,    NOT_RUNTIME);
        add("aegis.tenant.list",       READ,        OPERATOR_ONLY,       READONLY, NOT_RUNTIME);
        add("aegis.tenant.get",        READ,        OPERATOR_ONLY,       READONLY, NOT_RUNTIME);
        add("aegis.tenant.update",     MUTATE,      OPERATOR_ONLY,       ADMIN,    NOT_RUNTIME);
        add("fs.read",                 READ,        AGENT_RUNTIME_ONLY,  ADMIN,    RUNTIME);
        add("fs.list",                 READ,        AGENT_RUNTIME_ONLY,  ADMIN,    RUNTIME);
        add("fs.write",                MUTATE,      AGENT_RUNTIME_ONLY,  ADMIN,    RUNTIME);
        add("fs.delete",               DESTRUCTIVE, AGENT_RUNTIME_ONLY,  ADMIN,    RUNTIME);
        add("cmd.run",                 EXECUTE,     AGENT_RUNTIME_ONLY,  ADMIN,    RUNTIME);
    }

    private ToolCatalog() {
    }

    private static void add(String name, ToolNature nature, ToolAccess access, AegisRole role, boolean runtime,
            ConversationMode... modes) {
        EnumSet<ConversationMode> admitted = EnumSet.noneOf(ConversationMode.class);
        Collections.addAll(admitted, modes);
        if (access != AGENT_RUNTIME_ONLY) {
            admitted.add(ConversationMode.OPERATOR);
        }
        TOOLS.put(name, new ToolDescriptor(name, familyOf(name), nature, access, role, runtime, admitted));
    }

    private static ToolFamily familyOf(String name) {
        String[] segments = name.split("\\.");
        if (segments[0].equals("web")) {
            return ToolFamily.WEB;
        }
        if (segments[0].equals("fs")) {
            return ToolFamily.FILESYSTEM;
        }
        if (segments[0].equals("cmd")) {
            return ToolFamily.COMMAND;
        }
        return ToolFamily.valueOf(segments[1].toUpperCase(Locale.ROOT));
    }

    /** Every tool, in catalog order. */
    public static List<ToolDescriptor> all() {
        return List.copyOf(TOOLS.values());
    }

    /** The tool of that exact name, if AEGIS has one. */
    public static Optional<ToolDescriptor> find(String name) {
        return Optional.ofNullable(name == null ? null : TOOLS.get(name));
    }

    /** The names of the tools with the given access, in catalog order. */
    public static List<String> namesWithAccess(ToolAccess access) {
        List<String> names = new ArrayList<>();
        for (ToolDescriptor tool : TOOLS.values()) {
            if (tool.access() == access) {
                names.add(tool.name());
            }
        }
        return names;
    }

    /** The names of the tools an agent container may call (the agent-runtime context), in catalog order. */
    public static List<String> agentRuntimeNames() {
        List<String> names = new ArrayList<>();
        for (ToolDescriptor tool : TOOLS.values()) {
            if (tool.agentRuntime()) {
                names.add(tool.name());
            }
        }
        return names;
    }
}
