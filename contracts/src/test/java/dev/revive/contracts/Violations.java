package dev.revive.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.contracts.validation.ContractViolation;
import dev.revive.contracts.validation.ContractViolation.Reason;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts that building a record fails with a {@link ContractViolation} naming the field and the reason. */
public final class Violations {

    private Violations() {
    }

    /** {@code construction} throws a violation of {@code field} for {@code reason}. */
    public static void assertViolation(ThrowingCallable construction, String field, Reason reason) {
        assertThatThrownBy(construction)
                .isInstanceOfSatisfying(ContractViolation.class, violation -> {
                    assertThat(violation.field()).as(violation.getMessage()).isEqualTo(field);
                    assertThat(violation.reason()).as(violation.getMessage()).isEqualTo(reason);
                });
    }
}
