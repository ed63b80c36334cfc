package dev.revive.contracts.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Free text reaches a log line as one line, escaped and bounded. */
class LogSafeTest {

    @Test
    void lineBreaksAndTabsAreEscaped() {
        // given
        String evidence = "disk full\r\n2026-11-30 INFO forged line\tend";

        // when
        String safe = LogSafe.text(evidence);

        // then
        assertThat(safe).isEqualTo("disk full\\r\\n2026-11-30 INFO forged line\\tend");
    }

    @Test
    void otherControlCharactersAndUnicodeLineSeparatorsBecomeUnicodeEscapes() {
        // given
        String detail = "a\u0000b\u001b[31mc\u0085d\u2028e\u2029f\u007f";

        // when
        String safe = LogSafe.text(detail);

        // then
        assertThat(safe).isEqualTo("a\\u0000b\\u001b[31mc\\u0085d\\u2028e\\u2029f\\u007f");
    }

    @Test
    void plainTextIsUnchanged() {
        assertThat(LogSafe.text("etcd m1 is down: connection refused (é, 東京)"))
                .isEqualTo("etcd m1 is down: connection refused (é, 東京)");
    }

    @Test
    void longTextIsCutAndSaysHowMuchWasLeftOff() {
        // given
        String detail = "x".repeat(LogSafe.MAX_CHARS + 10);

        // when
        String safe = LogSafe.text(detail);

        // then
        assertThat(safe).isEqualTo("x".repeat(LogSafe.MAX_CHARS) + "…(+10 chars)");
    }

    @Test
    void nullIsWrittenAsNull() {
        assertThat(LogSafe.text(null)).isEqualTo("null");
    }
}
