package ai.aegis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;

class PostgresPersistenceTest {

    @Test
    void start_emptyDatabase_migratesAndIsReady() {
        try (PostgresPersistence persistence = PostgresPersistence.start(EmbeddedPostgresSupport.freshDatabase())) {
            assertThat(persistence.isReady()).isTrue();
            int applied = persistence.jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM flyway_schema_history WHERE success").mapTo(Integer.class).one());
            assertThat(applied).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void connections_anySession_runInUtc() {
        try (PostgresPersistence persistence = PostgresPersistence.start(EmbeddedPostgresSupport.freshDatabase())) {
            String zone = persistence.jdbi().withHandle(h -> h.createQuery("SHOW TimeZone").mapTo(String.class).one());
            assertThat(zone).isEqualTo("UTC");
        }
    }

    @Test
    void migrateOnly_runTwice_secondRunAppliesNothing() {
        JdbcSettings settings = EmbeddedPostgresSupport.freshDatabase();

        assertThat(PostgresPersistence.migrateOnly(settings)).isPositive();
        assertThat(PostgresPersistence.migrateOnly(settings)).isZero();
    }

    @Test
    void auditLog_updateOfARow_refusedByTheDatabase() {
        try (PostgresPersistence persistence = PostgresPersistence.start(EmbeddedPostgresSupport.freshDatabase())) {
            persistence.jdbi().useHandle(h -> h.execute("INSERT INTO audit_log (tenant_id, seq, occurred_at, actor_kind,"
                    + " actor_subject, action, decision, prev_hash, hash) VALUES ('acme', 1, now(), 'system', 's',"
                    + " 'test', 'recorded', '\\x00', '\\x01')"));

            assertThatThrownBy(() -> persistence.jdbi().useHandle(h -> h.execute(
                    "UPDATE audit_log SET action = 'forged' WHERE seq = 1")))
                    .isInstanceOf(UnableToExecuteStatementException.class)
                    .hasMessageContaining("append-only");
        }
    }

    @Test
    void settings_toString_neverShowsThePassword() {
        JdbcSettings settings = JdbcSettings.of("jdbc:postgresql://db:5432/aegis?password=hunter2", "aegis", "hunter2");

        assertThat(settings.toString()).doesNotContain("hunter2");
        assertThat(settings.safeUrl()).isEqualTo("jdbc:postgresql://db:5432/aegis");
    }

    @Test
    void tenantTransaction_databaseGone_failsFastAsStorageUnavailable() throws Exception {
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres own = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start();
        PostgresPersistence persistence = PostgresPersistence.start(
                JdbcSettings.of(own.getJdbcUrl("postgres", "postgres"), "postgres", null));
        try {
            ConversationPersistenceAdapter conversations = new ConversationPersistenceAdapter(persistence.jdbi());
            own.close();

            assertThatThrownBy(() -> conversations.find(ai.aegis.domain.identity.TenantId.of("acme-labs"),
                    ai.aegis.domain.conversation.ConversationId.of("c-1")))
                    .isInstanceOf(ai.aegis.domain.error.UnavailableException.class)
                    .hasFieldOrPropertyWithValue("code", "storage.unavailable");
            assertThat(persistence.isReady()).isFalse();
        } finally {
            persistence.close();
        }
    }
}
