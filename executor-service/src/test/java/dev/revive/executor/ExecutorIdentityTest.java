package dev.revive.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.contracts.validation.Check;
import dev.revive.contracts.validation.ContractViolation;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The executor id is always a valid contracts id. */
class ExecutorIdentityTest {

    @Test
    void defaultIdIsBuiltFromHostAndPid() {
        String id = ExecutorIdentity.resolve(Optional.empty(), "build-7.example..org", 4242);

        assertThat(id).isEqualTo("executor-build-7-example-org-4242");
        assertThat(Check.ID.matcher(ExecutorIdentity.resolve(Optional.empty(), "host with spaces/and:more", 1)).matches())
                .isTrue();
    }

    @Test
    void configuredIdMustBeValid() {
        assertThat(ExecutorIdentity.resolve(Optional.of("executor-a"), "ignored", 1)).isEqualTo("executor-a");
        assertThatThrownBy(() -> ExecutorIdentity.resolve(Optional.of("bad id"), "ignored", 1))
                .isInstanceOf(ContractViolation.class);
    }
}
