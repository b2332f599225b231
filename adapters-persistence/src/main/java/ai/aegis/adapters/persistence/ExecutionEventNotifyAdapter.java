package ai.aegis.adapters.persistence;

import ai.aegis.application.port.out.ExecutionEventPublisherPort;
import ai.aegis.domain.execution.ExecutionStatusChange;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.iteration.IterationEvent;
import ai.aegis.domain.seal.CanonicalJson;
import ai.aegis.domain.seal.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * Publishes execution events to every instance sharing the database with PostgreSQL
 * {@code NOTIFY} on channel {@value #CHANNEL}, so that a watcher on instance B hears about a cancel
 * made on instance A. The payload is a small JSON object built by the database itself; iteration
 * sentences are already plain and capped, far below NOTIFY's 8,000-byte limit. Batches are packed
 * (one payload carries many members of one tree, see {@link #statusesChanged}); the listener
 * unpacks them, so every consumer still hears one message per member.
 */
public final class ExecutionEventNotifyAdapter implements ExecutionEventPublisherPort {

    public static final String CHANNEL = "aegis_execution_events";

    /** Bytes one packed payload may reach; PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more. */
    static final int PAYLOAD_BUDGET = 7_000;

    private static final String PAYLOAD_SEPARATOR = "\u001E";

    private final Jdbi jdbi;

    public ExecutionEventNotifyAdapter(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public void statusChanged(ExecutionStatusChange change) {
        jdbi.useHandle(handle -> handle.createQuery("""
                        SELECT pg_notify(:channel, json_build_object(
                            'type', 'status', 'tenant', CAST(:tenant AS TEXT), 'conversation', CAST(:conversation AS TEXT),
                            'root', CAST(:root AS TEXT), 'execution', CAST(:execution AS TEXT),
                            'from', CAST(:from AS TEXT), 'to', CAST(:to AS TEXT), 'at', CAST(:at AS TEXT))::text)""")
                .bind("channel", CHANNEL)
                .bind("tenant", change.tenantId().value())
                .bind("conversation", change.conversationId().value())
                .bind("root", change.rootId().value())
                .bind("execution", change.executionId().value())
                .bind("from", change.from().map(Enum::name).orElse(null))
                .bind("to", change.to().name())
                .bind("at", change.at().toString())
                .mapTo(String.class).one());
    }

    /**
     * Every change in one statement (one round trip), in order, packed: consecutive changes of one
     * tree to one status at one instant share a {@code "statuses"} payload listing each member's id
     * and previous status, cut so that no payload passes {@value #PAYLOAD_BUDGET} bytes. A cascade
     * of 10,000 members sends about a hundred notifications instead of 10,000; the listener hands
     * every member's change to its consumers as a single message would.
     */
    @Override
    public void statusesChanged(List<ExecutionStatusChange> changes) {
        notifyAll(statusPayloads(changes));
    }

    private static List<String> statusPayloads(List<ExecutionStatusChange> changes) {
        List<String> payloads = new ArrayList<>();
        if (changes.isEmpty()) {
            return payloads;
        }
        Packer packer = null;
        ExecutionStatusChange groupKey = null;
        for (ExecutionStatusChange change : changes) {
            if (groupKey == null || !sameStatusGroup(groupKey, change)) {
                if (packer != null) {
                    packer.finish(payloads);
                }
                groupKey = change;
                packer = new Packer(changeHeader("statuses", change));
            }
            StringBuilder member = packer.member();
            appendChange(change, member);
            packer.add(member.append(']'), payloads);
        }
        packer.finish(payloads);
        return payloads;
    }

    /**
     * Every event in one statement (one round trip), in order, packed like {@link #statusesChanged}:
     * consecutive events of one kind, limit and detail share an {@code "iterations"} payload listing
     * each member's execution id, iteration and time.
     */
    @Override
    public void iterationsReported(TenantId tenantId, List<IterationEvent> events) {
        notifyAll(iterationPayloads(tenantId, events));
    }

    /**
     * A cascade's changes and events in one statement, a member's change and its event in one entry:
     * see {@link #endedPayloads}.
     */
    @Override
    public void executionsEnded(TenantId tenantId, List<ExecutionStatusChange> changes, List<IterationEvent> events) {
        notifyAll(endedPayloads(tenantId, changes, events));
    }

    /**
     * When the i-th event is about the i-th change's execution at the instant of the change (a
     * cascade's are: each event is the final status read back), the two travel as one member
     * {@code [execution, from or null, iteration, max]} of an {@code "ended"} payload, whose header
     * carries what a run of members shares (tree, new status, instant, event kind and detail). That
     * halves what a cascade sends. A run of other pairs travels, in place, as statuses payloads then
     * iterations payloads; lists of different lengths travel as all changes, then all events.
     */
    private static List<String> endedPayloads(TenantId tenantId, List<ExecutionStatusChange> changes,
            List<IterationEvent> events) {
        if (changes.size() != events.size()) {
            List<String> payloads = statusPayloads(changes);
            payloads.addAll(iterationPayloads(tenantId, events));
            return payloads;
        }
        List<String> payloads = new ArrayList<>();
        List<ExecutionStatusChange> apartChanges = new ArrayList<>();
        List<IterationEvent> apartEvents = new ArrayList<>();
        Packer packer = null;
        ExecutionStatusChange groupChange = null;
        IterationEvent groupEvent = null;
        for (int i = 0; i < changes.size(); i++) {
            ExecutionStatusChange change = changes.get(i);
            IterationEvent event = events.get(i);
            if (!change.tenantId().equals(tenantId) || !change.executionId().equals(event.executionId())
                    || !change.at().equals(event.at())) {
                if (packer != null) {
                    packer.finish(payloads);
                    packer = null;
                }
                apartChanges.add(change);
                apartEvents.add(event);
                continue;
            }
            if (!apartChanges.isEmpty()) {
                payloads.addAll(statusPayloads(apartChanges));
                payloads.addAll(iterationPayloads(tenantId, apartEvents));
                apartChanges.clear();
                apartEvents.clear();
            }
            if (packer == null || !sameStatusGroup(groupChange, change) || !sameEndedGroup(groupEvent, event)) {
                if (packer != null) {
                    packer.finish(payloads);
                }
                groupChange = change;
                groupEvent = event;
                Map<String, JsonValue> header = changeHeader("ended", change);
                header.put("kind", new JsonValue.JsonString(event.kind().name()));
                header.put("detail", event.detail().<JsonValue>map(JsonValue.JsonString::new).orElse(JsonValue.JsonNull.INSTANCE));
                packer = new Packer(header);
            }
            StringBuilder member = packer.member();
            appendChange(change, member);
            member.append(',').append(event.iteration()).append(',').append(event.maxIterations());
            packer.add(member.append(']'), payloads);
        }
        if (packer != null) {
            packer.finish(payloads);
        }
        payloads.addAll(statusPayloads(apartChanges));
        payloads.addAll(iterationPayloads(tenantId, apartEvents));
        return payloads;
    }

    private static List<String> iterationPayloads(TenantId tenantId, List<IterationEvent> events) {
        List<String> payloads = new ArrayList<>();
        if (events.isEmpty()) {
            return payloads;
        }
        Packer packer = null;
        IterationEvent groupKey = null;
        Instant lastAt = null;
        String lastAtText = null;
        for (IterationEvent event : events) {
            if (groupKey == null || !sameIterationGroup(groupKey, event)) {
                if (packer != null) {
                    packer.finish(payloads);
                }
                groupKey = event;
                Map<String, JsonValue> header = new LinkedHashMap<>();
                header.put("type", new JsonValue.JsonString("iterations"));
                header.put("tenant", new JsonValue.JsonString(tenantId.value()));
                header.put("kind", new JsonValue.JsonString(event.kind().name()));
                header.put("max", new JsonValue.JsonNumber(event.maxIterations()));
                header.put("detail", event.detail().<JsonValue>map(JsonValue.JsonString::new).orElse(JsonValue.JsonNull.INSTANCE));
                packer = new Packer(header);
            }
            if (!event.at().equals(lastAt)) {
                // A cascade's members mostly share one instant; formatting it is the costly part of a member.
                lastAt = event.at();
                lastAtText = lastAt.toString();
            }
            StringBuilder member = packer.member();
            member.append('[');
            CanonicalJson.appendString(event.executionId().value(), member);
            member.append(',').append(event.iteration()).append(',');
            CanonicalJson.appendString(lastAtText, member);
            packer.add(member.append(']'), payloads);
        }
        packer.finish(payloads);
        return payloads;
    }

    private static boolean sameStatusGroup(ExecutionStatusChange a, ExecutionStatusChange b) {
        return a.tenantId().equals(b.tenantId()) && a.conversationId().equals(b.conversationId())
                && a.rootId().equals(b.rootId()) && a.to() == b.to() && a.at().equals(b.at());
    }

    /** What a run of one tree's changes to one status at one instant shares: the header of their payload. */
    private static Map<String, JsonValue> changeHeader(String type, ExecutionStatusChange change) {
        Map<String, JsonValue> header = new LinkedHashMap<>();
        header.put("type", new JsonValue.JsonString(type));
        header.put("tenant", new JsonValue.JsonString(change.tenantId().value()));
        header.put("conversation", new JsonValue.JsonString(change.conversationId().value()));
        header.put("root", new JsonValue.JsonString(change.rootId().value()));
        header.put("to", new JsonValue.JsonString(change.to().name()));
        header.put("at", new JsonValue.JsonString(change.at().toString()));
        return header;
    }

    /** A member's first fields, {@code [execution, from or null}, left open for the caller to add to and close. */
    private static void appendChange(ExecutionStatusChange change, StringBuilder member) {
        member.append('[');
        CanonicalJson.appendString(change.executionId().value(), member);
        member.append(',');
        if (change.from().isPresent()) {
            CanonicalJson.appendString(change.from().get().name(), member);
        } else {
            member.append("null");
        }
    }

    private static boolean sameEndedGroup(IterationEvent a, IterationEvent b) {
        return a.kind() == b.kind() && a.detail().equals(b.detail());
    }

    private static boolean sameIterationGroup(IterationEvent a, IterationEvent b) {
        return a.kind() == b.kind() && a.maxIterations() == b.maxIterations() && a.detail().equals(b.detail());
    }

    /**
     * The payloads in order, one statement; notifications are queued in the order given. They travel
     * as one text joined by U+001E, which canonical JSON never holds raw (it escapes every control
     * character), so the database splits them back exactly and no array literal is escaped.
     */
    private void notifyAll(List<String> payloads) {
        if (payloads.isEmpty()) {
            return;
        }
        jdbi.useHandle(handle -> handle.createQuery("""
                        SELECT count(pg_notify(:channel, p.payload))
                        FROM unnest(string_to_array(:payloads, chr(30))) WITH ORDINALITY AS p (payload, position)""")
                .bind("channel", CHANNEL)
                .bind("payloads", String.join(PAYLOAD_SEPARATOR, payloads))
                .mapTo(Long.class).one());
    }

    /**
     * Fills {@code "members"} of one header until the next member would pass the payload budget. A
     * payload is the header's canonical form with the members' canonical forms (each written once,
     * straight into the payload) spliced into its empty {@code "members":[]}: a key's quotes cannot
     * occur unescaped inside a string value, so that text occurs exactly once, and the result is the
     * canonical form of the whole.
     */
    private static final class Packer {

        private static final String EMPTY_MEMBERS = "\"members\":[]";

        private final String prefix;
        private final String suffix;
        private final int headerBytes;
        private final StringBuilder payload = new StringBuilder(PAYLOAD_BUDGET + 256);
        private final StringBuilder member = new StringBuilder(256);
        private int bytes;
        private int count;

        Packer(Map<String, JsonValue> header) {
            Map<String, JsonValue> empty = new LinkedHashMap<>(header);
            empty.put("members", new JsonValue.JsonArray(List.of()));
            String serialized = CanonicalJson.serialize(new JsonValue.JsonObject(empty));
            int split = serialized.indexOf(EMPTY_MEMBERS) + EMPTY_MEMBERS.length() - 1;
            this.prefix = serialized.substring(0, split);
            this.suffix = serialized.substring(split);
            this.headerBytes = utf8Length(serialized);
            this.bytes = headerBytes;
        }

        /** An empty buffer for the next member's canonical form, to pass to {@link #add}. */
        StringBuilder member() {
            member.setLength(0);
            return member;
        }

        void add(CharSequence canonical, List<String> payloads) {
            int size = utf8Length(canonical) + 1;
            if (count > 0 && bytes + size > PAYLOAD_BUDGET) {
                finish(payloads);
            }
            payload.append(count == 0 ? prefix : ",").append(canonical);
            count++;
            bytes += size;
        }

        void finish(List<String> payloads) {
            if (count == 0) {
                return;
            }
            payloads.add(payload.append(suffix).toString());
            payload.setLength(0);
            count = 0;
            bytes = headerBytes;
        }

        private static int utf8Length(CharSequence text) {
            int length = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x80) {
                    length++;
                } else if (c < 0x800) {
                    length += 2;
                } else if (Character.isHighSurrogate(c)) {
                    length += 4;
                    i++;
                } else {
                    length += 3;
                }
            }
            return length;
        }
    }

    @Override
    public void iterationReported(TenantId tenantId, IterationEvent event) {
        jdbi.useHandle(handle -> handle.createQuery("""
                        SELECT pg_notify(:channel, json_build_object(
                            'type', 'iteration', 'tenant', CAST(:tenant AS TEXT), 'execution', CAST(:execution AS TEXT),
                            'kind', CAST(:kind AS TEXT), 'iteration', CAST(:iteration AS INT), 'max', CAST(:max AS INT),
                            'detail', CAST(:detail AS TEXT), 'at', CAST(:at AS TEXT))::text)""")
                .bind("channel", CHANNEL)
                .bind("tenant", tenantId.value())
                .bind("execution", event.executionId().value())
                .bind("kind", event.kind().name())
                .bind("iteration", event.iteration())
                .bind("max", event.maxIterations())
                .bind("detail", event.detail().orElse(null))
                .bind("at", event.at().toString())
                .mapTo(String.class).one());
    }
}
