package ai.aegis.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.contract.ManifestFixtures;
import ai.aegis.application.port.in.GetManifestSchemaQuery;
import ai.aegis.application.port.in.ManifestSchema;
import ai.aegis.application.port.in.ValidateManifestCommand;
import ai.aegis.domain.registry.FieldError;
import ai.aegis.domain.registry.ManifestKind;
import ai.aegis.domain.registry.ManifestValidation;
import ai.aegis.domain.seal.CanonicalJson;
import org.junit.jupiter.api.Test;

class ManifestSchemaServiceTest {

    private final ManifestSchemaService service = new ManifestSchemaService();

    @Test
    void schema_eachKind_itsOwnIdAndJson() {
        ManifestSchema agent = service.schema(new GetManifestSchemaQuery(ManifestKind.AGENT));
        ManifestSchema workflow = service.schema(new GetManifestSchemaQuery(ManifestKind.WORKFLOW));

        assertThat(agent.id()).isEqualTo("urn:aegis:manifest:agent:v1");
        assertThat(workflow.id()).isEqualTo("urn:aegis:manifest:workflow:v1");
        assertThat(CanonicalJson.parse(agent.json())).isNotNull();
        assertThat(workflow.json()).contains("\"initial_state\"");
    }

    @Test
    void validate_validDocument_manifestNoErrors() {
        ManifestValidation result = service.validate(new ValidateManifestCommand(ManifestKind.WORKFLOW,
                ManifestFixtures.WORKFLOW));

        assertThat(result.isValid()).isTrue();
        assertThat(result.errors()).isEmpty();
    }

    @Test
    void validate_invalidDocument_errorsPointAtFields() {
        String doc = ManifestFixtures.agentDocument("csv", "1.0.0", "Reads.").replace("\"runtime\": \"bash\"",
                "\"runtime\": \"\"").replace("}", ", \"validation\": {\"expected_output\": \"\"}}");

        ManifestValidation result = service.validate(new ValidateManifestCommand(ManifestKind.AGENT, doc));

        assertThat(result.errors()).extracting(FieldError::pointer)
                .containsExactlyInAnyOrder("/runtime", "/validation/expected_output");
    }
}
