package ai.aegis.architecture.webfixture;

import ai.aegis.adapters.web.HttpWebPageAdapter;
import ai.aegis.adapters.web.WebSettings;

/** Deliberately calls the test-only loopback allowance so that WebAdapterCoveredTest can prove its rule bites. */
public final class LoopbackAllowanceCaller {

    public HttpWebPageAdapter adapter() {
        return HttpWebPageAdapter.forTestsAllowingLoopbackPort(WebSettings.defaults(), 8080);
    }
}
