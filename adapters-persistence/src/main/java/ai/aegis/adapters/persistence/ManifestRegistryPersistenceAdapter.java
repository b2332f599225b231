package ai.aegis.adapters.persistence;

import ai.aegis.application.port.out.ManifestDeployment;
import ai.aegis.application.port.out.ManifestRegistryPort;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.registry.Manifest;
import ai.aegis.domain.registry.ManifestKind;
import ai.aegis.domain.registry.ManifestName;
import ai.aegis.domain.registry.ManifestPage;
import ai.aegis.domain.registry.ManifestPageRequest;
import ai.aegis.domain.registry.ManifestParser;
import ai.aegis.domain.registry.ManifestSummary;
import ai.aegis.domain.registry.ManifestVersion;
import ai.aegis.domain.registry.StoredManifest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.Query;

/**
 * The registry in PostgreSQL ({@code registry_manifest}, one row per version). Every statement runs
 * in {@link TenantTransactions#inTenant} and names the tenant in its {@code WHERE} clause.
 *
 * <p>A deploy takes a transaction-scoped advisory lock on (tenant, kind) first, then checks the
 * name rule, the duplicate and newer-version rules and the count of distinct names, and inserts —
 * all in one transaction, so the checks hold across instances. The primary key refuses a duplicate
 * version even without the lock. Deploy times are kept to the microsecond (PostgreSQL's precision).
 */
public final class ManifestRegistryPersistenceAdapter implements ManifestRegistryPort {

    /** First key of the registry's two-key advisory locks; the second is a hash of tenant and kind. */
    static final int LOCK_SPACE = 10;

    private static final String VERSION_DESC = "version_major DESC, version_minor DESC, version_patch DESC";
    private static final String ROW = "tenant_id, kind, name, version_major, version_minor, version_patch, document, "
            + "deployed_by, deployed_at";

    private final TenantTransactions transactions;

    public ManifestRegistryPersistenceAdapter(Jdbi jdbi) {
        this.transactions = new TenantTransactions(Objects.requireNonNull(jdbi, "jdbi"));
    }

    @Override
    public StoredManifest deploy(ManifestDeployment d) {
        Objects.requireNonNull(d, "deployment");
        Manifest manifest = d.manifest();
        ManifestKind kind = manifest.kind();
        ManifestName name = manifest.name();
        ManifestVersion version = manifest.version();
        StoredManifest stored = new StoredManifest(d.tenantId(), manifest, d.deployedBy(),
                d.at().truncatedTo(ChronoUnit.MICROS));
        try {
            return transactions.inTenant(d.tenantId(), handle -> {
                handle.createUpdate("SELECT pg_advisory_xact_lock(:space, hashtext(:tenant || '/' || :kind))")
                        .bind("space", LOCK_SPACE).bind("tenant", d.tenantId().value()).bind("kind", kind.slug())
                        .execute();
                List<ManifestVersion> versions = versions(handle, d.tenantId(), kind, name);
                boolean exists = !versions.isEmpty();
                if (exists && d.nameRule() == ManifestDeployment.NameRule.MUST_BE_NEW) {
                    throw new AlreadyExistsException("registry.name_exists", "a " + kind.slug() + " named " + name
                            + " already exists; deploy a new version with update");
                }
                if (!exists && d.nameRule() == ManifestDeployment.NameRule.MUST_EXIST) {
                    throw new NotFoundException("registry.not_found", "no " + kind.slug() + " named " + name
                            + " was found; deploy its first version with create");
                }
                if (versions.contains(version)) {
                    throw versionExists(kind, name, version);
                }
                if (exists && d.requireNewer() && !version.isNewerThan(versions.get(0))) {
                    throw new PreconditionFailedException("registry.version_not_newer", "version " + version
                            + " is not newer than the latest version " + versions.get(0) + " of " + kind.slug() + " "
                            + name);
                }
                if (!exists) {
                    long names = countNames(handle, d.tenantId(), kind);
                    if (!d.nameLimit().allowsOneMore(names)) {
                        throw new LimitExceededException("limit." + kind.slug() + "_count", "the tenant already holds "
                                + names + " " + kind.slug() + "s, the most its plan allows (" + d.nameLimit()
                                + "); delete one first");
                    }
                }
                handle.createUpdate("INSERT INTO registry_manifest (tenant_id, kind, name, version_major, version_minor, "
                                + "version_patch, description, document, deployed_by, deployed_at) VALUES (:tenant, :kind, "
                                + ":name, :major, :minor, :patch, :description, :document, :by, :at)")
                        .bind("tenant", d.tenantId().value())
                        .bind("kind", kind.slug())
                        .bind("name", name.value())
                        .bind("major", version.major())
                        .bind("minor", version.minor())
                        .bind("patch", version.patch())
                        .bind("description", manifest.description())
                        .bind("document", manifest.document())
                        .bind("by", d.deployedBy())
                        .bind("at", OffsetDateTime.ofInstant(stored.deployedAt(), ZoneOffset.UTC))
                        .execute();
                return stored;
            });
        } catch (JdbiException e) {
            if (SqlStates.is(e, "23505")) {
                throw versionExists(kind, name, version);
            }
            throw e;
        }
    }

    private static AlreadyExistsException versionExists(ManifestKind kind, ManifestName name, ManifestVersion version) {
        return new AlreadyExistsException("registry.version_exists", "version " + version + " of " + kind.slug() + " "
                + name + " is already deployed; deployed versions never change, so raise the version");
    }

    @Override
    public Optional<StoredManifest> findLatest(TenantId tenantId, ManifestKind kind, ManifestName name) {
        return transactions.inTenant(tenantId, handle -> handle.createQuery("SELECT " + ROW
                        + " FROM registry_manifest WHERE tenant_id = :tenant AND kind = :kind AND name = :name ORDER BY "
                        + VERSION_DESC + " LIMIT 1")
                .bind("tenant", tenantId.value()).bind("kind", kind.slug()).bind("name", name.value())
                .map((rs, ctx) -> stored(rs))
                .findOne());
    }

    @Override
    public Optional<StoredManifest> find(TenantId tenantId, ManifestKind kind, ManifestName name,
            ManifestVersion version) {
        return transactions.inTenant(tenantId, handle -> handle.createQuery("SELECT " + ROW
                        + " FROM registry_manifest WHERE tenant_id = :tenant AND kind = :kind AND name = :name "
                        + "AND version_major = :major AND version_minor = :minor AND version_patch = :patch")
                .bind("tenant", tenantId.value()).bind("kind", kind.slug()).bind("name", name.value())
                .bind("major", version.major()).bind("minor", version.minor()).bind("patch", version.patch())
                .map((rs, ctx) -> stored(rs))
                .findOne());
    }

    @Override
    public List<ManifestVersion> versions(TenantId tenantId, ManifestKind kind, ManifestName name) {
        return transactions.inTenant(tenantId, handle -> versions(handle, tenantId, kind, name));
    }

    private static List<ManifestVersion> versions(Handle handle, TenantId tenantId, ManifestKind kind,
            ManifestName name) {
        return handle.createQuery("SELECT version_major, version_minor, version_patch FROM registry_manifest "
                        + "WHERE tenant_id = :tenant AND kind = :kind AND name = :name ORDER BY " + VERSION_DESC)
                .bind("tenant", tenantId.value()).bind("kind", kind.slug()).bind("name", name.value())
                .map((rs, ctx) -> new ManifestVersion(rs.getInt("version_major"), rs.getInt("version_minor"),
                        rs.getInt("version_patch")))
                .list();
    }

    @Override
    public ManifestPage list(TenantId tenantId, ManifestKind kind, ManifestPageRequest page) {
        return page(tenantId, kind, Optional.empty(), page);
    }

    @Override
    public ManifestPage search(TenantId tenantId, ManifestKind kind, String text, ManifestPageRequest page) {
        Objects.requireNonNull(text, "text");
        return page(tenantId, kind, Optional.of(text), page);
    }

    /**
     * The latest version of each name after the cursor, optionally filtered by a text the name or
     * description contains; one row more than the page is read to know whether another page follows.
     * {@code strpos} matches the text literally ({@code %} and {@code _} are not wildcards).
     */
    private ManifestPage page(TenantId tenantId, ManifestKind kind, Optional<String> text, ManifestPageRequest page) {
        String sql = "SELECT name, version_major, version_minor, version_patch, description, deployed_by, deployed_at "
                + "FROM (SELECT DISTINCT ON (name) name, version_major, version_minor, version_patch, description, "
                + "deployed_by, deployed_at FROM registry_manifest WHERE tenant_id = :tenant AND kind = :kind"
                + (page.after().isPresent() ? " AND name > :after" : "")
                + " ORDER BY name, " + VERSION_DESC + ") latest"
                + (text.isPresent() ? " WHERE strpos(lower(name), lower(:text)) > 0 "
                        + "OR strpos(lower(description), lower(:text)) > 0" : "")
                + " ORDER BY name LIMIT :limit";
        List<ManifestSummary> rows = transactions.inTenant(tenantId, handle -> {
            Query query = handle.createQuery(sql)
                    .bind("tenant", tenantId.value()).bind("kind", kind.slug()).bind("limit", page.limit() + 1);
            page.after().ifPresent(after -> query.bind("after", after.value()));
            text.ifPresent(t -> query.bind("text", t));
            return query.map((rs, ctx) -> new ManifestSummary(kind, ManifestName.of(rs.getString("name")),
                    new ManifestVersion(rs.getInt("version_major"), rs.getInt("version_minor"), rs.getInt("version_patch")),
                    rs.getString("description"), rs.getString("deployed_by"),
                    rs.getObject("deployed_at", OffsetDateTime.class).toInstant())).list();
        });
        if (rows.size() > page.limit()) {
            List<ManifestSummary> items = rows.subList(0, page.limit());
            return new ManifestPage(items, Optional.of(items.get(items.size() - 1).name()));
        }
        return new ManifestPage(rows, Optional.empty());
    }

    @Override
    public int delete(TenantId tenantId, ManifestKind kind, ManifestName name, Optional<ManifestVersion> version) {
        return transactions.inTenant(tenantId, handle -> {
            if (version.isEmpty()) {
                return handle.createUpdate("DELETE FROM registry_manifest WHERE tenant_id = :tenant AND kind = :kind "
                                + "AND name = :name")
                        .bind("tenant", tenantId.value()).bind("kind", kind.slug()).bind("name", name.value())
                        .execute();
            }
            ManifestVersion v = version.get();
            return handle.createUpdate("DELETE FROM registry_manifest WHERE tenant_id = :tenant AND kind = :kind "
                            + "AND name = :name AND version_major = :major AND version_minor = :minor "
                            + "AND version_patch = :patch")
                    .bind("tenant", tenantId.value()).bind("kind", kind.slug()).bind("name", name.value())
                    .bind("major", v.major()).bind("minor", v.minor()).bind("patch", v.patch())
                    .execute();
        });
    }

    @Override
    public long countNames(TenantId tenantId, ManifestKind kind) {
        return transactions.inTenant(tenantId, handle -> countNames(handle, tenantId, kind));
    }

    private static long countNames(Handle handle, TenantId tenantId, ManifestKind kind) {
        return handle.createQuery("SELECT count(DISTINCT name) FROM registry_manifest WHERE tenant_id = :tenant "
                        + "AND kind = :kind")
                .bind("tenant", tenantId.value()).bind("kind", kind.slug())
                .mapTo(Long.class).one();
    }

    private static StoredManifest stored(ResultSet rs) throws SQLException {
        ManifestKind kind = ManifestKind.parse(rs.getString("kind"));
        Manifest manifest = ManifestParser.parse(kind, rs.getString("document")).orThrow();
        return new StoredManifest(TenantId.of(rs.getString("tenant_id")), manifest, rs.getString("deployed_by"),
                rs.getObject("deployed_at", OffsetDateTime.class).toInstant());
    }
}
