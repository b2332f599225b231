package ai.aegis.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.port.in.AuthenticateCallerUseCase;
import ai.aegis.application.port.in.AuthenticatedCaller;
import ai.aegis.application.port.in.SealPublicKeys;
import ai.aegis.domain.error.UnauthenticatedException;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import ai.aegis.domain.seal.SecurityToken;
import ai.aegis.domain.seal.SignedSecurityToken;
import ai.aegis.domain.security.SecurityContextName;
import ai.aegis.proto.v1.GetSealPublicKeysRequest;
import ai.aegis.proto.v1.OperatorIdentityServiceGrpc;
import ai.aegis.proto.v1.SealKeyServiceGrpc;
import ai.aegis.proto.v1.WhoAmIRequest;
import ai.aegis.proto.v1.WhoAmIResponse;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.MetadataUtils;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator interceptor on a real (in-process) gRPC server. The credential verifier is a test
 * double at the boundary: tokens are opaque names here; real signatures are covered where the
 * identity adapter is wired (bootstrap).
 */
class OperatorAuthInterceptorTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final String OPERATOR_TOKEN = "aaaa.operator.sig";
    private static final String CONSUMER_TOKEN = "aaaa.consumer.sig";

    private final java.util.List<ai.aegis.application.port.in.RecordRefusalCommand> refusals =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private Server server;
    private ManagedChannel channel;

    private final AuthenticateCallerUseCase authenticate = command -> {
        String token = command.credential().reveal();
        if (token.equals(OPERATOR_TOKEN)) {
            return caller(Identity.operator("sre-7", AegisRole.OPERATOR), SecurityContextName.OPERATOR, null);
        }
        if (token.equals(CONSUMER_TOKEN)) {
            TenantId tenant = TenantId.of("u-7d0b6a53-3f5e-4c2a-9f55-2a1c3b9d8e01");
            return caller(Identity.zaruUser(ZaruUserId.of("alice"), tenant, ZaruTier.PRO),
                    SecurityContextName.of("zaru-pro"), tenant);
        }
        throw new UnauthenticatedException("token.signature_invalid", "the token signature does not verify");
    };

    private static AuthenticatedCaller caller(Identity identity, SecurityContextName context, TenantId tenant) {
        SecurityToken token = new SecurityToken("jti-0123456789abcdef", identity.subject(), identity.kind(), tenant,
                context, null, NOW, NOW.plusSeconds(300));
        return new AuthenticatedCaller(identity, new SignedSecurityToken(token, "seal.compact.form"));
    }

    @BeforeEach
    void start() throws Exception {
        String name = InProcessServerBuilder.generateName();
        InProcessServerBuilder builder = InProcessServerBuilder.forName(name).directExecutor();
        GrpcServices.all(authenticate, refusals::add, query -> new SealPublicKeys("{\"keys\":[]}"))
                .forEach(builder::addService);
        server = builder.build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.shutdownNow();
    }

    private OperatorIdentityServiceGrpc.OperatorIdentityServiceBlockingStub stub(String authorization) {
        Metadata headers = new Metadata();
        if (authorization != null) {
            headers.put(OperatorAuthInterceptor.AUTHORIZATION, authorization);
        }
        return OperatorIdentityServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    @Test
    void whoAmI_operatorToken_answersSubjectRoleAndContext() {
        WhoAmIResponse response = stub("Bearer " + OPERATOR_TOKEN).whoAmI(WhoAmIRequest.getDefaultInstance());

        assertThat(response.getSubject()).isEqualTo("sre-7");
        assertThat(response.getRole()).isEqualTo("operator");
        assertThat(response.getSecurityContext()).isEqualTo("aegis-system-operator");
        assertThat(response.getSecurityTokenExpiresAtEpochSeconds()).isEqualTo(NOW.plusSeconds(300).getEpochSecond());
    }

    @Test
    void whoAmI_noAuthorization_unauthenticatedWithReasonCode() {
        assertThatThrownBy(() -> stub(null).whoAmI(WhoAmIRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                    assertThat(e.getTrailers().get(GrpcErrors.ERROR_CODE)).isEqualTo("token.missing");
                });
    }

    @Test
    void whoAmI_badSignature_unauthenticatedWithoutEchoingTheToken() {
        String forged = "aaaa.forged.signature";

        assertThatThrownBy(() -> stub("Bearer " + forged).whoAmI(WhoAmIRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                    assertThat(e.getTrailers().get(GrpcErrors.ERROR_CODE)).isEqualTo("token.signature_invalid");
                    assertThat(e.getStatus().getDescription()).doesNotContain("forged");
                });
    }

    @Test
    void whoAmI_consumerToken_permissionDenied() {
        assertThatThrownBy(() -> stub("Bearer " + CONSUMER_TOKEN).whoAmI(WhoAmIRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
                    assertThat(e.getTrailers().get(GrpcErrors.ERROR_CODE)).isEqualTo("identity.not_operator");
                });
        assertThat(refusals).singleElement().extracting(ai.aegis.application.port.in.RecordRefusalCommand::reasonCode)
                .isEqualTo("identity.not_operator");
    }

    @Test
    void whoAmI_malformedBearer_unauthenticatedMalformed() {
        assertThatThrownBy(() -> stub("Bearer not a jwt").whoAmI(WhoAmIRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                        assertThat(e.getTrailers().get(GrpcErrors.ERROR_CODE)).isEqualTo("token.malformed"));
    }

    @Test
    void sealPublicKeys_noCredential_answeredWithJwks() {
        assertThat(SealKeyServiceGrpc.newBlockingStub(channel)
                .getPublicKeys(GetSealPublicKeysRequest.getDefaultInstance()).getJwksJson())
                .isEqualTo("{\"keys\":[]}");
    }
}
