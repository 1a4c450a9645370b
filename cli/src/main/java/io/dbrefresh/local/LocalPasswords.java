package io.dbrefresh.local;

import java.security.SecureRandom;

/** Throw-away master passwords for the emulated account's seeded databases. */
final class LocalPasswords {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private LocalPasswords() {
    }

    static String random() {
        StringBuilder b = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
