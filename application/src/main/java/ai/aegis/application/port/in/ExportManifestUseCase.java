package ai.aegis.application.port.in;

/** {@code aegis.agent.export}, {@code aegis.workflow.export}: the deployable document of a manifest. */
public interface ExportManifestUseCase {

    ManifestExport export(GetManifestQuery query);
}
