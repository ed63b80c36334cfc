package dev.revive.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokenSourceTest {

    private static final String PREFIX = "revive.detector.api";

    @TempDir
    Path dir;

    @Test
    void readsTheFirstLineOfTheTokenFileTrimmed() throws IOException {
        // given a token file with surrounding blanks and a second line
        Path file = Files.writeString(dir.resolve("token"), "  file-token-0123456789 \nnot-the-token\n");

        // when the token is loaded from it
        BearerToken token = ApiTokenSource.load(PREFIX, Optional.empty(), Optional.of(file));

        // then it is the first line, trimmed
        assertThat(token.accepts("Bearer file-token-0123456789")).isTrue();
        assertThat(token.accepts("Bearer not-the-token")).isFalse();
    }

    @Test
    void takesTheTokenFromConfigurationSuchAsTheEnvironment() {
        BearerToken token = ApiTokenSource.load(PREFIX, Optional.of("env-token-0123456789"), Optional.empty());

        assertThat(token.accepts("Bearer env-token-0123456789")).isTrue();
    }

    @Test
    void refusesNeitherOrBothNamingTheKeysAndTheEnvironmentVariable() {
        assertThatThrownBy(() -> ApiTokenSource.load(PREFIX, Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("revive.detector.api.token", "revive.detector.api.token-file",
                        "REVIVE_DETECTOR_API_TOKEN", "neither");
        assertThatThrownBy(() -> ApiTokenSource.load(PREFIX, Optional.of("env-token-0123456789"),
                Optional.of(dir.resolve("token")))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("both");
    }

    @Test
    void refusesAMissingFileOrAShortToken() throws IOException {
        assertThatThrownBy(() -> ApiTokenSource.load(PREFIX, Optional.empty(), Optional.of(dir.resolve("missing"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("token-file");
        Path empty = Files.writeString(dir.resolve("empty"), "");
        assertThatThrownBy(() -> ApiTokenSource.load(PREFIX, Optional.empty(), Optional.of(empty)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least 12");
        assertThatThrownBy(() -> ApiTokenSource.load(PREFIX, Optional.of("short"), Optional.empty()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least 12");
    }

    @Test
    void anOptionalTokenIsEmptyWhenUnsetAndRefusedWhenSetTwiceOrBlank() throws IOException {
        String prefix = "revive.planner.notify.webhooks.ops";
        Path file = Files.writeString(dir.resolve("webhook-token"), " hook-secret \n");

        assertThat(ApiTokenSource.loadOptional(prefix, Optional.empty(), Optional.empty())).isEmpty();
        assertThat(ApiTokenSource.loadOptional(prefix, Optional.empty(), Optional.of(file))).contains("hook-secret");
        assertThat(ApiTokenSource.loadOptional(prefix, Optional.of("env-secret"), Optional.empty()))
                .contains("env-secret");
        assertThatThrownBy(() -> ApiTokenSource.loadOptional(prefix, Optional.of("x"), Optional.of(file)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(prefix + ".token-file", "both");
        assertThatThrownBy(() -> ApiTokenSource.loadOptional(prefix, Optional.of("  "), Optional.empty()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("blank");
    }
}
