package ai.aegis.application.port.in;

/** One user's account as an operator sees it; every operator role may read. */
public interface GetUserAccountUseCase {

    UserAccountDetails get(GetUserAccountQuery query);
}
