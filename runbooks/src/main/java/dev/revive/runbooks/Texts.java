package dev.revive.runbooks;

import dev.revive.contracts.validation.Check;

/** Texts that go into events: cut to the contracts' bound so that a long reason never breaks a record. */
public final class Texts {

    private Texts() {
    }

    /** {@code text}, cut to {@link Check#MAX_TEXT} characters with an ellipsis when longer; null stays null. */
    public static String bounded(String text) {
        if (text == null || text.length() <= Check.MAX_TEXT) {
            return text;
        }
        return text.substring(0, Check.MAX_TEXT - 1) + "…";
    }
}
