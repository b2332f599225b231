package ai.aegis.adapters.persistence;

import ai.aegis.application.port.out.ConversationRepositoryPort;
import ai.aegis.domain.conversation.Conversation;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.identity.TenantId;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Conversations in PostgreSQL; every statement names the tenant, so another tenant's row reads as absent. */
public final class ConversationPersistenceAdapter implements ConversationRepositoryPort {

    private static final String UNIQUE_VIOLATION = "23505";

    private final TenantTransactions transactions;

    public ConversationPersistenceAdapter(Jdbi jdbi) {
        this.transactions = new TenantTransactions(Objects.requireNonNull(jdbi, "jdbi"));
    }

    @Override
    public void insert(Conversation conversation) {
        try {
            transactions.inTenant(conversation.tenantId(), handle -> handle.createUpdate("""
                            INSERT INTO conversation (tenant_id, id, owner_subject, mode, locked, created_at)
                            VALUES (:tenant, :id, :owner, :mode, :locked, :createdAt)""")
                    .bind("tenant", conversation.tenantId().value())
                    .bind("id", conversation.id().value())
                    .bind("owner", conversation.ownerSubject())
                    .bind("mode", conversation.mode().name())
                    .bind("locked", conversation.locked())
                    .bind("createdAt", OffsetDateTime.ofInstant(conversation.createdAt(), ZoneOffset.UTC))
                    .execute());
        } catch (UnableToExecuteStatementException e) {
            if (SqlStates.is(e, UNIQUE_VIOLATION)) {
                throw new AlreadyExistsException("conversation.exists",
                        "conversation " + conversation.id() + " already exists");
            }
            throw e;
        }
    }

    @Override
    public Optional<Conversation> find(TenantId tenantId, ConversationId id) {
        return transactions.inTenant(tenantId, handle -> handle.createQuery("""
                        SELECT tenant_id, id, owner_subject, mode, locked, created_at
                        FROM conversation WHERE tenant_id = :tenant AND id = :id""")
                .bind("tenant", tenantId.value())
                .bind("id", id.value())
                .map((rs, ctx) -> new Conversation(ConversationId.of(rs.getString("id")),
                        TenantId.of(rs.getString("tenant_id")), rs.getString("owner_subject"),
                        ConversationMode.valueOf(rs.getString("mode")), rs.getBoolean("locked"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .findOne());
    }

    @Override
    public void update(Conversation conversation) {
        int changed = transactions.inTenant(conversation.tenantId(), handle -> handle.createUpdate("""
                        UPDATE conversation SET mode = :mode, locked = :locked
                        WHERE tenant_id = :tenant AND id = :id""")
                .bind("tenant", conversation.tenantId().value())
                .bind("id", conversation.id().value())
                .bind("mode", conversation.mode().name())
                .bind("locked", conversation.locked())
                .execute());
        if (changed == 0) {
            throw new NotFoundException("conversation.not_found", "conversation " + conversation.id() + " was not found");
        }
    }
}
