package ai.aegis.adapters.mcp;

import ai.aegis.application.port.in.ListManifestsQuery;
import ai.aegis.application.port.in.ListManifestsUseCase;
import ai.aegis.application.port.in.OperatorArguments;
import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.registry.ManifestKind;
import ai.aegis.domain.registry.ManifestPageRequest;
import ai.aegis.domain.registry.ManifestSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The agents and workflows of the caller's own registry, as context-panel items: agents where the
 * mode works with agents (Agentic, Architect's agent discovery, Operator, or no mode named),
 * workflows where it works with workflows (Architect, Operator, or no mode named). Each item's
 * parameter schema is what running it takes.
 */
final class RegistryPanelSource implements ContextPanel.Source {

    static final String AGENT_URI_PREFIX = "aegis://agent/";
    static final String WORKFLOW_URI_PREFIX = "aegis://workflow/";
    private static final int PANEL_SIZE = 50;
    private static final Map<String, Object> AGENT_PARAMETERS = Map.of("type", "object",
            "properties", Map.of("task", Map.of("type", "string", "description", "What the agent should do")),
            "required", List.of("task"));
    private static final Map<String, Object> WORKFLOW_PARAMETERS = Map.of("type", "object",
            "properties", Map.of("input", Map.of("type", "object", "description", "The workflow's input data")));

    private final ListManifestsUseCase manifests;

    RegistryPanelSource(ListManifestsUseCase manifests) {
        this.manifests = Objects.requireNonNull(manifests, "manifests");
    }

    @Override
    public List<ContextPanel.Item> items(Identity identity, Optional<ConversationMode> mode) {
        List<ContextPanel.Item> items = new ArrayList<>();
        boolean anyMode = mode.isEmpty() || mode.get() == ConversationMode.OPERATOR;
        if (anyMode || mode.get() == ConversationMode.AGENTIC || mode.get() == ConversationMode.ARCHITECT) {
            add(items, identity, ManifestKind.AGENT, AGENT_URI_PREFIX, AGENT_PARAMETERS);
        }
        if (anyMode || mode.get() == ConversationMode.ARCHITECT) {
            add(items, identity, ManifestKind.WORKFLOW, WORKFLOW_URI_PREFIX, WORKFLOW_PARAMETERS);
        }
        return items;
    }

    private void add(List<ContextPanel.Item> items, Identity identity, ManifestKind kind, String uriPrefix,
                     Map<String, Object> parameters) {
        for (ManifestSummary summary : manifests.list(new ListManifestsQuery(identity, kind,
                ManifestPageRequest.first(PANEL_SIZE), OperatorArguments.none())).items()) {
            String name = summary.name().value();
            items.add(new ContextPanel.Item(uriPrefix + name, kind.slug(), name, name + " " + summary.latestVersion(),
                    summary.description(), parameters));
        }
    }
}
