package ai.aegis.application.port.in;

import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.registry.ManifestVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The arguments of a registry call that only operators may pass, exactly as the caller passed them
 * (absent when not passed, even if a default would apply): {@code tenant} (act on another tenant's
 * registry, audited), {@code force} (deploy a version that is not newer, or add a version through
 * {@code create}) and {@code version} (deploy under, read, or delete one exact version). A consumer
 * call that carries any of them is refused, naming them, instead of silently ignoring them.
 */
public record OperatorArguments(Optional<TenantId> tenant, Optional<Boolean> force, Optional<ManifestVersion> version) {

    private static final OperatorArguments NONE = new OperatorArguments(Optional.empty(), Optional.empty(), Optional.empty());

    public OperatorArguments {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(force, "force");
        Objects.requireNonNull(version, "version");
    }

    /** Nothing operator-only was passed. */
    public static OperatorArguments none() {
        return NONE;
    }

    public OperatorArguments withTenant(TenantId value) {
        return new OperatorArguments(Optional.of(value), force, version);
    }

    public OperatorArguments withForce(boolean value) {
        return new OperatorArguments(tenant, Optional.of(value), version);
    }

    public OperatorArguments withVersion(ManifestVersion value) {
        return new OperatorArguments(tenant, force, Optional.of(value));
    }

    /** The names of the arguments that were passed ({@code tenant}, {@code force}, {@code version}), in that order. */
    public List<String> supplied() {
        List<String> names = new ArrayList<>();
        tenant.ifPresent(t -> names.add("tenant"));
        force.ifPresent(f -> names.add("force"));
        version.ifPresent(v -> names.add("version"));
        return List.copyOf(names);
    }

    public boolean forced() {
        return force.orElse(false);
    }
}
