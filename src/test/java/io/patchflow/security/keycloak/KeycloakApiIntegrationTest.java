package io.patchflow.security.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Tokens from the real Keycloak: who the caller is and which groups they have reach the API and the engine; tokens
 * that are expired, signed by another key, meant for another audience, issued by another realm, or ID tokens are
 * refused with 401 and the reason. Forged tokens are signed with a key the test installs in the realm, so that
 * everything about them is right except the one thing under test.
 */
class KeycloakApiIntegrationTest extends KeycloakIntegrationTest {

    private static KeyPair realmKey;
    private static String realmKeyId;

    @Autowired
    IdentityService identity;

    @Test
    void camundaReadsUsersAndGroupsFromKeycloak() {
        assertThat(identity.isReadOnly()).as("Keycloak owns the people; Camunda only reads them").isTrue();
        assertThat(identity.createGroupQuery().groupMember("carol").list()).extracting(Group::getId)
                .containsExactly("cab");
        assertThat(identity.createGroupQuery().groupMember("erin").list()).extracting(Group::getId)
                .containsExactlyInAnyOrder("ecab", "change-managers");
        assertThat(identity.createUserQuery().memberOfGroup("cab").list()).extracting(User::getId)
                .containsExactlyInAnyOrder("carol", "dave");
        assertThat(identity.createGroupQuery().list()).extracting(Group::getId).contains("patch-testers", "cab",
                "ecab", "change-managers", "compliance-officers", "patch-operators", "patchflow-admins");
    }

    @Test
    void aKeycloakAccessTokenNamesTheCallerAndCarriesTheirGroups() {
        JsonNode claims = claims(token("erin"));
        assertThat(claims.path("iss").asText()).isEqualTo(keycloak().issuer());
        assertThat(claims.path("preferred_username").asText()).isEqualTo("erin");
        assertThat(claims.path("groups")).extracting(JsonNode::asText).containsExactlyInAnyOrder("ecab",
                "change-managers");

        HttpResponse<String> changes = as("frank", "GET", "/api/v1/changes?size=1", null);
        assertThat(changes.statusCode()).as(changes.body()).isEqualTo(200);
        // A requester is always the caller: the token's user name, not a name in the body.
        HttpResponse<String> proposal = as("alice", "POST", "/api/v1/changes",
                "{\"title\":\"x\",\"advisories\":[\"NO-SUCH-" + run + "\"],\"requestedBy\":\"erin\"}");
        assertThat(proposal.statusCode()).as(proposal.body()).isIn(400, 403, 404, 422);
    }

    @Test
    void requestsWithoutATokenAreAskedForABearerToken() {
        HttpResponse<String> response = call("GET", "/api/v1/changes", null, null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                h -> assertThat(h).startsWith("Bearer"));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(read(response).path("detail").asText()).contains("bearer token");
        assertThat(call("GET", "/engine-rest/task", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        Instant past = Instant.now().minusSeconds(600);
        String expired = forge(claims -> claims.issueTime(Date.from(past)).notBeforeTime(null)
                .expirationTime(Date.from(past.plusSeconds(300))));
        assertRefused(expired, "expired");
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefusedEvenWithTheRealmKeysId() throws Exception {
        KeyPair stranger = rsaKeyPair();
        String forged = sign(realClaims("carol").build(), (RSAPrivateKey) stranger.getPrivate(), realmKeyId());
        assertRefused(forged, "signature");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() throws Exception {
        assertRefused(forge(claims -> claims.audience(List.of("account", "some-other-app"))), "aud");
        assertRefused(forge(claims -> claims.audience((String) null)), "aud");
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() throws Exception {
        assertRefused(forge(claims -> claims.issuer(keycloak().baseUrl() + "/realms/master")), "iss");
    }

    @Test
    void anIdTokenIsNotAnAccessToken() throws Exception {
        String idToken = keycloak().tokens("carol", "carol").path("id_token").asText();
        assertThat(claims(idToken).path("typ").asText()).isEqualTo("ID");
        assertRefused(idToken, "");
        // An ID token of Patchflow's own client names Patchflow as its audience: it is the type that refuses it.
        JWTClaimsSet id = SignedJWT.parse(idToken).getJWTClaimsSet();
        String forPatchflow = sign(new JWTClaimsSet.Builder(id).audience("patchflow").build(),
                (RSAPrivateKey) keyPair().getPrivate(), realmKeyId());
        assertRefused(forPatchflow, "not an access token");
    }

    @Test
    void garbageAndUnsignedTokensAreRefused() throws Exception {
        assertRefused("not-a-jwt", "");
        String[] parts = token("carol").split("\\.");
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes()) + "." + parts[1] + ".";
        assertRefused(unsigned, "");
    }

    @Test
    void aForgedTokenThatGetsEverythingRightIsAccepted() throws Exception {
        // The control for the refusals above: the forging itself produces tokens Patchflow accepts.
        HttpResponse<String> response = call("GET", "/api/v1/changes?size=1", forge(claims -> claims), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private void assertRefused(String token, String reason) {
        for (String path : List.of("/api/v1/changes?size=1", "/engine-rest/task")) {
            HttpResponse<String> response = call("GET", path, token, null);
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate").orElse(""))
                    .startsWith("Bearer").contains("invalid_token");
            if (path.startsWith("/api/")) {
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(read(response).path("detail").asText()).containsIgnoringCase(reason);
            }
        }
    }

    interface ClaimsChange {
        JWTClaimsSet.Builder apply(JWTClaimsSet.Builder claims);
    }

    /** Carol's real token, changed, and signed with the realm's (test-installed) key. */
    private String forge(ClaimsChange change) throws Exception {
        realmKeyId();
        return sign(change.apply(realClaims("carol")).build(), (RSAPrivateKey) realmKey.getPrivate(), realmKeyId);
    }

    private JWTClaimsSet.Builder realClaims(String user) throws Exception {
        JWTClaimsSet real = SignedJWT.parse(keycloak().token(user, user)).getJWTClaimsSet();
        return new JWTClaimsSet.Builder(real);
    }

    private static String sign(JWTClaimsSet claims, RSAPrivateKey key, String keyId) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId)
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /**
     * Installs a signing key of the test's own in the realm (priority above Keycloak's generated key), so that
     * Keycloak signs new tokens with it and publishes it; answers its key id.
     */
    private static synchronized String realmKeyId() throws Exception {
        if (realmKeyId != null) {
            return realmKeyId;
        }
        realmKey = rsaKeyPair();
        String realmId = keycloak().admin("GET", "", null).path("id").asText();
        String pem = Base64.getEncoder().encodeToString(realmKey.getPrivate().getEncoded());
        keycloak().admin("POST", "/components", Map.of("name", "test-signing-key", "providerId", "rsa",
                "providerType", "org.keycloak.keys.KeyProvider", "parentId", realmId, "config",
                Map.of("priority", List.of("1000"), "enabled", List.of("true"), "active", List.of("true"),
                        "algorithm", List.of("RS256"), "privateKey", List.of(pem))));
        SignedJWT issued = SignedJWT.parse(keycloak().token("carol", "carol"));
        assertThat(issued.verify(new RSASSAVerifier((RSAPublicKey) realmKey.getPublic())))
                .as("Keycloak signs with the installed key").isTrue();
        realmKeyId = issued.getHeader().getKeyID();
        return realmKeyId;
    }

    private static KeyPair keyPair() throws Exception {
        realmKeyId();
        return realmKey;
    }

    private static KeyPair rsaKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private JsonNode claims(String jwt) {
        try {
            return json.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
