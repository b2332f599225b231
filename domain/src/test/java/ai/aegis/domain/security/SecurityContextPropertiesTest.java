package ai.aegis.domain.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class SecurityContextPropertiesTest {

    private static final List<ToolRequest> REQUESTS = RandomContexts.allRequests();

    @Property(tries = 400)
    void exceedsCeilingOf_whenChildFits_everyCallItAllowsTheParentAllows(@ForAll long seed) {
        Random random = new Random(seed);
        SecurityContext parent = RandomContexts.context(random, "aegis-system-parent");
        SecurityContext child = random.nextBoolean()
                ? RandomContexts.narrowed(random, parent, "aegis-system-child")
                : RandomContexts.context(random, "aegis-system-child");

        if (child.exceedsCeilingOf(parent).isEmpty()) {
            for (ToolRequest request : REQUESTS) {
                if (child.decide(request).allowed()) {
                    assertThat(parent.decide(request).allowed()).as(request + " child=" + child.capabilities()
                            + " parent=" + parent.capabilities()).isTrue();
                }
            }
        }
    }

    @Example
    void generator_narrowedChildren_oftenFitAndAllowSomething() {
        int fitting = 0;
        for (long seed = 0; seed < 200; seed++) {
            Random random = new Random(seed);
            SecurityContext parent = RandomContexts.context(random, "aegis-system-parent");
            SecurityContext child = RandomContexts.narrowed(random, parent, "aegis-system-child");
            if (child.exceedsCeilingOf(parent).isEmpty() && REQUESTS.stream().anyMatch(r -> child.decide(r).allowed())) {
                fitting++;
            }
        }
        assertThat(fitting).isGreaterThan(40);
    }

    @Property(tries = 200)
    void exceedsCeilingOf_anyContext_fitsUnderItself(@ForAll long seed) {
        SecurityContext context = RandomContexts.context(new Random(seed), "aegis-system-self");

        assertThat(context.exceedsCeilingOf(context)).isEmpty();
    }

    @Property(tries = 200)
    void decide_denyListedTool_alwaysDenied(@ForAll long seed) {
        SecurityContext context = RandomContexts.context(new Random(seed), "aegis-system-any");
        for (ToolRequest request : REQUESTS) {
            boolean denyListed = context.denyList().stream().anyMatch(p -> p.matches(request.toolName()));
            if (denyListed) {
                assertThat(context.decide(request).code()).isEqualTo("policy.deny_list");
            }
        }
    }
}
