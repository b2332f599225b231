package ai.aegis.domain.registry;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.seal.JsonValue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A workflow: named states (see {@link WorkflowState}) and the state a run starts in. Invariants: at
 * most {@value #MAX_STATES} states with valid names; the initial state exists; every transition
 * names an existing state; at least one state ends the run; every state can be reached from the
 * initial one (an unreachable state is almost always a typo in a transition).
 */
public record WorkflowManifest(
        ManifestName name,
        ManifestVersion version,
        String description,
        String initialState,
        Map<String, WorkflowState> states) implements Manifest {

    public static final int MAX_STATES = 100;
    public static final int STATE_NAME_MAX = 63;
    static final String STATE_NAME_REGEX = "[a-z][a-z0-9_-]*";
    private static final Pattern STATE_NAME = Pattern.compile(STATE_NAME_REGEX);

    public WorkflowManifest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        ManifestText.require(description, ManifestText.DESCRIPTION_MAX, "the description");
        Objects.requireNonNull(initialState, "initialState");
        Objects.requireNonNull(states, "states");
        Map<String, WorkflowState> copy = new LinkedHashMap<>();
        for (Map.Entry<String, WorkflowState> e : states.entrySet()) {
            copy.put(Objects.requireNonNull(e.getKey(), "state name"), Objects.requireNonNull(e.getValue(), "state"));
        }
        states = Collections.unmodifiableMap(copy);
        if (states.isEmpty() || states.size() > MAX_STATES) {
            throw new InvalidInputException("manifest.invalid", "a workflow has between 1 and " + MAX_STATES + " states");
        }
        for (String state : states.keySet()) {
            stateNameProblem(state).ifPresent(p -> {
                throw new InvalidInputException("manifest.invalid", "the state name " + state + " " + p);
            });
        }
        List<FieldError> problems = graphProblems(initialState, states);
        if (!problems.isEmpty()) {
            throw new InvalidInputException("manifest.invalid", problems.get(0).toString());
        }
    }

    @Override
    public ManifestKind kind() {
        return ManifestKind.WORKFLOW;
    }

    @Override
    public WorkflowManifest withVersion(ManifestVersion newVersion) {
        return new WorkflowManifest(name, newVersion, description, initialState, states);
    }

    /** What is wrong with a state name, in words that follow the name, or empty. */
    static Optional<String> stateNameProblem(String state) {
        if (state.isEmpty() || state.length() > STATE_NAME_MAX || !STATE_NAME.matcher(state).matches()) {
            return Optional.of("must start with a lower-case letter and hold only lower-case letters, digits, "
                    + "hyphens and underscores (at most " + STATE_NAME_MAX + " characters)");
        }
        return Optional.empty();
    }

    /**
     * The problems of the state graph, each pointing at its field: the initial state must exist, every
     * transition must name a state, one state must end the run, and every state must be reachable
     * (checked only when nothing else is wrong, so one typo does not also report every state behind it).
     */
    static List<FieldError> graphProblems(String initialState, Map<String, WorkflowState> states) {
        List<FieldError> problems = new ArrayList<>();
        if (!states.containsKey(initialState)) {
            problems.add(new FieldError("/initial_state", "names the state '" + initialState
                    + "', which the workflow does not define"));
        }
        boolean hasEnd = false;
        for (Map.Entry<String, WorkflowState> e : states.entrySet()) {
            WorkflowState state = e.getValue();
            if (state instanceof WorkflowState.End) {
                hasEnd = true;
            }
            String transitions = FieldError.child(FieldError.child("/states", e.getKey()), "transitions");
            List<String> events = eventsOf(state);
            List<String> targets = state.targets();
            for (int i = 0; i < targets.size(); i++) {
                if (!states.containsKey(targets.get(i))) {
                    problems.add(new FieldError(FieldError.child(transitions, events.get(i)),
                            "names the state '" + targets.get(i) + "', which the workflow does not define"));
                }
            }
        }
        if (!hasEnd) {
            problems.add(new FieldError("/states", "needs at least one state of type end, so that a run can finish"));
        }
        // A dangling transition usually is a typo that also makes states unreachable: report the typo alone.
        if (problems.isEmpty()) {
            Set<String> reached = new HashSet<>();
            Deque<String> todo = new ArrayDeque<>();
            todo.add(initialState);
            while (!todo.isEmpty()) {
                String current = todo.poll();
                if (reached.add(current) && states.containsKey(current)) {
                    todo.addAll(states.get(current).targets());
                }
            }
            for (String state : states.keySet()) {
                if (!reached.contains(state)) {
                    problems.add(new FieldError(FieldError.child("/states", state),
                            "is never reached from the initial state '" + initialState
                                    + "'; add a transition to it or remove it"));
                }
            }
        }
        return problems;
    }

    private static List<String> eventsOf(WorkflowState state) {
        List<String> events = new ArrayList<>();
        if (state instanceof WorkflowState.AgentStep step) {
            events.add("completed");
            if (step.onFailed().isPresent()) {
                events.add("failed");
            }
        } else if (state instanceof WorkflowState.HumanInput input) {
            events.add("signal");
            if (input.onTimeout().isPresent()) {
                events.add("timeout");
            }
        }
        return events;
    }

    /** The names of the agents this workflow runs, each once, in the order first used. */
    public List<ManifestName> agents() {
        List<ManifestName> agents = new ArrayList<>();
        for (WorkflowState state : states.values()) {
            if (state instanceof WorkflowState.AgentStep step && !agents.contains(step.agent())) {
                agents.add(step.agent());
            }
        }
        return agents;
    }

    @Override
    public JsonValue.JsonObject toJson() {
        Map<String, JsonValue> m = new LinkedHashMap<>();
        m.put("format", JsonValue.string(FORMAT));
        m.put("kind", JsonValue.string(kind().slug()));
        m.put("name", JsonValue.string(name.value()));
        m.put("version", JsonValue.string(version.toString()));
        m.put("description", JsonValue.string(description));
        m.put("initial_state", JsonValue.string(initialState));
        Map<String, JsonValue> s = new LinkedHashMap<>();
        for (Map.Entry<String, WorkflowState> e : states.entrySet()) {
            s.put(e.getKey(), e.getValue().toJson());
        }
        m.put("states", new JsonValue.JsonObject(s));
        return new JsonValue.JsonObject(m);
    }
}
