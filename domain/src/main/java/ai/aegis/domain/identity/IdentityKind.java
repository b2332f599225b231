package ai.aegis.domain.identity;

/** Which identity path a caller came through: the Zaru consumer realm or the operator realm. */
public enum IdentityKind {
    ZARU_USER,
    OPERATOR
}
