package dev.revive.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerTokenTest {

    private final BearerToken token = new BearerToken("s3cret-token-value");

    @Test
    void acceptsTheTokenWithTheBearerScheme() {
        assertThat(token.accepts("Bearer s3cret-token-value")).isTrue();
        assertThat(token.accepts("bearer s3cret-token-value")).isTrue();
    }

    @Test
    void rejectsMissingWrongOrOtherCredentials() {
        assertThat(token.accepts(null)).isFalse();
        assertThat(token.accepts("")).isFalse();
        assertThat(token.accepts("Bearer ")).isFalse();
        assertThat(token.accepts("Bearer s3cret-token-valuE")).isFalse();
        assertThat(token.accepts("Bearer s3cret-token-value-and-more")).isFalse();
        assertThat(token.accepts("Basic s3cret-token-value")).isFalse();
        assertThat(token.accepts("s3cret-token-value")).isFalse();
    }

    @Test
    void noTokenAcceptsNothing() {
        assertThat(BearerToken.none().accepts("Bearer s3cret-token-value")).isFalse();
        assertThat(BearerToken.none().accepts("Bearer ")).isFalse();
    }
}
