package ai.aegis.domain.identity;

import ai.aegis.domain.error.InvalidInputException;

/**
 * A Zaru consumer's stable user id: the {@code sub} claim of a verified consumer token.
 * Invariant: 1 to 255 characters, none of them control characters or whitespace.
 */
public record ZaruUserId(String value) {

    public ZaruUserId {
        requireSubject(value, "user.invalid_id", "Zaru user id");
    }

    public static ZaruUserId of(String value) {
        return new ZaruUserId(value);
    }

    static void requireSubject(String value, String code, String what) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException(code, what + " is missing");
        }
        if (value.length() > 255) {
            throw new InvalidInputException(code, what + " is longer than 255 characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c)) {
                throw new InvalidInputException(code, what + " contains whitespace or a control character");
            }
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
