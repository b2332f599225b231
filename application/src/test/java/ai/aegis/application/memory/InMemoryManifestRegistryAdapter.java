package ai.aegis.application.memory;

import ai.aegis.application.port.out.ManifestDeployment;
import ai.aegis.application.port.out.ManifestRegistryPort;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.registry.ManifestKind;
import ai.aegis.domain.registry.ManifestName;
import ai.aegis.domain.registry.ManifestPage;
import ai.aegis.domain.registry.ManifestPageRequest;
import ai.aegis.domain.registry.ManifestSummary;
import ai.aegis.domain.registry.ManifestVersion;
import ai.aegis.domain.registry.StoredManifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/** The registry in memory: one lock makes every deploy's checks and write one atomic step. */
public final class InMemoryManifestRegistryAdapter implements ManifestRegistryPort {

    private record Key(TenantId tenant, ManifestKind kind) {
    }

    /** Per tenant and kind: name → versions, newest last. */
    private final Map<Key, NavigableMap<ManifestName, NavigableMap<ManifestVersion, StoredManifest>>> store = new HashMap<>();

    private NavigableMap<ManifestName, NavigableMap<ManifestVersion, StoredManifest>> names(TenantId tenant,
            ManifestKind kind) {
        return store.computeIfAbsent(new Key(tenant, kind), k -> new TreeMap<>());
    }

    @Override
    public synchronized StoredManifest deploy(ManifestDeployment d) {
        ManifestKind kind = d.manifest().kind();
        ManifestName name = d.manifest().name();
        ManifestVersion version = d.manifest().version();
        NavigableMap<ManifestName, NavigableMap<ManifestVersion, StoredManifest>> names = names(d.tenantId(), kind);
        NavigableMap<ManifestVersion, StoredManifest> versions = names.get(name);
        boolean exists = versions != null && !versions.isEmpty();
        if (exists && d.nameRule() == ManifestDeployment.NameRule.MUST_BE_NEW) {
            throw new AlreadyExistsException("registry.name_exists", "a " + kind.slug() + " named " + name
                    + " already exists; deploy a new version with update");
        }
        if (!exists && d.nameRule() == ManifestDeployment.NameRule.MUST_EXIST) {
            throw new NotFoundException("registry.not_found", "no " + kind.slug() + " named " + name
                    + " was found; deploy its first version with create");
        }
        if (exists && versions.containsKey(version)) {
            throw new AlreadyExistsException("registry.version_exists", "version " + version + " of " + kind.slug()
                    + " " + name + " is already deployed; deployed versions never change, so raise the version");
        }
        if (exists && d.requireNewer() && !version.isNewerThan(versions.lastKey())) {
            throw new PreconditionFailedException("registry.version_not_newer", "version " + version
                    + " is not newer than the latest version " + versions.lastKey() + " of " + kind.slug() + " " + name);
        }
        if (!exists && !d.nameLimit().allowsOneMore(names.size())) {
            throw countExceeded(kind, names.size(), d);
        }
        StoredManifest stored = new StoredManifest(d.tenantId(), d.manifest(), d.deployedBy(), d.at());
        names.computeIfAbsent(name, n -> new TreeMap<>()).put(version, stored);
        return stored;
    }

    static LimitExceededException countExceeded(ManifestKind kind, long current, ManifestDeployment d) {
        return new LimitExceededException("limit." + kind.slug() + "_count", "the tenant already holds " + current
                + " " + kind.slug() + "s, the most its plan allows (" + d.nameLimit() + "); delete one first");
    }

    @Override
    public synchronized Optional<StoredManifest> findLatest(TenantId tenantId, ManifestKind kind, ManifestName name) {
        NavigableMap<ManifestVersion, StoredManifest> versions = names(tenantId, kind).get(name);
        return versions == null || versions.isEmpty() ? Optional.empty() : Optional.of(versions.lastEntry().getValue());
    }

    @Override
    public synchronized Optional<StoredManifest> find(TenantId tenantId, ManifestKind kind, ManifestName name,
            ManifestVersion version) {
        NavigableMap<ManifestVersion, StoredManifest> versions = names(tenantId, kind).get(name);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
    }

    @Override
    public synchronized List<ManifestVersion> versions(TenantId tenantId, ManifestKind kind, ManifestName name) {
        NavigableMap<ManifestVersion, StoredManifest> versions = names(tenantId, kind).get(name);
        return versions == null ? List.of() : List.copyOf(versions.descendingKeySet());
    }

    @Override
    public synchronized ManifestPage list(TenantId tenantId, ManifestKind kind, ManifestPageRequest page) {
        return page(tenantId, kind, page, s -> true);
    }

    @Override
    public synchronized ManifestPage search(TenantId tenantId, ManifestKind kind, String text, ManifestPageRequest page) {
        String needle = text.toLowerCase(Locale.ROOT);
        return page(tenantId, kind, page, s -> s.name().value().toLowerCase(Locale.ROOT).contains(needle)
                || s.description().toLowerCase(Locale.ROOT).contains(needle));
    }

    private ManifestPage page(TenantId tenantId, ManifestKind kind, ManifestPageRequest page,
            Predicate<ManifestSummary> keep) {
        NavigableMap<ManifestName, NavigableMap<ManifestVersion, StoredManifest>> names = names(tenantId, kind);
        NavigableMap<ManifestName, NavigableMap<ManifestVersion, StoredManifest>> rest = page.after().isPresent()
                ? names.tailMap(page.after().get(), false) : names;
        List<ManifestSummary> items = new ArrayList<>();
        for (NavigableMap<ManifestVersion, StoredManifest> versions : rest.values()) {
            ManifestSummary summary = versions.lastEntry().getValue().summary();
            if (!keep.test(summary)) {
                continue;
            }
            if (items.size() == page.limit()) {
                return new ManifestPage(items, Optional.of(items.get(items.size() - 1).name()));
            }
            items.add(summary);
        }
        return new ManifestPage(items, Optional.empty());
    }

    @Override
    public synchronized int delete(TenantId tenantId, ManifestKind kind, ManifestName name,
            Optional<ManifestVersion> version) {
        NavigableMap<ManifestName, NavigableMap<ManifestVersion, StoredManifest>> names = names(tenantId, kind);
        NavigableMap<ManifestVersion, StoredManifest> versions = names.get(name);
        if (versions == null) {
            return 0;
        }
        if (version.isEmpty()) {
            names.remove(name);
            return versions.size();
        }
        if (versions.remove(version.get()) == null) {
            return 0;
        }
        if (versions.isEmpty()) {
            names.remove(name);
        }
        return 1;
    }

    @Override
    public synchronized long countNames(TenantId tenantId, ManifestKind kind) {
        return names(tenantId, kind).size();
    }
}
