package ai.aegis.application.port.in;

/** Pages through the users an administrator configured; every operator role may read. */
public interface ListUserAccountsUseCase {

    UserAccountPage list(ListUserAccountsQuery query);
}
