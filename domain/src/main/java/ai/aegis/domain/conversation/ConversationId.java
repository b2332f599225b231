package ai.aegis.domain.conversation;

import ai.aegis.domain.error.InvalidInputException;
import java.util.regex.Pattern;

/**
 * The id of one Zaru conversation (a chat session). Generated outside the domain through an id
 * port. Invariant: 1 to 128 characters of letters, digits, {@code .}, {@code _}, {@code :} and
 * {@code -}.
 */
public record ConversationId(String value) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    public ConversationId {
        if (value == null || !ID.matcher(value).matches()) {
            throw new InvalidInputException("conversation.invalid_id",
                    "conversation id must be 1 to 128 letters, digits, '.', '_', ':' or '-'");
        }
    }

    public static ConversationId of(String value) {
        return new ConversationId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
