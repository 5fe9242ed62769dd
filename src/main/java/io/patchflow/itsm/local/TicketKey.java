package io.patchflow.itsm.local;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ticket keys of the built-in register: {@code PF-} and the ticket's id. */
final class TicketKey {

    private static final String PREFIX = "PF-";
    private static final Pattern KEY = Pattern.compile("PF-(\\d{1,18})");

    private TicketKey() {
    }

    static String of(long id) {
        return PREFIX + id;
    }

    /** The ticket id a key names, or empty for anything that is not a key of this register. */
    static OptionalLong idOf(String key) {
        Matcher matcher = KEY.matcher(key == null ? "" : key.trim());
        return matcher.matches() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
    }
}
