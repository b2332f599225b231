package ai.aegis.adapters.mcp;

import ai.aegis.application.port.in.GenerateManifestCommand;
import ai.aegis.application.port.in.GenerateManifestUseCase;
import ai.aegis.application.port.in.GeneratedManifest;
import ai.aegis.domain.registry.ManifestKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code aegis.agent.generate} and {@code aegis.workflow.generate}: the authoring loop, with each step
 * sent as an MCP progress notification (when the client asked for progress) and listed in the result.
 */
final class AuthoringToolHandlers {

    private final GenerateManifestUseCase generate;

    AuthoringToolHandlers(GenerateManifestUseCase generate) {
        this.generate = Objects.requireNonNull(generate, "generate");
    }

    void registerIn(McpToolRegistry registry) {
        registry.handle("aegis.agent.generate", call -> generate(call, ManifestKind.AGENT))
                .handle("aegis.workflow.generate", call -> generate(call, ManifestKind.WORKFLOW));
    }

    private Map<String, Object> generate(ToolCall call, ManifestKind kind) {
        String intent = call.text("intent");
        String request = call.optionalText("name").map(name -> intent + "\n\nName it '" + name + "'.").orElse(intent);
        AtomicInteger progress = new AtomicInteger();
        GeneratedManifest generated = generate.generate(new GenerateManifestCommand(call.caller().identity(), kind,
                request, sentence -> call.progress(progress.incrementAndGet(), sentence)));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("kind", kind.slug());
        result.put("name", generated.deployed().name().value());
        result.put("version", generated.deployed().version().toString());
        result.put("tenant", generated.deployed().tenantId().value());
        result.put("attempts", generated.attempts());
        result.put("steps", generated.steps());
        result.put("manifest", generated.deployed().manifest().document());
        result.put("next", "Run it with aegis." + (kind == ManifestKind.AGENT ? "task.execute {\"task\": …, \"agent\": \""
                : "workflow.run {\"name\": \"") + generated.deployed().name().value() + "\"}.");
        return result;
    }
}
