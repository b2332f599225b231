package ai.aegis.adapters.mcp;

import ai.aegis.application.port.in.CreateVolumeCommand;
import ai.aegis.application.port.in.CreateVolumeUseCase;
import ai.aegis.application.port.in.DeleteTenantVolumeCommand;
import ai.aegis.application.port.in.DeleteTenantVolumeUseCase;
import ai.aegis.application.port.in.DeleteVolumeCommand;
import ai.aegis.application.port.in.DeleteVolumeUseCase;
import ai.aegis.application.port.in.GetVolumeQuotaQuery;
import ai.aegis.application.port.in.GetVolumeQuotaUseCase;
import ai.aegis.application.port.in.ListTenantVolumesQuery;
import ai.aegis.application.port.in.ListTenantVolumesUseCase;
import ai.aegis.application.port.in.ListVolumesQuery;
import ai.aegis.application.port.in.ListVolumesUseCase;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.volume.Volume;
import ai.aegis.domain.volume.VolumeName;
import ai.aegis.domain.volume.VolumeQuota;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Tenant volumes over MCP: {@code aegis.volume.create|list|delete|quota} in the caller's own
 * tenant, and the operators' {@code list_all|purge} of any tenant. Quotas, ownership and the audit
 * trail are the volume service's; this class only translates.
 */
final class VolumeToolHandlers {

    private final CreateVolumeUseCase create;
    private final ListVolumesUseCase list;
    private final DeleteVolumeUseCase delete;
    private final GetVolumeQuotaUseCase quota;
    private final ListTenantVolumesUseCase listTenant;
    private final DeleteTenantVolumeUseCase deleteTenant;

    VolumeToolHandlers(CreateVolumeUseCase create, ListVolumesUseCase list, DeleteVolumeUseCase delete,
                       GetVolumeQuotaUseCase quota, ListTenantVolumesUseCase listTenant,
                       DeleteTenantVolumeUseCase deleteTenant) {
        this.create = Objects.requireNonNull(create, "create");
        this.list = Objects.requireNonNull(list, "list");
        this.delete = Objects.requireNonNull(delete, "delete");
        this.quota = Objects.requireNonNull(quota, "quota");
        this.listTenant = Objects.requireNonNull(listTenant, "listTenant");
        this.deleteTenant = Objects.requireNonNull(deleteTenant, "deleteTenant");
    }

    void registerIn(McpToolRegistry registry) {
        registry.handle("aegis.volume.create", call -> describe(create.create(
                        new CreateVolumeCommand(call.caller().identity(), VolumeName.of(call.text("name"))))))
                .handle("aegis.volume.list", call -> Map.of("volumes", describeAll(list.list(
                        new ListVolumesQuery(call.caller().identity())))))
                .handle("aegis.volume.delete", call -> deleted(delete.delete(
                        new DeleteVolumeCommand(call.caller().identity(), VolumeName.of(call.text("name"))))))
                .handle("aegis.volume.quota", call -> describe(quota.quota(new GetVolumeQuotaQuery(call.caller().identity()))))
                .handle("aegis.volume.list_all", call -> Map.of("volumes", describeAll(listTenant.list(
                        new ListTenantVolumesQuery(call.caller().identity(), TenantId.of(call.text("tenant")))))))
                .handle("aegis.volume.purge", call -> deleted(deleteTenant.delete(new DeleteTenantVolumeCommand(
                        call.caller().identity(), TenantId.of(call.text("tenant")), VolumeName.of(call.text("name"))))));
    }

    private static List<Map<String, Object>> describeAll(List<Volume> volumes) {
        List<Map<String, Object>> described = new ArrayList<>();
        volumes.forEach(volume -> described.add(describe(volume)));
        return described;
    }

    private static Map<String, Object> describe(Volume volume) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", volume.name().toString());
        result.put("tenant", volume.tenantId().value());
        result.put("bytes_used", volume.bytesUsed());
        result.put("files", volume.fileCount());
        result.put("created_at", volume.createdAt().toString());
        result.put("last_used_at", volume.lastUsedAt().toString());
        volume.expiresAt().ifPresent(expiry -> result.put("expires_at", expiry.toString()));
        return result;
    }

    private static Map<String, Object> deleted(Volume volume) {
        Map<String, Object> result = describe(volume);
        result.put("deleted", true);
        return result;
    }

    private static Map<String, Object> describe(VolumeQuota quota) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("volumes", quota.volumeCount());
        result.put("volume_limit", quota.volumeLimit().isUnlimited() ? "unlimited" : quota.volumeLimit().max().getAsLong());
        result.put("bytes_used", quota.bytesUsed());
        result.put("bytes_limit", quota.bytesLimit());
        result.put("bytes_remaining", quota.bytesRemaining());
        result.put("max_file_bytes", quota.maxFileBytes());
        quota.ttl().ifPresent(ttl -> result.put("unused_volumes_expire_after_days", ttl.toDays()));
        return result;
    }
}
