package ai.aegis.adapters.persistence;

import ai.aegis.application.port.out.ExecutionListFilter;
import ai.aegis.application.port.out.ExecutionRepositoryPort;
import ai.aegis.application.port.out.SealExecutionGrantPort;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.limits.CountLimit;
import ai.aegis.domain.seal.SealExecutionGrant;
import ai.aegis.domain.security.SecurityContext;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Execution trees in PostgreSQL, one row per execution (see {@code V3__executions.sql}).
 *
 * <p>The database holds the invariants that must survive several service instances: the partial
 * unique index {@code execution_one_active_root} (on {@code execution_active}, the active executions
 * that triggers keep in step with this table, see {@code V14}) makes {@link #insertRoot} atomic,
 * foreign keys keep
 * every child in its parent's tenant, tree and conversation, and a trigger refuses any update of a
 * terminal row. {@link #saveChanges} serialises writers of one tree on the root row
 * ({@code SELECT … FOR UPDATE}), compares the stored tree with the one the change was computed from,
 * and writes every changed row guarded by the version it expects, all in one transaction.
 * {@link #cancelSubtree} and {@link #finishAndCancelDescendants} take the same root lock and change
 * a whole subtree in one statement, without loading it (see {@code V9}).
 *
 * <p>The per-owner concurrency cap is counted under a transaction-scoped advisory lock on the owner
 * (tenant and subject), taken in the inserting transaction: every instance sharing the database
 * serialises on it, so the count cannot change between the check and the commit.
 *
 * <p>Every tenant statement runs through {@link TenantTransactions#inTenant} and names the tenant in
 * its {@code WHERE}; the only cross-tenant read is {@link #findRunning}, a node's attestation lookup.
 */
public final class ExecutionPersistenceAdapter implements ExecutionRepositoryPort, SealExecutionGrantPort {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String TERMINAL_ROW = "AE001";
    private static final String ILLEGAL_TRANSITION = "AE002";
    private static final String ACTIVE_ROOT_INDEX = "execution_one_active_root";

    /**
     * Moves one execution's status, iteration count and update time, only over the row version that
     * still holds the old ones: 0 rows updated means another change won.
     */
    private static final String COMPARE_AND_SET = """
            UPDATE execution SET status = :status, iteration_count = :iterations, updated_at = :updatedAt
            WHERE tenant_id = :tenant AND id = :id
              AND status = :oldStatus AND iteration_count = :oldIterations AND updated_at = :oldUpdatedAt""";

    private final TenantTransactions transactions;

    public ExecutionPersistenceAdapter(Jdbi jdbi) {
        this.transactions = new TenantTransactions(Objects.requireNonNull(jdbi, "jdbi"));
    }

    @Override
    public void insertRoot(Execution root, CountLimit maxActive) {
        if (!root.isRoot()) {
            throw new IllegalArgumentException("insertRoot needs a root execution");
        }
        Objects.requireNonNull(maxActive, "maxActive");
        try {
            transactions.inTenant(root.tenantId(), handle -> {
                requireRoom(handle, List.of(root), maxActive);
                insertAll(handle, List.of(root));
                return null;
            });
        } catch (UnableToExecuteStatementException e) {
            if (SqlStates.is(e, UNIQUE_VIOLATION) && ACTIVE_ROOT_INDEX.equals(violatedConstraint(e))) {
                throw new AlreadyExistsException("execution.root_active", "conversation " + root.conversationId()
                        + " already has an active execution; cancel it or wait for it to finish before starting another");
            }
            if (SqlStates.is(e, UNIQUE_VIOLATION)) {
                throw new AlreadyExistsException("execution.duplicate_id", "execution id " + root.id() + " is already in use");
            }
            throw e;
        }
    }

    @Override
    public Optional<Execution> findActiveRoot(TenantId tenantId, ConversationId conversationId) {
        return transactions.inTenant(tenantId, handle -> handle.createQuery("SELECT " + ExecutionRows.SELECTED
                        + " FROM " + ExecutionRows.FROM + " JOIN execution_active a ON a.tenant_id = e.tenant_id AND a.id = e.id"
                        + " WHERE a.tenant_id = :tenant AND a.conversation_id = :conversation AND a.is_root")
                .bind("tenant", tenantId.value())
                .bind("conversation", conversationId.value())
                .map(ExecutionRows.MAPPER)
                .findOne());
    }

    @Override
    public Optional<ExecutionTree> loadTree(TenantId tenantId, ExecutionId memberId, int maxDepth) {
        List<Execution> members = transactions.inTenant(tenantId, handle -> handle.createQuery("SELECT "
                        + ExecutionRows.SELECTED + " FROM " + ExecutionRows.FROM + " WHERE e.tenant_id = :tenant AND e.root_id = "
                        + "(SELECT root_id FROM execution WHERE tenant_id = :tenant AND id = :member)")
                .bind("tenant", tenantId.value())
                .bind("member", memberId.value())
                .map(ExecutionRows.sharingContextsMapper())
                .list());
        return members.isEmpty() ? Optional.empty() : Optional.of(ExecutionTree.of(members, maxDepth));
    }

    @Override
    public Optional<Execution> find(TenantId tenantId, ExecutionId id) {
        return transactions.inTenant(tenantId, handle -> handle.createQuery("SELECT " + ExecutionRows.SELECTED
                        + " FROM " + ExecutionRows.FROM + " WHERE e.tenant_id = :tenant AND e.id = :id")
                .bind("tenant", tenantId.value())
                .bind("id", id.value())
                .map(ExecutionRows.MAPPER)
                .findOne());
    }

    @Override
    public void saveChanges(TenantId tenantId, ExecutionTree before, List<Execution> changed, CountLimit maxActive) {
        Objects.requireNonNull(maxActive, "maxActive");
        ExecutionId rootId = before.root().id();
        List<Execution> inserts = new ArrayList<>();
        List<Execution> updates = new ArrayList<>();
        for (Execution execution : changed) {
            if (!execution.tenantId().equals(tenantId) || !execution.rootId().equals(rootId)) {
                throw new IllegalArgumentException("execution " + execution.id() + " does not belong to this tree");
            }
            Optional<Execution> previous = before.find(execution.id());
            if (previous.isEmpty()) {
                inserts.add(execution);
            } else if (!execution.sameCreationAs(previous.get())) {
                throw new IllegalArgumentException("execution " + execution.id()
                        + " changed more than its status, iteration count and update time");
            } else {
                updates.add(execution);
            }
        }
        try {
            transactions.inTenant(tenantId, handle -> {
                Map<ExecutionId, Execution> stored = lockAndLoad(handle, tenantId, rootId)
                        .orElseThrow(() -> concurrentUpdate(rootId));
                if (!sameTree(stored, before)) {
                    throw concurrentUpdate(rootId);
                }
                update(handle, updates, stored, rootId);
                requireRoom(handle, inserts, maxActive);
                inserts.sort(Comparator.comparingInt(Execution::depth));
                insertAll(handle, inserts);
                return null;
            });
        } catch (UnableToExecuteStatementException e) {
            if (SqlStates.is(e, UNIQUE_VIOLATION)) {
                throw new AlreadyExistsException("execution.duplicate_id", "an execution id of this change is already in use");
            }
            if (SqlStates.is(e, TERMINAL_ROW) || SqlStates.is(e, ILLEGAL_TRANSITION)) {
                throw new PreconditionFailedException("execution.illegal_transition", "the change to the execution tree of "
                        + rootId + " would alter a finished execution or skip a step of its life cycle");
            }
            throw e;
        }
    }

    @Override
    public long countActive(TenantId tenantId) {
        return transactions.inTenant(tenantId, handle -> handle.createQuery(
                        "SELECT count(*) FROM execution_active WHERE tenant_id = :tenant")
                .bind("tenant", tenantId.value())
                .mapTo(Long.class)
                .one());
    }

    @Override
    public List<Execution> findOverdue(Instant now, int limit) {
        return transactions.acrossTenants("deadline enforcement", handle -> handle.createQuery("SELECT "
                        + ExecutionRows.SELECTED + " FROM " + ExecutionRows.FROM
                        + " JOIN execution_active a ON a.tenant_id = e.tenant_id AND a.id = e.id"
                        + " WHERE a.deadline <= :now ORDER BY a.deadline LIMIT :limit")
                .bind("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .bind("limit", limit)
                .map(ExecutionRows.MAPPER)
                .list());
    }

    /**
     * Reads the running execution with that id in whichever tenant holds it (ids are unique across
     * tenants), for a node's attestation; the grant is built from the stored record alone.
     */
    @Override
    public Optional<SealExecutionGrant> findRunning(String executionId) {
        Objects.requireNonNull(executionId, "executionId");
        return transactions.acrossTenants("node attestation", handle -> handle.createQuery("SELECT "
                        + ExecutionRows.SELECTED + " FROM " + ExecutionRows.FROM + " WHERE e.id = :id AND e.status = 'RUNNING'")
                .bind("id", executionId)
                .map(ExecutionRows.MAPPER)
                .findOne())
                .map(SealExecutionGrant::forExecution);
    }

    /**
     * One statement for the whole cascade. When the target is the root, every active member of the
     * tree is cancelled by {@code root_id} (an index range, no walk); otherwise a recursive walk
     * down {@code parent_id} finds the subtree. Terminal rows are filtered out before the update, so
     * the guard trigger never sees them. Writers of the same tree are serialised on the root row, as
     * in {@link #saveChanges}.
     */
    @Override
    public List<Transition> cancelSubtree(TenantId tenantId, ExecutionId id, Instant now) {
        Objects.requireNonNull(now, "now");
        return transactions.inTenant(tenantId, handle -> {
            Tree tree = handle.createQuery("SELECT root_id, conversation_id FROM execution WHERE tenant_id = :tenant AND id = :id")
                    .bind("tenant", tenantId.value())
                    .bind("id", id.value())
                    .map((rs, ctx) -> new Tree(tenantId, ExecutionId.of(rs.getString("root_id")),
                            ConversationId.of(rs.getString("conversation_id"))))
                    .findOne()
                    .orElseThrow(() -> new NotFoundException("execution.not_found", "execution " + id + " was not found"));
            lockRoot(handle, tenantId, tree.root());
            return cancelBelow(handle, tree, id, now);
        });
    }

    @Override
    public List<Transition> finishAndCancelDescendants(TenantId tenantId, Execution current, Execution ended) {
        if (!ended.id().equals(current.id()) || !ended.status().isTerminal() || !current.isActive()
                || !ended.sameCreationAs(current)) {
            throw new IllegalArgumentException("execution " + current.id() + " must move from an active to a final status");
        }
        if (!current.tenantId().equals(tenantId)) {
            throw new IllegalArgumentException("execution " + current.id() + " is not of tenant " + tenantId);
        }
        ExecutionId rootId = current.rootId();
        try {
            return transactions.inTenant(tenantId, handle -> {
                if (!lockRoot(handle, tenantId, rootId)) {
                    throw concurrentUpdate(rootId);
                }
                replaceIfCurrent(handle, tenantId, current, ended);
                List<Transition> changed = new ArrayList<>();
                changed.add(new Transition(current.status(), ExecutionRows.atStoredPrecision(ended)));
                // The ended execution is terminal now, so the walk cancels exactly its active descendants;
                // below a root that is every active member of the tree, taken by root_id.
                changed.addAll(cancelBelow(handle, new Tree(tenantId, rootId, current.conversationId()), current.id(),
                        ended.updatedAt()));
                return changed;
            });
        } catch (UnableToExecuteStatementException e) {
            throw refusedStep(e, current, ended);
        }
    }

    @Override
    public void insertChild(TenantId tenantId, Execution parent, Execution child, CountLimit maxActive) {
        Objects.requireNonNull(maxActive, "maxActive");
        ExecutionRepositoryPort.requireNewChild(tenantId, parent, child);
        ExecutionId rootId = parent.rootId();
        try {
            transactions.inTenant(tenantId, handle -> {
                if (!lockRoot(handle, tenantId, rootId) || !isStored(handle, tenantId, parent)) {
                    throw concurrentUpdate(rootId);
                }
                requireRoom(handle, List.of(child), maxActive);
                insertAll(handle, List.of(child));
                return null;
            });
        } catch (UnableToExecuteStatementException e) {
            if (SqlStates.is(e, UNIQUE_VIOLATION)) {
                throw new AlreadyExistsException("execution.duplicate_id", "execution id " + child.id() + " is already in use");
            }
            throw e;
        }
    }

    /** True when the stored row still holds exactly what {@code execution} moved through last. */
    private static boolean isStored(Handle handle, TenantId tenant, Execution execution) {
        return handle.createQuery("""
                        SELECT count(*) FROM execution WHERE tenant_id = :tenant AND id = :id AND status = :status
                          AND iteration_count = :iterations AND updated_at = :updatedAt""")
                .bind("tenant", tenant.value())
                .bind("id", execution.id().value())
                .bind("status", execution.status().name())
                .bind("iterations", execution.iterationCount())
                .bind("updatedAt", ExecutionRows.timestamp(execution.updatedAt()))
                .mapTo(Long.class)
                .one() == 1;
    }

    @Override
    public void replaceActive(TenantId tenantId, Execution current, Execution changed) {
        ExecutionRepositoryPort.requireActiveSuccessor(tenantId, current, changed);
        ExecutionId rootId = current.rootId();
        try {
            transactions.inTenant(tenantId, handle -> {
                if (!lockRoot(handle, tenantId, rootId)) {
                    throw concurrentUpdate(rootId);
                }
                replaceIfCurrent(handle, tenantId, current, changed);
                return null;
            });
        } catch (UnableToExecuteStatementException e) {
            throw refusedStep(e, current, changed);
        }
    }

    /** The guard's refusal of {@code current} → {@code next} in the domain's words; any other failure as it is. */
    private static RuntimeException refusedStep(UnableToExecuteStatementException e, Execution current, Execution next) {
        if (SqlStates.is(e, TERMINAL_ROW) || SqlStates.is(e, ILLEGAL_TRANSITION)) {
            return new PreconditionFailedException("execution.illegal_transition", "execution " + current.id()
                    + " cannot go from " + current.status().displayName() + " to " + next.status().displayName());
        }
        return e;
    }

    /**
     * Writes {@code next}'s status, iteration count and update time over the stored row if it still
     * holds exactly {@code current}'s (compare and set); the caller holds the root lock.
     */
    private static void replaceIfCurrent(Handle handle, TenantId tenant, Execution current, Execution next) {
        int updated = handle.createUpdate(COMPARE_AND_SET)
                .bind("tenant", tenant.value())
                .bind("id", current.id().value())
                .bind("status", next.status().name())
                .bind("iterations", next.iterationCount())
                .bind("updatedAt", ExecutionRows.timestamp(next.updatedAt()))
                .bind("oldStatus", current.status().name())
                .bind("oldIterations", current.iterationCount())
                .bind("oldUpdatedAt", ExecutionRows.timestamp(current.updatedAt()))
                .execute();
        if (updated != 1) {
            throw concurrentUpdate(current.rootId());
        }
    }

    /**
     * Cancels the active members of the subtree of {@code id}, shallowest first; the caller holds the
     * root lock. Rows come back with their context's digest, not the context: each of the few
     * distinct contexts is read once, when its digest first comes by.
     */
    private static List<Transition> cancelBelow(Handle handle, Tree tree, ExecutionId id, Instant at) {
        RowMapper<Execution> members = ExecutionRows.treeMemberMapper(tree.tenant(), tree.conversation(), tree.root(),
                digest -> context(handle, tree.tenant(), digest));
        List<Transition> cancelled = new ArrayList<>(tree.root().equals(id)
                ? cancelWholeTree(handle, tree, members, at)
                : cancelSubtree(handle, tree, members, id, at));
        cancelled.sort(Comparator.comparingInt((Transition t) -> t.to().depth()).thenComparing(t -> t.to().id().value()));
        return cancelled;
    }

    /** What every member of one tree shares, so that a statement over many of them need not return it. */
    private record Tree(TenantId tenant, ExecutionId root, ConversationId conversation) {
    }

    /**
     * A subtree below the root: a recursive walk down {@code parent_id}, the previous statuses joined
     * in. A subtree lies inside its tree, so the walk and the update both keep to the tree's
     * {@code root_id} range (one index range each, joined by hashing) instead of probing the
     * parent index once per member: for 10,000 members a third less time.
     */
    private static List<Transition> cancelSubtree(Handle handle, Tree tree, RowMapper<Execution> members, ExecutionId id,
            Instant at) {
        return handle.createQuery("""
                        WITH RECURSIVE tree AS MATERIALIZED (
                            SELECT id, parent_id, status FROM execution WHERE tenant_id = :tenant AND root_id = :root
                        ), subtree (id, status) AS (
                            SELECT id, status FROM tree WHERE id = :id
                            UNION ALL
                            SELECT member.id, member.status FROM tree member JOIN subtree ON member.parent_id = subtree.id
                        )
                        UPDATE execution e SET status = 'CANCELLED', updated_at = GREATEST(e.updated_at, :at)
                        FROM subtree AS old
                        WHERE e.tenant_id = :tenant AND e.root_id = :root AND e.id = old.id AND old.status IN """
                        + ExecutionRows.ACTIVE + " RETURNING old.status AS previous_status, "
                        + ExecutionRows.qualifiedMemberColumns("e"))
                .bind("tenant", tree.tenant().value())
                .bind("root", tree.root().value())
                .bind("id", id.value())
                .bind("at", ExecutionRows.timestamp(at))
                .map((rs, ctx) -> new Transition(ExecutionStatus.valueOf(rs.getString("previous_status")),
                        members.map(rs, ctx)))
                .list();
    }

    /**
     * The whole tree by {@code root_id}: one index range, no walk and no self-join, and nothing read
     * before it. RETURNING sees only the new row, so a member's previous status comes from
     * {@code execution_active}, whose {@code pending} flag marks exactly the Pending executions (its
     * triggers keep it so) and which this statement's own trigger changes only after every row is
     * returned; an active member without the flag was Running.
     */
    private static List<Transition> cancelWholeTree(Handle handle, Tree tree, RowMapper<Execution> members, Instant at) {
        return handle.createQuery("UPDATE execution e SET status = 'CANCELLED', updated_at = GREATEST(e.updated_at, :at)"
                        + " WHERE e.tenant_id = :tenant AND e.root_id = :root AND e.status IN " + ExecutionRows.ACTIVE
                        + " RETURNING " + ExecutionRows.qualifiedMemberColumns("e") + ", EXISTS (SELECT 1 FROM execution_active p"
                        + " WHERE p.tenant_id = e.tenant_id AND p.id = e.id AND p.pending) AS was_pending")
                .bind("tenant", tree.tenant().value())
                .bind("root", tree.root().value())
                .bind("at", ExecutionRows.timestamp(at))
                .map((rs, ctx) -> new Transition(rs.getBoolean("was_pending") ? ExecutionStatus.PENDING
                        : ExecutionStatus.RUNNING, members.map(rs, ctx)))
                .list();
    }

    /** The tenant's security context with this digest; every execution names one (a foreign key). */
    private static SecurityContext context(Handle handle, TenantId tenant, ByteBuffer digest) {
        byte[] bytes = new byte[digest.remaining()];
        digest.duplicate().get(bytes);
        return handle.createQuery("SELECT context::text FROM execution_context WHERE tenant_id = :tenant AND digest = :digest")
                .bind("tenant", tenant.value())
                .bind("digest", bytes)
                .mapTo(String.class)
                .findOne()
                .map(ExecutionContextJson::read)
                .orElseThrow(() -> new IllegalStateException("a security context named by an execution of tenant "
                        + tenant + " is missing"));
    }

    /**
     * Refuses inserts that would take an owner past {@code maxActive}. The owner's advisory lock,
     * held to the end of the transaction, serialises every insert for that owner on every instance,
     * so the count it reads cannot change before the insert commits.
     */
    private static void requireRoom(Handle handle, List<Execution> inserts, CountLimit maxActive) {
        if (maxActive.isUnlimited()) {
            return;
        }
        Map<Owner, Long> added = new TreeMap<>();
        for (Execution execution : inserts) {
            if (execution.isActive()) {
                added.merge(new Owner(execution.tenantId().value(), execution.ownerSubject()), 1L, Long::sum);
            }
        }
        // Sorted owners: two transactions never wait for each other's locks in opposite orders.
        for (Map.Entry<Owner, Long> owner : added.entrySet()) {
            String tenant = owner.getKey().tenant();
            String subject = owner.getKey().subject();
            handle.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))) AS locked")
                    .bind("key", "aegis.execution.concurrency/" + tenant + "/" + subject)
                    .mapTo(Integer.class)
                    .one();
            long active = handle.createQuery("SELECT count(*) FROM execution_active WHERE tenant_id = :tenant"
                            + " AND owner_subject = :owner")
                    .bind("tenant", tenant)
                    .bind("owner", subject)
                    .mapTo(Long.class)
                    .one();
            if (!maxActive.allowsOneMore(active + owner.getValue() - 1)) {
                throw ExecutionRepositoryPort.concurrencyLimitReached(active, maxActive);
            }
        }
    }

    /** Whose executions the concurrency cap counts: a tenant's user (or operator) by subject. */
    private record Owner(String tenant, String subject) implements Comparable<Owner> {

        private static final Comparator<Owner> ORDER = Comparator.comparing(Owner::tenant).thenComparing(Owner::subject);

        @Override
        public int compareTo(Owner other) {
            return ORDER.compare(this, other);
        }
    }

    private static Optional<Map<ExecutionId, Execution>> lockAndLoad(Handle handle, TenantId tenant, ExecutionId rootId) {
        if (!lockRoot(handle, tenant, rootId)) {
            return Optional.empty();
        }
        Map<ExecutionId, Execution> stored = new HashMap<>();
        handle.createQuery("SELECT " + ExecutionRows.SELECTED + " FROM " + ExecutionRows.FROM
                        + " WHERE e.tenant_id = :tenant AND e.root_id = :root")
                .bind("tenant", tenant.value())
                .bind("root", rootId.value())
                .map(ExecutionRows.sharingContextsMapper())
                .forEach(execution -> stored.put(execution.id(), execution));
        return Optional.of(stored);
    }

    private static boolean lockRoot(Handle handle, TenantId tenant, ExecutionId rootId) {
        return handle.createQuery("SELECT id FROM execution WHERE tenant_id = :tenant AND id = :root FOR UPDATE")
                .bind("tenant", tenant.value())
                .bind("root", rootId.value())
                .mapTo(String.class)
                .findOne()
                .isPresent();
    }

    /** Equal up to the microsecond precision PostgreSQL keeps, so an unsaved tree's nanoseconds are no conflict. */
    private static boolean sameTree(Map<ExecutionId, Execution> stored, ExecutionTree before) {
        List<Execution> expected = before.executions();
        if (stored.size() != expected.size()) {
            return false;
        }
        for (Execution execution : expected) {
            if (!ExecutionRows.atStoredPrecision(execution).equals(stored.get(execution.id()))) {
                return false;
            }
        }
        return true;
    }

    /** Writes only what may change, and only over the row version the comparison saw. */
    private static void update(Handle handle, List<Execution> updates, Map<ExecutionId, Execution> stored, ExecutionId rootId) {
        if (updates.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch(COMPARE_AND_SET);
        for (Execution execution : updates) {
            Execution old = stored.get(execution.id());
            batch.bind("tenant", execution.tenantId().value())
                    .bind("id", execution.id().value())
                    .bind("status", execution.status().name())
                    .bind("iterations", execution.iterationCount())
                    .bind("updatedAt", ExecutionRows.timestamp(execution.updatedAt()))
                    .bind("oldStatus", old.status().name())
                    .bind("oldIterations", old.iterationCount())
                    .bind("oldUpdatedAt", ExecutionRows.timestamp(old.updatedAt()))
                    .add();
        }
        for (int count : batch.execute()) {
            if (count != 1) {
                throw concurrentUpdate(rootId);
            }
        }
    }

    /**
     * Stores each distinct context once (an existing one is kept: same digest, same content), then the
     * executions naming theirs by digest; PostgreSQL computes every digest from the JSONB text.
     */
    private static void insertAll(Handle handle, List<Execution> executions) {
        if (executions.isEmpty()) {
            return;
        }
        Set<TenantContext> contexts = new LinkedHashSet<>();
        for (Execution execution : executions) {
            contexts.add(new TenantContext(execution.tenantId().value(), ExecutionContextJson.write(execution.securityContext())));
        }
        PreparedBatch contextBatch = handle.prepareBatch("INSERT INTO execution_context (tenant_id, digest, context)"
                + " VALUES (:tenant, " + ExecutionRows.CONTEXT_DIGEST + ", CAST(:context AS JSONB))"
                + " ON CONFLICT (tenant_id, digest) DO NOTHING");
        for (TenantContext context : contexts) {
            contextBatch.bind("tenant", context.tenant()).bind("context", context.json()).add();
        }
        contextBatch.execute();
        PreparedBatch batch = handle.prepareBatch("INSERT INTO execution (" + ExecutionRows.STORED_COLUMNS + ") VALUES (:tenant,"
                + " :id, :conversation, :owner, :parent, :root, :depth, :status, " + ExecutionRows.CONTEXT_DIGEST + ", :deadline,"
                + " :memory, :maxIterations, :iterations, :createdAt, :updatedAt)");
        for (Execution execution : executions) {
            batch.bind("tenant", execution.tenantId().value())
                    .bind("id", execution.id().value())
                    .bind("conversation", execution.conversationId().value())
                    .bind("owner", execution.ownerSubject())
                    .bind("parent", execution.parentId().map(ExecutionId::value).orElse(null))
                    .bind("root", execution.rootId().value())
                    .bind("depth", execution.depth())
                    .bind("status", execution.status().name())
                    .bind("context", ExecutionContextJson.write(execution.securityContext()))
                    .bind("deadline", ExecutionRows.timestamp(execution.deadline()))
                    .bind("memory", execution.memoryBytes())
                    .bind("maxIterations", execution.maxIterations())
                    .bind("iterations", execution.iterationCount())
                    .bind("createdAt", ExecutionRows.timestamp(execution.createdAt()))
                    .bind("updatedAt", ExecutionRows.timestamp(execution.updatedAt()))
                    .add();
        }
        batch.execute();
    }

    /** One distinct security context of a tenant, as JSON. */
    private record TenantContext(String tenant, String json) {
    }

    private static PreconditionFailedException concurrentUpdate(ExecutionId rootId) {
        return new PreconditionFailedException("execution.concurrent_update", "the execution tree of " + rootId
                + " changed meanwhile; reload and try again");
    }

    /** The constraint or index a refused statement violated, when PostgreSQL names one. */
    private static String violatedConstraint(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PSQLException sql) {
                ServerErrorMessage message = sql.getServerErrorMessage();
                return message == null ? null : message.getConstraint();
            }
        }
        return null;
    }

    @Override
    public List<Execution> list(TenantId tenantId, ExecutionListFilter filter, int limit) {
        return transactions.inTenant(tenantId, handle -> select(handle, Optional.of(tenantId), filter, limit));
    }

    @Override
    public List<Execution> listAcrossTenants(ExecutionListFilter filter, int limit) {
        return transactions.acrossTenants("operator execution listing",
                handle -> select(handle, Optional.empty(), filter, limit));
    }

    @Override
    public Optional<Execution> findInAnyTenant(ExecutionId id) {
        Objects.requireNonNull(id, "id");
        return transactions.acrossTenants("operator execution lookup", handle -> handle.createQuery("SELECT "
                        + ExecutionRows.SELECTED + " FROM " + ExecutionRows.FROM + " WHERE e.id = :id")
                .bind("id", id.value())
                .map(ExecutionRows.MAPPER)
                .findOne());
    }

    private static List<Execution> select(Handle handle, Optional<TenantId> tenant, ExecutionListFilter filter, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        StringBuilder sql = new StringBuilder("SELECT " + ExecutionRows.SELECTED + " FROM " + ExecutionRows.FROM
                + " WHERE TRUE");
        tenant.ifPresent(t -> sql.append(" AND e.tenant_id = :tenant"));
        filter.ownerSubject().ifPresent(o -> sql.append(" AND e.owner_subject = :owner"));
        filter.conversationId().ifPresent(c -> sql.append(" AND e.conversation_id = :conversation"));
        if (!filter.statuses().isEmpty()) {
            sql.append(" AND e.status = ANY(:statuses)");
        }
        if (filter.rootsOnly()) {
            sql.append(" AND e.parent_id IS NULL");
        }
        sql.append(" ORDER BY e.created_at DESC, e.id DESC LIMIT :limit");
        Query query = handle.createQuery(sql.toString()).bind("limit", limit);
        tenant.ifPresent(t -> query.bind("tenant", t.value()));
        filter.ownerSubject().ifPresent(o -> query.bind("owner", o));
        filter.conversationId().ifPresent(c -> query.bind("conversation", c.value()));
        if (!filter.statuses().isEmpty()) {
            query.bindArray("statuses", String.class, filter.statuses().stream().map(Enum::name).sorted().toList());
        }
        return query.map(ExecutionRows.sharingContextsMapper()).list();
    }
}
