package ai.aegis.domain.registry;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.seal.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One named state of a workflow. An {@link AgentStep} runs an agent of the same tenant and moves on
 * when it completes (or fails); a {@link HumanInput} waits for a signal carrying a person's input
 * (optionally until a timeout); an {@link End} finishes the run with an outcome. Transition targets
 * are state names of the same workflow; the workflow checks that they exist.
 */
public sealed interface WorkflowState permits WorkflowState.AgentStep, WorkflowState.HumanInput, WorkflowState.End {

    /** The states this one may move to, in the order they are declared. */
    List<String> targets();

    /** This state as a JSON object in the manifest format. */
    JsonValue.JsonObject toJson();

    /** Runs agent {@code agent} (its latest version, or {@code agentVersion}) with an optional input text. */
    record AgentStep(ManifestName agent, Optional<ManifestVersion> agentVersion, Optional<String> input,
            String onCompleted, Optional<String> onFailed) implements WorkflowState {

        public AgentStep {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(agentVersion, "agentVersion");
            Objects.requireNonNull(input, "input");
            input.ifPresent(i -> ManifestText.require(i, ManifestText.INPUT_MAX, "the step input"));
            Objects.requireNonNull(onCompleted, "onCompleted");
            Objects.requireNonNull(onFailed, "onFailed");
        }

        @Override
        public List<String> targets() {
            List<String> targets = new ArrayList<>();
            targets.add(onCompleted);
            onFailed.ifPresent(targets::add);
            return targets;
        }

        @Override
        public JsonValue.JsonObject toJson() {
            Map<String, JsonValue> m = new LinkedHashMap<>();
            m.put("type", JsonValue.string("agent"));
            m.put("agent", JsonValue.string(agent.value()));
            agentVersion.ifPresent(v -> m.put("agent_version", JsonValue.string(v.toString())));
            input.ifPresent(i -> m.put("input", JsonValue.string(i)));
            Map<String, JsonValue> t = new LinkedHashMap<>();
            t.put("completed", JsonValue.string(onCompleted));
            onFailed.ifPresent(f -> t.put("failed", JsonValue.string(f)));
            m.put("transitions", new JsonValue.JsonObject(t));
            return new JsonValue.JsonObject(m);
        }
    }

    /**
     * Waits for a person: the run pauses here until a signal brings input (checked against
     * {@code inputSchema} when given), then moves to {@code onSignal}; with a timeout, it moves to
     * {@code onTimeout} when no signal came in time. A timeout and its transition come together.
     */
    record HumanInput(String prompt, Optional<JsonValue.JsonObject> inputSchema, OptionalLong timeoutSeconds,
            String onSignal, Optional<String> onTimeout) implements WorkflowState {

        /** Thirty days: the longest a run may wait for a person. */
        public static final long MAX_TIMEOUT_SECONDS = 30L * 24 * 3600;

        public HumanInput {
            ManifestText.require(prompt, ManifestText.PROMPT_MAX, "the prompt");
            Objects.requireNonNull(inputSchema, "inputSchema");
            Objects.requireNonNull(timeoutSeconds, "timeoutSeconds");
            Objects.requireNonNull(onSignal, "onSignal");
            Objects.requireNonNull(onTimeout, "onTimeout");
            timeoutSeconds.ifPresent(s -> {
                if (s < 1 || s > MAX_TIMEOUT_SECONDS) {
                    throw new InvalidInputException("manifest.invalid",
                            "the timeout must be between 1 and " + MAX_TIMEOUT_SECONDS + " seconds");
                }
            });
            if (timeoutSeconds.isPresent() != onTimeout.isPresent()) {
                throw new InvalidInputException("manifest.invalid",
                        "a human-input state with a timeout needs a timeout transition, and only then");
            }
        }

        @Override
        public List<String> targets() {
            List<String> targets = new ArrayList<>();
            targets.add(onSignal);
            onTimeout.ifPresent(targets::add);
            return targets;
        }

        @Override
        public JsonValue.JsonObject toJson() {
            Map<String, JsonValue> m = new LinkedHashMap<>();
            m.put("type", JsonValue.string("human_input"));
            m.put("prompt", JsonValue.string(prompt));
            inputSchema.ifPresent(s -> m.put("input_schema", s));
            timeoutSeconds.ifPresent(s -> m.put("timeout_seconds", JsonValue.number(s)));
            Map<String, JsonValue> t = new LinkedHashMap<>();
            t.put("signal", JsonValue.string(onSignal));
            onTimeout.ifPresent(f -> t.put("timeout", JsonValue.string(f)));
            m.put("transitions", new JsonValue.JsonObject(t));
            return new JsonValue.JsonObject(m);
        }
    }

    /** Ends the run: {@code succeeded} or {@code failed}. */
    record End(Outcome outcome) implements WorkflowState {

        public End {
            Objects.requireNonNull(outcome, "outcome");
        }

        @Override
        public List<String> targets() {
            return List.of();
        }

        @Override
        public JsonValue.JsonObject toJson() {
            Map<String, JsonValue> m = new LinkedHashMap<>();
            m.put("type", JsonValue.string("end"));
            m.put("outcome", JsonValue.string(outcome.slug()));
            return new JsonValue.JsonObject(m);
        }
    }

    /** How a run that reaches an {@link End} state finishes. */
    enum Outcome {
        SUCCEEDED("succeeded"),
        FAILED("failed");

        private final String slug;

        Outcome(String slug) {
            this.slug = slug;
        }

        public String slug() {
            return slug;
        }

        /** The outcome named {@code slug} exactly, or empty. */
        public static Optional<Outcome> fromSlug(String slug) {
            for (Outcome o : values()) {
                if (o.slug.equals(slug)) {
                    return Optional.of(o);
                }
            }
            return Optional.empty();
        }
    }
}
