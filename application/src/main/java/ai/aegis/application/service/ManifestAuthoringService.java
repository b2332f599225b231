package ai.aegis.application.service;

import ai.aegis.application.port.in.AdmitRateLimitedCallCommand;
import ai.aegis.application.port.in.AdmitRateLimitedCallUseCase;
import ai.aegis.application.port.in.DeployOwnManifestCommand;
import ai.aegis.application.port.in.DeployOwnManifestUseCase;
import ai.aegis.application.port.in.GenerateManifestCommand;
import ai.aegis.application.port.in.GenerateManifestUseCase;
import ai.aegis.application.port.in.GeneratedManifest;
import ai.aegis.application.port.in.GetManifestSchemaQuery;
import ai.aegis.application.port.in.GetManifestSchemaUseCase;
import ai.aegis.application.port.out.AuditLogPort;
import ai.aegis.application.port.out.ChatCompletion;
import ai.aegis.application.port.out.ChatCompletionRequest;
import ai.aegis.application.port.out.ChatMessage;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.LanguageModelPort;
import ai.aegis.application.port.out.LimitOverridesPort;
import ai.aegis.application.port.out.ModelApiKey;
import ai.aegis.application.port.out.TenantAccountPort;
import ai.aegis.application.port.out.UserModelKeyPort;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.error.UnavailableException;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.limits.RateLimitedResource;
import ai.aegis.domain.limits.ResourceLimits;
import ai.aegis.domain.registry.FieldError;
import ai.aegis.domain.registry.ManifestKind;
import ai.aegis.domain.registry.ManifestParser;
import ai.aegis.domain.registry.ManifestValidation;
import ai.aegis.domain.registry.StoredManifest;
import ai.aegis.domain.tenancy.TenantScope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The authoring loop behind {@link GenerateManifestUseCase}. Model calls happen outside any database
 * transaction (they take seconds); the deployment is audited by the registry, and the generation
 * itself gets one audit record when it ends, allowed or with the refusal's code.
 */
public final class ManifestAuthoringService implements GenerateManifestUseCase {

    /** At most this many drafts, whatever the tier allows: each is a model call of several seconds. */
    static final int MAX_ATTEMPTS = 5;
    /** The loop stops starting new drafts after this, to answer within an MCP client's 120 s timeout. */
    static final Duration TIME_BUDGET = Duration.ofSeconds(90);
    private static final int MAX_ANSWER_TOKENS = 4096;
    private static final int ERRORS_SHOWN = 3;

    private final LanguageModelPort model;
    private final GetManifestSchemaUseCase schemas;
    private final DeployOwnManifestUseCase deploy;
    private final AdmitRateLimitedCallUseCase limits;
    private final LimitOverridesPort overrides;
    private final OwnModelKeys ownKeys;
    private final ClockPort clock;
    private final Auditor auditor;

    public ManifestAuthoringService(LanguageModelPort model, GetManifestSchemaUseCase schemas,
            DeployOwnManifestUseCase deploy, AdmitRateLimitedCallUseCase limits, LimitOverridesPort overrides,
            TenantAccountPort accounts, UserModelKeyPort modelKeys, AuditLogPort auditLog, ClockPort clock) {
        this.model = Objects.requireNonNull(model, "model");
        this.schemas = Objects.requireNonNull(schemas, "schemas");
        this.deploy = Objects.requireNonNull(deploy, "deploy");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.overrides = Objects.requireNonNull(overrides, "overrides");
        this.ownKeys = new OwnModelKeys(accounts, modelKeys);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = new Auditor(Objects.requireNonNull(auditLog, "auditLog"), clock);
    }

    @Override
    public GeneratedManifest generate(GenerateManifestCommand command) {
        Identity identity = command.identity();
        String action = command.kind().slug() + ".generate";
        try {
            GeneratedManifest generated = loop(command);
            auditor.record(identity, action, Optional.of(generated.deployed().name().value()), AuditDecision.ALLOWED,
                    Auditor.ALLOWED);
            return generated;
        } catch (DomainException refusal) {
            auditor.record(identity, action, Optional.empty(), AuditDecision.DENIED, refusal.code());
            throw refusal;
        }
    }

    private GeneratedManifest loop(GenerateManifestCommand command) {
        String what = command.kind().slug();
        if (!model.isConfigured()) {
            throw new UnavailableException(LanguageModelPort.NOT_CONFIGURED, "aegis." + what + ".generate needs a language "
                    + "model, and none is configured on this server: the operator sets AEGIS_MODEL_BASE_URL and "
                    + "AEGIS_MODEL_NAME (and AEGIS_MODEL_API_KEY when the provider needs one)");
        }
        Identity identity = command.identity();
        Optional<ModelApiKey> ownKey = ownKey(identity);
        boolean byok = ownKey.isPresent();
        int cap = Math.min(MAX_ATTEMPTS, iterationCap(identity));
        Instant stopStarting = clock.now().plus(TIME_BUDGET);
        List<String> steps = new ArrayList<>();
        List<ChatMessage> conversation = new ArrayList<>();
        conversation.add(ChatMessage.system(instructions(command.kind())));
        conversation.add(ChatMessage.user(command.intent()));
        List<FieldError> lastProblems = List.of();
        for (int attempt = 1; attempt <= cap; attempt++) {
            if (attempt > 1 && !clock.now().isBefore(stopStarting)) {
                break;
            }
            step(command, steps, "Attempt " + attempt + " of " + cap + ": the model is drafting the " + what
                    + (attempt == 1 ? "." : " again with those problems in mind."));
            limits.admit(AdmitRateLimitedCallCommand.of(identity, RateLimitedResource.LLM_CALL, byok));
            ChatCompletion answer = model.complete(new ChatCompletionRequest(conversation,
                    OptionalInt.of(MAX_ANSWER_TOKENS), ownKey));
            long tokens = answer.usage().promptTokens() + answer.usage().completionTokens();
            if (tokens > 0) {
                limits.admit(AdmitRateLimitedCallCommand.llmTokens(identity, tokens, byok));
            }
            String draft = jsonOf(answer.text());
            ManifestValidation validation = ManifestParser.parse(command.kind(), draft);
            if (validation.isValid()) {
                StoredManifest deployed = deploy.deployOwn(new DeployOwnManifestCommand(identity,
                        validation.manifest().get()));
                step(command, steps, "Done after " + attempt + (attempt == 1 ? " attempt" : " attempts") + ": "
                        + what + " '" + deployed.name().value() + "' version " + deployed.version()
                        + " is deployed in your own workspace.");
                return new GeneratedManifest(deployed, attempt, steps);
            }
            lastProblems = validation.errors();
            step(command, steps, "Attempt " + attempt + " of " + cap + ": the draft was not valid ("
                    + describe(lastProblems) + "), so the model is fixing it.");
            conversation.add(ChatMessage.assistant(answer.text()));
            conversation.add(ChatMessage.user("That manifest is not valid. Problems, each with the field it is in:\n"
                    + list(lastProblems) + "\nAnswer with the whole corrected JSON document only."));
        }
        throw new PreconditionFailedException("authoring.no_valid_draft", "the model did not produce a valid " + what
                + " within " + cap + (cap == 1 ? " attempt" : " attempts") + "; the last problems were: "
                + describe(lastProblems) + ". Try describing it more precisely");
    }

    private void step(GenerateManifestCommand command, List<String> steps, String sentence) {
        steps.add(sentence);
        command.progress().accept(sentence);
    }

    private String instructions(ManifestKind kind) {
        return "You write AEGIS " + kind.slug() + " manifests. Answer with exactly one JSON document and nothing else"
                + " (no prose, no code fences). It must have \"format\": \"aegis/v1\" and \"kind\": \"" + kind.slug()
                + "\", version \"1.0.0\" unless asked otherwise, a short lower-case hyphenated name, and satisfy this"
                + " JSON Schema:\n" + schemas.schema(new GetManifestSchemaQuery(kind)).json();
    }

    private int iterationCap(Identity identity) {
        TenantId tenant = TenantScope.of(identity);
        return ResourceLimits.resolve(identity, overrides.forTenant(tenant), overrides.forUser(tenant,
                identity.subject())).maxIterations();
    }

    private Optional<ModelApiKey> ownKey(Identity identity) {
        if (identity instanceof Identity.ZaruUser user) {
            return ownKeys.forUser(user.tenantId(), user.subject());
        }
        return Optional.empty();
    }

    /** The JSON document in a model answer: inside a fenced block when there is one, else from the first brace. */
    static String jsonOf(String answer) {
        String text = answer.strip();
        int fence = text.indexOf("```");
        if (fence >= 0) {
            int start = text.indexOf('\n', fence);
            int end = text.indexOf("```", start < 0 ? fence + 3 : start);
            if (start >= 0 && end > start) {
                text = text.substring(start + 1, end).strip();
            }
        }
        int open = text.indexOf('{');
        int close = text.lastIndexOf('}');
        return open >= 0 && close > open ? text.substring(open, close + 1) : text;
    }

    private static String describe(List<FieldError> problems) {
        if (problems.isEmpty()) {
            return "no answer";
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < problems.size() && i < ERRORS_SHOWN; i++) {
            text.append(i == 0 ? "" : "; ").append(problems.get(i));
        }
        if (problems.size() > ERRORS_SHOWN) {
            text.append("; and ").append(problems.size() - ERRORS_SHOWN).append(" more");
        }
        return text.toString();
    }

    private static String list(List<FieldError> problems) {
        StringBuilder text = new StringBuilder();
        problems.forEach(problem -> text.append("- ").append(problem).append('\n'));
        return text.toString();
    }
}
