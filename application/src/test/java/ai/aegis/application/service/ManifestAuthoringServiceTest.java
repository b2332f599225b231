package ai.aegis.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.memory.InMemoryAuditLogAdapter;
import ai.aegis.application.memory.InMemoryClockAdapter;
import ai.aegis.application.memory.InMemoryLanguageModelAdapter;
import ai.aegis.application.memory.InMemoryLimitOverridesAdapter;
import ai.aegis.application.memory.InMemoryManifestRegistryAdapter;
import ai.aegis.application.memory.InMemoryTenantAccountAdapter;
import ai.aegis.application.memory.InMemoryUserModelKeyAdapter;
import ai.aegis.application.port.in.AdmitRateLimitedCallCommand;
import ai.aegis.application.port.in.GenerateManifestCommand;
import ai.aegis.application.port.in.GeneratedManifest;
import ai.aegis.application.port.out.ModelApiKey;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.error.UnavailableException;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.limits.RateLimitedResource;
import ai.aegis.domain.registry.ManifestKind;
import ai.aegis.domain.registry.ManifestName;
import ai.aegis.domain.tenancy.UserAccount;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ManifestAuthoringServiceTest {

    private static final String INVALID = "{\"format\": \"aegis/v1\", \"kind\": \"agent\", \"name\": \"csv-summariser\","
            + " \"version\": \"1.0.0\", \"description\": \"Summarises a CSV file.\", \"runtime\": \"python:3.12\"}";
    private static final String VALID = "```json\n{\"format\": \"aegis/v1\", \"kind\": \"agent\", \"name\": \"csv-summariser\","
            + " \"version\": \"1.0.0\", \"description\": \"Summarises a CSV file.\", \"runtime\": \"python:3.12\","
            + " \"instructions\": \"Read the CSV in /workspace and print a summary.\"}\n```";

    private final InMemoryClockAdapter clock = new InMemoryClockAdapter(Instant.parse("2026-11-28T12:00:00Z"));
    private final InMemoryAuditLogAdapter audit = new InMemoryAuditLogAdapter();
    private final InMemoryManifestRegistryAdapter registry = new InMemoryManifestRegistryAdapter();
    private final InMemoryLimitOverridesAdapter overrides = new InMemoryLimitOverridesAdapter();
    private final ManifestRegistryService registryService = new ManifestRegistryService(registry, overrides, audit, clock);
    private final List<AdmitRateLimitedCallCommand> admitted = new CopyOnWriteArrayList<>();
    private final Identity.ZaruUser pro = ServiceFixture.user("author", ZaruTier.PRO);
    private final InMemoryTenantAccountAdapter accounts = new InMemoryTenantAccountAdapter();
    private final InMemoryUserModelKeyAdapter modelKeys = new InMemoryUserModelKeyAdapter();

    private ManifestAuthoringService service(InMemoryLanguageModelAdapter model) {
        return new ManifestAuthoringService(model, new ManifestSchemaService(), registryService, admitted::add, overrides,
                accounts, modelKeys, audit, clock);
    }

    @Test
    void generate_byokUserWithStoredKey_modelCalledWithTheirKeyAndCallsExemptFromLlmLimits() {
        InMemoryLanguageModelAdapter model = InMemoryLanguageModelAdapter.answering(VALID);
        accounts.saveUser(UserAccount.standard(pro.tenantId(), pro.subject()).withByok(true));
        ModelApiKey own = ModelApiKey.of("sk-their-own-key-123");
        modelKeys.save(pro.tenantId(), pro.subject(), own);

        service(model).generate(new GenerateManifestCommand(pro, ManifestKind.AGENT, "an agent", sentence -> { }));

        assertThat(model.requests()).singleElement().satisfies(request -> assertThat(request.userKey()).contains(own));
        assertThat(admitted).isNotEmpty().allSatisfy(command -> assertThat(command.byok()).isTrue());
    }

    @Test
    void generate_byokUserWithoutStoredKey_refusedBeforeAnyModelCall() {
        InMemoryLanguageModelAdapter model = InMemoryLanguageModelAdapter.answering(VALID);
        accounts.saveUser(UserAccount.standard(pro.tenantId(), pro.subject()).withByok(true));

        assertThatThrownBy(() -> service(model).generate(new GenerateManifestCommand(pro, ManifestKind.AGENT, "an agent",
                sentence -> { })))
                .hasMessageContaining("aegis.user.update")
                .extracting(e -> ((DomainException) e).code()).isEqualTo("model.byok_key_missing");
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void generate_keyStoredButByokOff_serverKeyAndLimitsApply() {
        InMemoryLanguageModelAdapter model = InMemoryLanguageModelAdapter.answering(VALID);
        modelKeys.save(pro.tenantId(), pro.subject(), ModelApiKey.of("sk-their-own-key-123"));

        service(model).generate(new GenerateManifestCommand(pro, ManifestKind.AGENT, "an agent", sentence -> { }));

        assertThat(model.requests()).singleElement().satisfies(request -> assertThat(request.userKey()).isEmpty());
        assertThat(admitted).isNotEmpty().allSatisfy(command -> assertThat(command.byok()).isFalse());
    }

    @Test
    void generate_invalidDraftThenValid_errorsFedBackAndDeployedInOwnTenant() {
        InMemoryLanguageModelAdapter model = InMemoryLanguageModelAdapter.answering(INVALID, VALID);
        List<String> progress = new CopyOnWriteArrayList<>();

        GeneratedManifest generated = service(model).generate(new GenerateManifestCommand(pro, ManifestKind.AGENT,
                "an agent that summarises CSV files", progress::add));

        assertThat(generated.attempts()).isEqualTo(2);
        assertThat(generated.deployed().tenantId()).isEqualTo(pro.tenantId());
        assertThat(registry.findLatest(pro.tenantId(), ManifestKind.AGENT, ManifestName.of("csv-summariser"))).isPresent();
        assertThat(model.requests().get(1).messages().get(3).content()).contains("/instructions");
        assertThat(progress).containsExactlyElementsOf(generated.steps());
        assertThat(progress.get(0)).isEqualTo("Attempt 1 of 5: the model is drafting the agent.");
        assertThat(progress.get(1)).startsWith("Attempt 1 of 5: the draft was not valid (").contains("instructions")
                .endsWith("so the model is fixing it.");
        assertThat(progress.get(progress.size() - 1))
                .isEqualTo("Done after 2 attempts: agent 'csv-summariser' version 1.0.0 is deployed in your own workspace.");
        assertThat(admitted).extracting(AdmitRateLimitedCallCommand::resource).containsExactly(RateLimitedResource.LLM_CALL,
                RateLimitedResource.LLM_TOKEN, RateLimitedResource.LLM_CALL, RateLimitedResource.LLM_TOKEN);
        assertThat(audit.all()).extracting(AuditRecord::action).contains("agent.generate");
    }

    @Test
    void generate_noValidDraftWithinTheCap_refusedNamingTheLastProblems() {
        InMemoryLanguageModelAdapter model = InMemoryLanguageModelAdapter.answering(INVALID, INVALID, INVALID, INVALID,
                INVALID);

        assertThatThrownBy(() -> service(model).generate(new GenerateManifestCommand(pro, ManifestKind.AGENT,
                "an agent", sentence -> { })))
                .isInstanceOf(PreconditionFailedException.class)
                .hasMessageContaining("within 5 attempts").hasMessageContaining("instructions");
        assertThat(model.requests()).hasSize(5);
        assertThat(audit.all()).filteredOn(record -> record.action().equals("agent.generate"))
                .extracting(AuditRecord::decision).containsExactly(AuditDecision.DENIED);
    }

    @Test
    void generate_withoutAModel_refusedNamingTheSettingsAndAudited() {
        assertThatThrownBy(() -> service(InMemoryLanguageModelAdapter.notConfigured()).generate(
                new GenerateManifestCommand(pro, ManifestKind.WORKFLOW, "a review workflow", sentence -> { })))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("AEGIS_MODEL_BASE_URL").hasMessageContaining("AEGIS_MODEL_NAME");
        assertThat(audit.all()).filteredOn(record -> record.action().equals("workflow.generate"))
                .extracting(AuditRecord::reasonCode).containsExactly("model.not_configured");
    }

    @Test
    void generate_modelCallsOverTheRateLimit_refusedBeforeTheModelIsAsked() {
        InMemoryLanguageModelAdapter model = InMemoryLanguageModelAdapter.answering(VALID);
        ManifestAuthoringService limited = new ManifestAuthoringService(model, new ManifestSchemaService(), registryService,
                command -> {
                    throw new LimitExceededException("limit.rate.llm_call", "rate limit reached: at most 0 model calls");
                }, overrides, new InMemoryTenantAccountAdapter(), new InMemoryUserModelKeyAdapter(), audit, clock);

        assertThatThrownBy(() -> limited.generate(new GenerateManifestCommand(pro, ManifestKind.AGENT, "an agent",
                sentence -> { }))).isInstanceOf(LimitExceededException.class);
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void jsonOf_answerWithProseAndFence_takesTheDocument() {
        assertThat(ManifestAuthoringService.jsonOf("Sure! Here it is:\n```json\n{\"a\": 1}\n```\nEnjoy."))
                .isEqualTo("{\"a\": 1}");
        assertThat(ManifestAuthoringService.jsonOf("The manifest: {\"a\": {\"b\": 2}} done")).isEqualTo("{\"a\": {\"b\": 2}}");
    }
}
