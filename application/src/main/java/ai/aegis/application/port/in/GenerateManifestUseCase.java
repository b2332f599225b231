package ai.aegis.application.port.in;

/**
 * The consumer authoring loop ({@code aegis.agent.generate}, {@code aegis.workflow.generate}): the
 * language model drafts a manifest from the intent, the draft is validated against the manifest
 * schema, the problems (each naming its field) go back to the model, and so on within the caller's
 * iteration cap; the first valid draft is deployed into the caller's own tenant, never globally.
 * Every model call counts against the caller's model-call and token rate limits (not for BYOK users).
 */
public interface GenerateManifestUseCase {

    /**
     * @throws ai.aegis.domain.error.UnavailableException {@code model.not_configured} naming the settings
     *         when no language model is configured, or the model's failure
     * @throws ai.aegis.domain.error.PreconditionFailedException {@code authoring.no_valid_draft} when no
     *         draft was valid within the cap, naming the last problems
     * @throws ai.aegis.domain.error.LimitExceededException when a model call is over the caller's rate limits
     */
    GeneratedManifest generate(GenerateManifestCommand command);
}
