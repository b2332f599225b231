package ai.aegis.application.port.in;

import java.util.Objects;

/** A SEAL envelope as received, in JSON text, to be verified before its tool call runs. */
public record VerifySealEnvelopeCommand(String envelopeJson) {

    public VerifySealEnvelopeCommand {
        Objects.requireNonNull(envelopeJson, "envelopeJson");
    }
}
