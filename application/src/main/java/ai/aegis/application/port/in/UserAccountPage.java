package ai.aegis.application.port.in;

import ai.aegis.application.port.out.UserAccountKey;
import ai.aegis.domain.tenancy.UserAccount;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of configured users; {@code next} is where the following page starts, empty on the last page. */
public record UserAccountPage(List<UserAccount> users, Optional<UserAccountKey> next) {

    public UserAccountPage {
        users = List.copyOf(users);
        Objects.requireNonNull(next, "next");
    }
}
