package ai.aegis.application.port.out;

import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.registry.ManifestKind;
import ai.aegis.domain.registry.ManifestName;
import ai.aegis.domain.registry.ManifestPage;
import ai.aegis.domain.registry.ManifestPageRequest;
import ai.aegis.domain.registry.ManifestVersion;
import ai.aegis.domain.registry.StoredManifest;
import java.util.List;
import java.util.Optional;

/**
 * The agent and workflow registry: per tenant and kind, names with immutable versions. Every
 * operation is scoped to one tenant; another tenant's names read as absent. Agents and workflows
 * are separate namespaces (an agent and a workflow may share a name).
 *
 * <p>{@link #deploy} is atomic across every instance sharing the store: its checks (name rule,
 * duplicate version, newer version, count of distinct names) and the write happen as one step, so
 * twenty racing deploys of new names into a tenant with room for five leave exactly five.
 */
public interface ManifestRegistryPort {

    /**
     * Stores one new version.
     *
     * @throws AlreadyExistsException {@code registry.name_exists} when the rule is
     *     {@link ManifestDeployment.NameRule#MUST_BE_NEW} and the name exists;
     *     {@code registry.version_exists} when that version of the name is already deployed
     * @throws NotFoundException {@code registry.not_found} when the rule is
     *     {@link ManifestDeployment.NameRule#MUST_EXIST} and the name does not exist
     * @throws PreconditionFailedException {@code registry.version_not_newer} when a newer version is
     *     required and the version is not above the latest
     * @throws LimitExceededException {@code limit.agent_count} or {@code limit.workflow_count} when the
     *     name is new and the tenant already holds {@code nameLimit} names of that kind
     */
    StoredManifest deploy(ManifestDeployment deployment);

    /** The newest version of a name. */
    Optional<StoredManifest> findLatest(TenantId tenantId, ManifestKind kind, ManifestName name);

    /** One exact version of a name. */
    Optional<StoredManifest> find(TenantId tenantId, ManifestKind kind, ManifestName name, ManifestVersion version);

    /** Every deployed version of a name, newest first; empty when the name does not exist. */
    List<ManifestVersion> versions(TenantId tenantId, ManifestKind kind, ManifestName name);

    /** Names of a kind with their latest versions, in name order, one page at a time. */
    ManifestPage list(TenantId tenantId, ManifestKind kind, ManifestPageRequest page);

    /**
     * Like {@link #list}, keeping only names whose name or latest description contains {@code text}
     * (ignoring case).
     */
    ManifestPage search(TenantId tenantId, ManifestKind kind, String text, ManifestPageRequest page);

    /**
     * Removes every version of a name, or only {@code version} when given; answers how many versions
     * were removed (0 when there was nothing to remove).
     */
    int delete(TenantId tenantId, ManifestKind kind, ManifestName name, Optional<ManifestVersion> version);

    /** How many distinct names of a kind the tenant holds. */
    long countNames(TenantId tenantId, ManifestKind kind);
}
