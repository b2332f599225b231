package ai.aegis.application.port.in;

import ai.aegis.domain.registry.ManifestValidation;

/**
 * Every problem of a manifest document, each with the JSON Pointer of its field, or the manifest
 * when there is none. Never throws for a bad document: the problems are the answer.
 */
public interface ValidateManifestUseCase {

    ManifestValidation validate(ValidateManifestCommand command);
}
