package dev.revive.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.contracts.validation.Check;
import dev.revive.contracts.validation.ContractViolation;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The executor id is always a valid contracts id, and its default is stable across restarts. */
class ExecutorIdentityTest {

    @Test
    void defaultIdIsBuiltFromTheHostAlone() {
        // when the default id is built from a host name
        String id = ExecutorIdentity.resolve(Optional.empty(), "build-7.example..org");

        // then it is that host name made a valid id, with nothing of the process in it
        assertThat(id).isEqualTo("executor-build-7-example-org");
        assertThat(Check.ID.matcher(ExecutorIdentity.resolve(Optional.empty(), "host with spaces/and:more")).matches())
                .isTrue();
    }

    @Test
    void defaultIdOfThisProcessDoesNotDependOnItsPid() {
        // given this process's pid
        String pid = Long.toString(ProcessHandle.current().pid());

        // when this process resolves its default id
        String id = ExecutorIdentity.resolve(Optional.empty());

        // then it is the one its host gives every process, so a restart on the same host keeps it
        assertThat(id).isEqualTo(ExecutorIdentity.resolve(Optional.empty(), ExecutorIdentity.hostName()))
                .doesNotEndWith("-" + pid);
    }

    @Test
    void configuredIdMustBeValid() {
        assertThat(ExecutorIdentity.resolve(Optional.of("executor-a"), "ignored")).isEqualTo("executor-a");
        assertThatThrownBy(() -> ExecutorIdentity.resolve(Optional.of("bad id"), "ignored"))
                .isInstanceOf(ContractViolation.class);
    }
}
