package ai.aegis.application.port.in;

/** Which operator tool deploys: {@code create} (a first version of a new name) or {@code update} (a newer version of an existing name). */
public enum DeployIntent {
    CREATE,
    UPDATE
}
