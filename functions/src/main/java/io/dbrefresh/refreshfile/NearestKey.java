package io.dbrefresh.refreshfile;

import java.util.Collection;
import java.util.Locale;

/**
 * Finds the known key a mistyped one was probably meant to be ({@code wait_tiem} to
 * {@code wait_time}), by the optimal string alignment distance: the edits are insertion,
 * deletion, substitution and the swap of two neighbours, the usual typing slips.
 */
final class NearestKey {

    private NearestKey() {
    }

    /** The closest of {@code known}, or null when none is close enough to be a plausible typo. */
    static String suggest(String typed, Collection<String> known) {
        String lower = typed.toLowerCase(Locale.ROOT);
        // a word cut short ("latest", "wait") is as common a slip as a typo
        if (lower.length() >= 4) {
            for (String candidate : known) {
                if (candidate.toLowerCase(Locale.ROOT).startsWith(lower)) {
                    return candidate;
                }
            }
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance || d == bestDistance && best != null && candidate.compareTo(best) < 0) {
                best = candidate;
                bestDistance = d;
            }
        }
        // a third of the word, at least one edit and at most three: beyond that a suggestion misleads more than it helps
        int allowed = Math.min(3, Math.max(1, lower.length() / 3));
        return bestDistance <= allowed ? best : null;
    }

    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
